import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { compileCacheFolder } from '../compile-cache.js';
import type { FolderSettings } from './audit-settings.js';
import {
  addOutcome,
  auditForWorker,
  fileAuditSettings,
  usableCache,
  type AuditOptions,
  type AuditResult,
  type FileAuditSettings,
  type FileOutcome,
  type Judged,
  type WorkerAnswer,
} from './audit.js';
import type { DiscoveredFile, Notice } from './discover.js';
import type { FileStamp } from './read-source.js';
import type { FileSummary } from '../engine/summary.js';
import type { Language } from '../engine/types.js';
import { WorkspaceModel } from './model.js';

/** Below this many files, starting workers (each loads the engine) costs more than it saves. */
export const PARALLEL_MIN_FILES = 300;
/** Files per message: small enough to balance a pathological file, large enough to amortise messaging. */
const BATCH_FILES = 24;

/**
 * One file of a batch: its index in discovery order, its path, its settings (by id), its text when the main
 * thread has it (the editor's, or what another worker read and handed on), and with a cache the digest of the
 * text last analysed ('' when none).
 */
export type WorkerFile = [index: number, file: string, settingsId: number, text: string | undefined, knownDigest?: string];

/** A file to judge again with the workspace in view (audit.ts `judgeWithWorkspace`): its place in the pass's list, path, settings (by id), language. */
export type JudgedFile = [item: number, file: string, settingsId: number, language: Language | undefined];

/** What the main thread sends a worker, and what the worker answers. */
export interface WorkerRequest {
  batch: WorkerFile[];
  /** Settings the batch uses that this worker has not been sent yet. */
  settings: Array<[id: number, settings: FileAuditSettings]>;
  /** The pass across files: the workspace model's summaries, with the worker's first batch of it. */
  summaries?: Array<[file: string, summary: FileSummary]>;
  /** The pass across files: files to judge again with the workspace in view (`batch` is empty). */
  judge?: JudgedFile[];
}
export interface WorkerReply {
  /** No outcome: the file's text has the known digest, its cached outcome stands. `digest` when the batch had a cache. */
  outcomes: Array<[index: number, outcome: FileOutcome | undefined, digest?: string, stamp?: FileStamp]>;
  /** Files that need the TypeScript compiler, which this worker does not load, with the text read: they go to the one that does. */
  handoffs: Array<[index: number, text: string, digest?: string, stamp?: FileStamp]>;
  /** The pass across files: each file's new findings, or undefined when it keeps those of its own analysis. */
  judged?: Array<[item: number, judged: Judged | undefined]>;
}

/** The pass across files on the workers, while it runs: what is left to send, and what came back. */
interface Judging {
  files: JudgedFile[];
  /** Items (indexes into `files`) any worker may take: templates and parameter files. */
  open: number[];
  /** Code files: only the compiler's worker takes them (judging one may parse it). */
  code: number[];
  results: Array<Judged | undefined>;
  done: number;
  summaries: Array<[file: string, summary: FileSummary]>;
  /** The main thread's own judgement, for the files of a worker that failed. */
  here: (file: JudgedFile) => Judged | undefined;
  resolve: (results: Array<Judged | undefined>) => void;
}

/** Files per message in the pass across files: each costs about a millisecond, so small batches keep both workers busy to the end. */
const JUDGE_BATCH = 6;

/** The bundled worker entry (`dist/audit-worker.js`, next to `dist/cli.js` and `dist/server.js`); absent when running from source. */
function workerScript(): string | undefined {
  const file = path.join(__dirname, 'audit-worker.js');
  return existsSync(file) ? file : undefined;
}

/**
 * Worker threads when `jobs` is not given: one per core, at most two. Each worker compiles the
 * engine and holds the trees it parses, and the first also the TypeScript compiler (~50 MB; the others
 * hand it the files that need it), so threads cost memory, and the audit must stay within 250 MB
 * (test/cli/memory.test.ts); the main thread only walks the tree and collects results, without the
 * compiler. `--jobs N` buys more threads with memory.
 */
export function defaultJobs(): number {
  return Math.max(1, Math.min(2, availableParallelism()));
}

/**
 * Heap limits of a worker: a small young generation (scavenged often, while little is alive) and an
 * old generation that holds the largest tree the size limit lets in (a 2 MB file) with room to spare.
 * A worker that still runs out of memory hands its files back to the main thread.
 */
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: 96 };

/** Batches a worker may hold at once: enough to stay busy while the main thread is walking folders. */
const IN_FLIGHT = 3;

interface PoolWorker {
  worker: Worker;
  /** The one worker that loads the TypeScript compiler (the first started). */
  typescript: boolean;
  sent: WorkerRequest[];
  /** Settings ids this worker has been sent. */
  knows: Set<number>;
  /** Out of memory: its unfinished files were analysed on the main thread, and it is sent nothing more. */
  failed: boolean;
  /** It has the workspace model's summaries of the pass across files. */
  hasSummaries: boolean;
}

/**
 * Worker threads fed from a list of files that may still be growing (discovery appends to it).
 * Files go out in batches to whichever worker has room; analysis runs on workers, whose heaps have
 * limits, so the main thread stays small (`--jobs 1` is one worker). Outcomes are put back in
 * discovery order, so the result (files and notices alike) is exactly the single-threaded one.
 */
export class WorkerPool {
  private readonly outcomes: Array<FileOutcome | undefined> = [];
  /** Started as batches wait for them, up to `jobs`: a small tree does not load the engine `jobs` times. */
  private readonly workers: PoolWorker[] = [];
  /** Worker settings by folder settings object: a tree with one config file sends one. */
  private readonly settingsIds = new Map<FolderSettings, number>();
  private readonly settingsById: FileAuditSettings[] = [];
  /** Files (by index) to analyse, in discovery order; `next` is the next one to send. */
  private readonly queue: number[] = [];
  private next = 0;
  /**
   * Files another worker handed back because they need the TypeScript compiler: the compiler (its code,
   * its JIT warm-up, ~50 MB) is loaded by one worker only, and most TS/JS files never need it (no prefilter holds).
   */
  private readonly compilerQueue: Array<[index: number, text: string]> = [];
  /** The digest and stamp of each handed-back file's text, for the cache when its outcome comes. */
  private readonly handedBack = new Map<number, { digest?: string; stamp?: FileStamp }>();
  /** Files up to here have been queued or answered from the cache. */
  private screened = 0;
  private done = 0;
  private complete = false;
  private cancelled = false;
  /** The first pass is over (every file has its outcome, or the audit was cancelled or failed). */
  private settled = false;
  /** The workers were terminated: nothing they still send counts. */
  private terminated = false;
  private judging: Judging | undefined;
  private resolve!: () => void;
  private reject!: (error: Error) => void;
  private readonly finished = new Promise<void>((resolve, reject) => {
    this.resolve = resolve;
    this.reject = reject;
  });

  /** A pool on `files` (which may still grow), or undefined when there is no worker bundle (running from source). */
  static start(files: readonly DiscoveredFile[], options: AuditOptions, notices: Notice[]): WorkerPool | undefined {
    const script = workerScript();
    if (!script) return undefined;
    const pool = new WorkerPool(files, options, notices, script, Math.max(1, options.jobs ?? defaultJobs()));
    pool.pump();
    return pool;
  }

  private constructor(
    private readonly files: readonly DiscoveredFile[],
    private readonly options: AuditOptions,
    private readonly notices: Notice[],
    private readonly script: string,
    private readonly jobs: number,
  ) {
    // A worker can fail while discovery is still going, before `finish` awaits this: not unhandled.
    this.finished.catch(() => undefined);
    // Cancelled: stop at once, without waiting for the batches in flight (the editor's audit must stop quickly).
    options.signal?.addEventListener(
      'abort',
      () => {
        if (this.settled) return;
        this.cancelled = true;
        this.stop();
      },
      { once: true },
    );
  }

  /** Cancelled: the workers are terminated, and the first pass ends with what it has. */
  private stop(): void {
    if (this.settled) return;
    this.settled = true;
    void this.close().then(() => this.resolve());
  }

  /** Terminates the workers: once the audit no longer needs them (after `finish`, and the pass across files when there is one). */
  async close(): Promise<void> {
    if (this.terminated) return;
    this.terminated = true;
    await Promise.all(this.workers.map((w) => w.worker.terminate()));
  }

  private spawn(): PoolWorker {
    const typescript = this.workers.length === 0;
    const worker = new Worker(this.script, { resourceLimits: WORKER_LIMITS, workerData: { compileCacheFolder: compileCacheFolder(), typescript } });
    const entry: PoolWorker = { worker, typescript, sent: [], knows: new Set(), failed: false, hasSummaries: false };
    this.workers.push(entry);
    entry.worker.on('message', (reply: WorkerReply) => {
      if (this.terminated) return;
      entry.sent.shift();
      if (reply.judged) {
        for (const [item, judged] of reply.judged) this.judgedOne(item, judged);
        return this.pumpJudging();
      }
      for (const [index, text, digest, stamp] of reply.handoffs) {
        this.compilerQueue.push([index, text]);
        this.handedBack.set(index, { digest, stamp });
      }
      for (const [index, outcome, digest, stamp] of reply.outcomes) this.recordReply(index, { outcome, digest, stamp });
      this.pump();
    });
    entry.worker.once('error', (error: Error & { code?: string }) => {
      if (error.code !== 'ERR_WORKER_OUT_OF_MEMORY') return this.fail(error);
      // Out of memory (a file that parses into a huge tree): its files are analysed here, the rest
      // go on to the other workers (or here too, when none is left).
      entry.failed = true;
      for (const request of entry.sent.splice(0)) {
        for (const item of request.batch) if (!this.outcomes[item[0]]) this.auditHere(item);
        for (const file of request.judge ?? []) this.judgedOne(file[0], this.judging!.here(file));
      }
      if (this.judging) this.pumpJudging();
      else this.pump();
    });
    // Workers end only when the pool terminates them (or after an error, handled above).
    entry.worker.once('exit', (code) => {
      if (!this.terminated && !entry.failed) this.fail(new Error(`audit worker exited with code ${code} before it finished`));
    });
    return entry;
  }

  private auditHere([index, file, settingsId, text, knownDigest]: WorkerFile): void {
    this.recordReply(index, auditForWorker(file, this.settingsById[settingsId]!, text, knownDigest, true));
  }

  /**
   * A worker's answer for one file: a fresh outcome (kept in the cache when there is one), or the cached one.
   * A handed-back file's digest and stamp are those the worker that read it gave.
   */
  private recordReply(index: number, { outcome, ...read }: Omit<WorkerAnswer, 'handoff'>): void {
    const { digest, stamp } = this.handedBack.get(index) ?? read;
    this.handedBack.delete(index);
    const cache = usableCache(this.options);
    const { path: file, settings } = this.files[index]!;
    if (!outcome) return this.record(index, cache!.reuse(file, stamp));
    if (cache && digest !== undefined) cache.store(file, digest, this.settingsById[this.settingsIdOf(settings)]!, outcome, stamp);
    this.record(index, outcome);
  }

  private record(index: number, outcome: FileOutcome): void {
    this.outcomes[index] = outcome;
    this.done++;
    if (outcome.file) this.options.onFile?.(outcome.file, this.files[index]!.settings);
    this.options.onProgress?.(this.done, this.files.length);
  }

  private settingsIdOf(settings: FolderSettings): number {
    let id = this.settingsIds.get(settings);
    if (id === undefined) {
      id = this.settingsById.push(fileAuditSettings(settings, this.options)) - 1;
      this.settingsIds.set(settings, id);
    }
    return id;
  }

  /**
   * Moves the files found since the last look into the queue of work, except those the cache knows
   * unchanged by their stat (recorded at once: no worker is started or sent anything for them).
   */
  private screen(): void {
    const cache = usableCache(this.options);
    for (; this.screened < this.files.length; this.screened++) {
      const { path: file, settings } = this.files[this.screened]!;
      if (cache && !this.options.openText?.(file) && cache.unchangedByStat(file, this.settingsById[this.settingsIdOf(settings)]!)) {
        this.record(this.screened, cache.reuse(file));
      } else this.queue.push(this.screened);
    }
  }

  /** Whether a batch can go: while files are still being found, only full batches go. */
  private hasBatch(): boolean {
    if (this.options.signal?.aborted) this.cancelled = true;
    if (!this.cancelled) this.screen();
    const available = this.queue.length - this.next;
    return !this.cancelled && available > 0 && (this.complete || available >= BATCH_FILES);
  }

  /** The next batch for a worker: handed-back files first for the compiler's worker, else files in discovery order. */
  private takeBatch(knows: Set<number>, typescript = false): WorkerRequest | undefined {
    let items: Array<[index: number, text?: string]>;
    if (typescript && this.compilerQueue.length > 0 && !this.cancelled) items = this.compilerQueue.splice(0, BATCH_FILES);
    else if (!this.hasBatch()) return undefined;
    else {
      const count = Math.min(BATCH_FILES, this.queue.length - this.next);
      items = this.queue.slice(this.next, this.next + count).map((index) => [index]);
      this.next += count;
    }
    const request: WorkerRequest = { batch: [], settings: [] };
    const cache = usableCache(this.options);
    for (const [index, handedBack] of items) {
      const { path: file, settings } = this.files[index]!;
      const id = this.settingsIdOf(settings);
      if (!knows.has(id)) {
        knows.add(id);
        request.settings.push([id, this.settingsById[id]!]);
      }
      // A handed-back text was compared with the cache by the worker that read it.
      const text = handedBack ?? this.options.openText?.(file);
      request.batch.push(cache && text === undefined ? [index, file, id, text, cache.knownDigest(file, this.settingsById[id]!) ?? ''] : [index, file, id, text]);
    }
    return request;
  }

  /** Tops every worker up to IN_FLIGHT batches, starting workers while batches wait; settles the pool once everything is in. */
  pump(): void {
    if (this.settled) return;
    const topUp = (entry: PoolWorker) => {
      for (let request; entry.sent.length < IN_FLIGHT && (request = this.takeBatch(entry.knows, entry.typescript));) {
        entry.sent.push(request);
        entry.worker.postMessage(request);
      }
    };
    for (const entry of this.workers) if (!entry.failed) topUp(entry);
    while (this.workers.length < this.jobs && this.hasBatch()) topUp(this.spawn());
    const live = this.workers.filter((w) => !w.failed);
    if (live.length === 0) {
      // Every worker ran out of memory: the main thread takes what is left.
      for (let request; (request = this.takeBatch(new Set(), true));) for (const item of request.batch) this.auditHere(item);
    } else if (!live.some((w) => w.typescript) && !this.cancelled) {
      // The compiler's worker ran out of memory: the files that need the compiler are analysed here.
      for (let request; this.compilerQueue.length > 0 && (request = this.takeBatch(new Set(), true));) for (const item of request.batch) this.auditHere(item);
    }
    const idle = live.every((w) => w.sent.length === 0);
    const drained = this.compilerQueue.length === 0 && this.screened >= this.files.length && this.next >= this.queue.length;
    if (idle && this.cancelled) this.stop();
    else if (idle && this.complete && drained) {
      // The first pass is over; the workers stay for the pass across files (`judge`) until `close`.
      this.settled = true;
      this.resolve();
    }
  }

  private fail(error: Error): void {
    if (this.terminated) return;
    void this.close();
    if (this.settled && this.judging) {
      // The pass across files goes on here: what the workers did not finish is judged on the main thread.
      const judging = this.judging;
      for (const item of [...judging.open.splice(0), ...judging.code.splice(0)]) this.judgedOne(item, judging.here(judging.files[item]!));
      for (const entry of this.workers) for (const request of entry.sent.splice(0)) for (const file of request.judge ?? []) this.judgedOne(file[0], judging.here(file));
      return this.pumpJudging();
    }
    this.settled = true;
    this.reject(error);
  }

  /**
   * The pass across files (audit.ts `crossFilePhase`) on the workers that did the first pass, which have the
   * engine compiled and warm: each gets the model's summaries once, then batches of files, code files going to
   * the compiler's worker. `here` judges a file on the main thread (a worker that failed). Results in `files`' order.
   */
  judge(files: readonly JudgedFile[], summaries: Array<[file: string, summary: FileSummary]>, here: (file: JudgedFile) => Judged | undefined): Promise<Array<Judged | undefined>> {
    return new Promise((resolve) => {
      const open: number[] = [];
      const code: number[] = [];
      for (const [item, , , language] of files) (language === 'typescript' ? code : open).push(item);
      this.judging = { files: [...files], open, code, results: [], done: 0, summaries, here, resolve };
      this.pumpJudging();
    });
  }

  private judgedOne(item: number, judged: Judged | undefined): void {
    const judging = this.judging!;
    judging.results[item] = judged;
    judging.done++;
  }

  private pumpJudging(): void {
    const judging = this.judging!;
    const live = this.workers.filter((w) => !w.failed && !this.terminated);
    // Code files need the compiler's worker: without it (it failed), the main thread judges them.
    if (!live.some((w) => w.typescript)) for (const item of judging.code.splice(0)) this.judgedOne(item, judging.here(judging.files[item]!));
    if (live.length === 0) for (const item of judging.open.splice(0)) this.judgedOne(item, judging.here(judging.files[item]!));
    for (const entry of live) {
      while (entry.sent.length < IN_FLIGHT) {
        const items = entry.typescript ? judging.code.splice(0, JUDGE_BATCH) : [];
        items.push(...judging.open.splice(0, JUDGE_BATCH - items.length));
        if (items.length === 0) break;
        const request: WorkerRequest = { batch: [], settings: [], judge: items.map((item) => judging.files[item]!) };
        for (const [, , id] of request.judge!) {
          if (entry.knows.has(id)) continue;
          entry.knows.add(id);
          request.settings.push([id, this.settingsById[id]!]);
        }
        if (!entry.hasSummaries) {
          request.summaries = judging.summaries;
          entry.hasSummaries = true;
        }
        entry.sent.push(request);
        entry.worker.postMessage(request);
      }
    }
    if (judging.done === judging.files.length) judging.resolve(judging.results);
  }

  /** The settings id of a folder's settings, for `JudgedFile`. */
  settingsFor(settings: FolderSettings): number {
    return this.settingsIdOf(settings);
  }

  /** The settings of an id, for judging a file on the main thread. */
  settingsOf(id: number): FileAuditSettings {
    return this.settingsById[id]!;
  }

  /** Waits for every file of the (now complete) list; the result in discovery order. */
  async finish(roots: readonly string[]): Promise<AuditResult> {
    this.complete = true;
    this.pump();
    await this.finished;
    const result: AuditResult = { roots: [...roots], files: [], notices: this.notices, scannedFiles: 0, cancelled: this.cancelled, model: this.options.model ?? new WorkspaceModel() };
    // A cancelled audit keeps the contiguous prefix it finished, as the sequential loop does.
    for (const outcome of this.outcomes) {
      if (!outcome) break;
      addOutcome(result, outcome);
    }
    if (this.done < this.files.length) result.cancelled = true;
    return result;
  }
}
