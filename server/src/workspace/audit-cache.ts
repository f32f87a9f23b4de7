/**
 * Results of unchanged files, kept between audits (`--cache` of the CLI, as ESLint users know it; the
 * editor's *Audit Workspace* keeps one in memory). A file's result is reused when its content (a
 * SHA-256 of its text), the engine (a digest of the analysing bundle) and its effective settings
 * (engine config, size limit) are all what they were. Only each file's own analysis is reused:
 * cross-file results (Bicep module calls, parameter files) are recomputed every audit from the
 * files' summaries, so editing a caller still changes its modules' findings.
 *
 * On disk: one JSON line of header (magic, format version, engine digest, SHA-256 of the body),
 * then the body. A file that fails any check — unreadable, another tool's, another engine's, cut
 * short, edited — is ignored with a notice and replaced at the end of the audit; it is never trusted.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { FileAuditSettings, FileOutcome } from './audit.js';
import type { AuditFinding } from './fingerprint.js';
import type { Notice } from './discover.js';
import type { FileStamp } from './read-source.js';

const MAGIC = 'azure-ai-security audit cache';
const FORMAT = 1;

/** The default of `--cache-location`, as ESLint's `node_modules/.cache/…` convention. */
export const DEFAULT_CACHE_LOCATION = path.join('node_modules', '.cache', 'azure-ai-security');
const CACHE_FILE = 'audit-cache.json';

/** The cross-file phase's findings of the files it changed, and the workspace key they were computed for. */
interface CrossFileEntry {
  key: string;
  findings: Record<string, AuditFinding[]>;
}

interface Entry {
  digest: string;
  settings: string;
  outcome: FileOutcome;
  /**
   * The file's size, modification time and inode when its text had `digest`, kept only when that
   * time was over 2 s before the audit began (as git does: a file changed within the clock's
   * granularity of being read may keep its time, so such a stamp proves nothing).
   */
  stamp?: FileStamp;
}

/** How much older than the audit a file's modification time must be for its stat to vouch for its content. */
const RACY_MS = 2000;

/** The digest a cache compares: SHA-256 of the file's text. */
export function contentDigest(text: string): string {
  return createHash('sha256').update(text).digest('base64');
}

const SETTINGS_KEYS = new WeakMap<FileAuditSettings, string>();

/** The part of a file's settings its analysis depends on, as a string. */
export function settingsKey(settings: FileAuditSettings): string {
  let key = SETTINGS_KEYS.get(settings);
  if (key === undefined) {
    key = JSON.stringify([settings.config ?? null, settings.maxFileBytes]);
    SETTINGS_KEYS.set(settings, key);
  }
  return key;
}

export class AuditCache {
  private readonly previous: Map<string, Entry>;
  /** This audit's entries: what is saved (files gone since are dropped). */
  private readonly current = new Map<string, Entry>();
  hits = 0;
  misses = 0;
  /** When this audit began: stamps of files modified after `startedAt - RACY_MS` are not kept. */
  private readonly startedAt = Date.now();

  /**
   * `file`: where the cache is kept (undefined: in memory only, the editor's). `engine`: a digest of
   * the engine that analyses; a cache of another engine is ignored.
   */
  constructor(
    readonly file: string | undefined,
    readonly engine: string,
    previous?: Map<string, Entry>,
  ) {
    this.previous = previous ?? new Map<string, Entry>();
    this.loadedFromDisk = previous !== undefined;
  }

  private readonly loadedFromDisk: boolean;

  /** Loads the cache file `file` (`cacheFileAt` of a location); any problem with it becomes a notice and an empty cache. */
  static load(file: string, engine: string, notices: Notice[]): AuditCache {
    if (!existsSync(file)) return new AuditCache(file, engine);
    const ignored = (why: string) => {
      notices.push({ path: file, message: `Cache ignored: ${why}; every file is analysed and the cache written anew.` });
      return new AuditCache(file, engine);
    };
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      return ignored(`cannot read it (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
    }
    const newline = text.indexOf('\n');
    let header: { magic?: unknown; format?: unknown; engine?: unknown; digest?: unknown };
    try {
      header = JSON.parse(newline < 0 ? text : text.slice(0, newline)) as typeof header;
    } catch {
      return ignored('it is not an Azure AI Security cache');
    }
    if (header?.magic !== MAGIC) return ignored('it is not an Azure AI Security cache');
    if (header.format !== FORMAT || header.engine !== engine) return ignored('it was written by another version of Azure AI Security');
    const body = newline < 0 ? '' : text.slice(newline + 1);
    if (createHash('sha256').update(body).digest('base64') !== header.digest) return ignored('it is damaged (its checksum does not match)');
    try {
      const parsed = JSON.parse(body) as { files: Record<string, Entry>; crossFile?: CrossFileEntry };
      const cache = new AuditCache(file, engine, new Map(Object.entries(parsed.files)));
      cache.previousCrossFile = parsed.crossFile;
      return cache;
    } catch {
      return ignored('it is damaged');
    }
  }

  /** The digest of `file`'s text when it was last analysed with these settings; undefined when it must be analysed. */
  knownDigest(file: string, settings: FileAuditSettings): string | undefined {
    const entry = this.previous.get(file);
    return entry && entry.settings === settingsKey(settings) ? entry.digest : undefined;
  }

  /**
   * Whether `file` is unchanged without reading it: analysed with these settings, and its size,
   * modification time and inode are those of a stamp old enough to trust.
   */
  unchangedByStat(file: string, settings: FileAuditSettings): boolean {
    const entry = this.previous.get(file);
    if (!entry?.stamp || entry.settings !== settingsKey(settings)) return false;
    try {
      const stat = statSync(file);
      return stat.isFile() && stat.size === entry.stamp.size && stat.mtimeMs === entry.stamp.mtimeMs && stat.ino === entry.stamp.ino;
    } catch {
      return false;
    }
  }

  /**
   * The outcome cached for `file` (its stat or its text's digest says it is unchanged): reused, and
   * kept for the next audit; `stamp` is the file's stat as its text was read, when it was.
   */
  reuse(file: string, stamp?: FileStamp): FileOutcome {
    const entry = this.previous.get(file)!;
    this.current.set(file, stamp ? { ...entry, stamp: this.trusted(stamp) } : entry);
    this.hits++;
    return copyOf(entry.outcome);
  }

  /** Keeps a fresh analysis (its own findings, before any cross-file phase changes them). */
  store(file: string, digest: string, settings: FileAuditSettings, outcome: FileOutcome, stamp?: FileStamp): void {
    this.misses++;
    this.current.set(file, { digest, settings: settingsKey(settings), outcome: copyOf(outcome), stamp: stamp && this.trusted(stamp) });
  }

  private trusted(stamp: FileStamp): FileStamp | undefined {
    return stamp.mtimeMs < this.startedAt - RACY_MS ? stamp : undefined;
  }

  /**
   * What cross-file results depend on: every file of the audit, its text's digest and settings (a
   * file the cache does not know, or one without a text, makes the key undefined: recompute).
   */
  workspaceKey(files: readonly string[]): string | undefined {
    const hash = createHash('sha256').update(this.engine);
    for (const file of [...files].sort()) {
      const entry = this.current.get(file);
      if (!entry) return undefined;
      hash.update(`${file}\0${entry.digest}\0${entry.settings}\0`);
    }
    return hash.digest('base64');
  }

  /** The findings the cross-file phase gave each file it changed, when the workspace is the one they were computed for. */
  crossFileFindings(key: string | undefined): ReadonlyMap<string, AuditFinding[]> | undefined {
    return key !== undefined && this.previousCrossFile?.key === key ? new Map(Object.entries(this.previousCrossFile.findings)) : undefined;
  }

  /** Keeps the cross-file phase's findings of the files it changed, for a workspace that stays the same. */
  keepCrossFile(key: string | undefined, findings: ReadonlyMap<string, AuditFinding[]>): void {
    this.currentCrossFile = key === undefined ? undefined : { key, findings: Object.fromEntries(findings) };
  }

  private previousCrossFile: CrossFileEntry | undefined;
  private currentCrossFile: CrossFileEntry | undefined;

  /** Forgets a file (the editor: its text changed, so its entry is stale). */
  forget(file: string): void {
    this.previous.delete(file);
    this.current.delete(file);
  }

  /** This audit's entries become the previous ones (the editor keeps the cache in memory between audits). */
  roll(): void {
    this.previous.clear();
    for (const [file, entry] of this.current) this.previous.set(file, entry);
    this.previousCrossFile = this.currentCrossFile;
    this.discardRun();
  }

  /** Forgets what this audit added (a cancelled one): the previous entries stay. */
  discardRun(): void {
    this.current.clear();
    this.currentCrossFile = undefined;
    this.hits = 0;
    this.misses = 0;
  }

  /** Whether this audit's entries differ from those loaded: no file analysed, none gone, no stamp renewed. */
  private changed(): boolean {
    if (this.misses > 0 || this.current.size !== this.previous.size || !this.loadedFromDisk || this.currentCrossFile?.key !== this.previousCrossFile?.key) return true;
    for (const [file, entry] of this.current) if (this.previous.get(file) !== entry) return true;
    return false;
  }

  /** Writes the cache (aside, then renamed into place); a failure is a notice, never a failed audit. */
  save(notices: Notice[]): void {
    if (!this.file || !this.changed()) return;
    const body = JSON.stringify({ files: Object.fromEntries(this.current), crossFile: this.currentCrossFile });
    const header = JSON.stringify({ magic: MAGIC, format: FORMAT, engine: this.engine, digest: createHash('sha256').update(body).digest('base64') });
    const partial = `${this.file}.${process.pid}.partial`;
    try {
      mkdirSync(path.dirname(this.file), { recursive: true });
      writeFileSync(partial, `${header}\n${body}`, { mode: 0o600 });
      renameSync(partial, this.file);
    } catch (error) {
      notices.push({ path: this.file, message: `Cache not written: ${(error as NodeJS.ErrnoException).code ?? String(error)}.` });
      try {
        unlinkSync(partial);
      } catch {
        // Never written.
      }
    }
  }
}

/** `location` names a folder (an existing one, or one ending in a separator) or the cache file itself. */
export function cacheFileAt(location: string): string {
  const endsWithSeparator = /[/\\]$/.test(location);
  let isFolder = endsWithSeparator;
  if (!isFolder) {
    try {
      isFolder = statSync(location).isDirectory();
    } catch {
      isFolder = false;
    }
  }
  return isFolder ? path.join(location, CACHE_FILE) : location;
}

/** What the CLI's engine is: a digest of the bundles that analyse (their code decides every finding). */
export function engineDigest(bundles: readonly string[], version: string): string {
  const hash = createHash('sha256').update(version);
  for (const bundle of bundles) {
    try {
      hash.update(readFileSync(bundle));
    } catch {
      hash.update(`no ${bundle}`);
    }
  }
  return hash.digest('base64').slice(0, 24);
}

/** A copy that shares nothing mutable with the original (cross-file phases replace a file's findings in place). */
function copyOf(outcome: FileOutcome): FileOutcome {
  return { notices: outcome.notices, file: outcome.file && { ...outcome.file, text: undefined } };
}
