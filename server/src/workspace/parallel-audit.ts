import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { addOutcome, auditFiles, auditOneFile, fileAuditSettings, type AuditOptions, type AuditResult, type FileAuditSettings, type FileOutcome } from './audit.js';
import { discoverFiles, type Notice } from './discover.js';

/** Below this many files, starting workers (each loads the engine) costs more than it saves. */
export const PARALLEL_MIN_FILES = 300;
/** Files per message: small enough to balance a pathological file, large enough to amortise messaging. */
const BATCH_FILES = 24;

export interface ParallelAuditOptions extends AuditOptions {
  /** Worker threads (default: one per core, at most two); a small tree, or no worker bundle, is audited on the calling thread. */
  jobs?: number;
}

/** What the main thread sends a worker, and what the worker answers. */
export interface WorkerRequest {
  batch: Array<[index: number, file: string]>;
}
export interface WorkerReply {
  outcomes: Array<[index: number, outcome: FileOutcome]>;
}

/** The bundled worker entry (`dist/audit-worker.js`, next to `dist/cli.js`); absent when running from source. */
function workerScript(): string | undefined {
  const file = path.join(__dirname, 'audit-worker.js');
  return existsSync(file) ? file : undefined;
}

/**
 * Worker threads when `--jobs` is not given: one per core, at most two. Each worker compiles the
 * engine and the TypeScript compiler and holds the trees it parses (~60 MB), so threads cost memory
 * one for one, and the audit must stay within 250 MB (test/cli/memory.test.ts); the main thread only
 * walks the tree and collects results, without the compiler. `--jobs N` buys more threads with memory.
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

/**
 * `auditFolder` on worker threads. Analysis starts while the walk is still going: once it has found
 * enough files to need workers, every full batch it finds goes out at once, so the workers are not
 * idle while the main thread reads folders.
 */
export async function auditFolderParallel(root: string, options: ParallelAuditOptions = {}): Promise<AuditResult> {
  const notices: Notice[] = [];
  let pool: WorkerPool | undefined;
  const onFound = (found: readonly string[]) => {
    if (found.length === PARALLEL_MIN_FILES) pool = WorkerPool.start(found, options);
    else if (pool && found.length % BATCH_FILES === 0) pool.pump();
  };
  const files = await discoverFiles(root, options.exclude ?? [], notices, options.excludeBase ?? root, { synchronous: true, onFound });
  if (!pool) return auditFiles(files, options, notices);
  return pool.finish(notices);
}

/**
 * `auditFiles` spread over worker threads. Outcomes are put back in discovery order, so the result
 * (files and notices alike) is exactly the single-threaded one.
 */
export async function auditFilesParallel(files: readonly string[], options: ParallelAuditOptions = {}, notices: Notice[] = []): Promise<AuditResult> {
  // A small tree is analysed on the main thread: starting a worker would cost more.
  const pool = files.length >= PARALLEL_MIN_FILES ? WorkerPool.start(files, options) : undefined;
  if (!pool) return auditFiles(files, options, notices);
  return pool.finish(notices);
}

/** Batches a worker may hold at once: enough to stay busy while the main thread is walking folders. */
const IN_FLIGHT = 3;

interface PoolWorker {
  worker: Worker;
  sent: WorkerRequest[];
  /** Out of memory: its unfinished files were analysed on the main thread, and it is sent nothing more. */
  failed: boolean;
}

/**
 * Worker threads fed from a list of files that may still be growing (discovery appends to it).
 * Files go out in batches to whichever worker has room; analysis runs on workers, whose heaps have
 * limits, so the main thread stays small (`--jobs 1` is one worker).
 */
class WorkerPool {
  private readonly outcomes: Array<FileOutcome | undefined> = [];
  /** Started as batches wait for them, up to `jobs`: a small tree does not load the engine `--jobs` times. */
  private readonly workers: PoolWorker[] = [];
  private readonly setup: FileAuditSettings;
  /** Index of the next file to send. */
  private next = 0;
  private done = 0;
  private scanned = 0;
  private complete = false;
  private cancelled = false;
  private settled = false;
  private resolve!: () => void;
  private reject!: (error: Error) => void;
  private readonly finished = new Promise<void>((resolve, reject) => {
    this.resolve = resolve;
    this.reject = reject;
  });

  /** A pool on `files` (which may still grow), or undefined when there is no worker bundle (running from source). */
  static start(files: readonly string[], options: ParallelAuditOptions): WorkerPool | undefined {
    const script = workerScript();
    if (!script) return undefined;
    const pool = new WorkerPool(files, options, script, Math.max(1, options.jobs ?? defaultJobs()));
    pool.pump();
    return pool;
  }

  private constructor(
    private readonly files: readonly string[],
    private readonly options: ParallelAuditOptions,
    private readonly script: string,
    private readonly jobs: number,
  ) {
    this.setup = fileAuditSettings(options);
    // A worker can fail while discovery is still going, before `finish` awaits this: not unhandled.
    this.finished.catch(() => undefined);
  }

  private spawn(): PoolWorker {
    const entry: PoolWorker = { worker: new Worker(this.script, { workerData: this.setup, resourceLimits: WORKER_LIMITS }), sent: [], failed: false };
    this.workers.push(entry);
    entry.worker.on('message', (reply: WorkerReply) => {
      entry.sent.shift();
      for (const [index, outcome] of reply.outcomes) this.record(index, outcome);
      this.options.onProgress?.(this.scanned, this.files.length);
      this.pump();
    });
    entry.worker.once('error', (error: Error & { code?: string }) => {
      if (error.code !== 'ERR_WORKER_OUT_OF_MEMORY') return this.fail(error);
      // Out of memory (a file that parses into a huge tree): its files are analysed here, the rest
      // go on to the other workers (or here too, when none is left).
      entry.failed = true;
      for (const request of entry.sent.splice(0)) {
        for (const [index, file] of request.batch) if (!this.outcomes[index]) this.record(index, auditOneFile(file, this.setup));
      }
      this.options.onProgress?.(this.scanned, this.files.length);
      this.pump();
    });
    // Workers end only when the pool terminates them (or after an error, handled above).
    entry.worker.once('exit', (code) => {
      if (!this.settled && !entry.failed) this.fail(new Error(`audit worker exited with code ${code} before it finished`));
    });
    return entry;
  }

  private record(index: number, outcome: FileOutcome): void {
    this.outcomes[index] = outcome;
    this.done++;
    if (outcome.file) this.scanned++;
  }

  /** Whether a batch can go: while files are still being found, only full batches go. */
  private hasBatch(): boolean {
    if (this.options.signal?.aborted) this.cancelled = true;
    const available = this.files.length - this.next;
    return !this.cancelled && available > 0 && (this.complete || available >= BATCH_FILES);
  }

  private takeBatch(): WorkerRequest | undefined {
    if (!this.hasBatch()) return undefined;
    const available = this.files.length - this.next;
    const batch: WorkerRequest['batch'] = [];
    for (const end = this.next + Math.min(BATCH_FILES, available); this.next < end; this.next++) batch.push([this.next, this.files[this.next]!]);
    return { batch };
  }

  /** Tops every worker up to IN_FLIGHT batches, starting workers while batches wait; settles the pool once everything is in. */
  pump(): void {
    if (this.settled) return;
    const topUp = (entry: PoolWorker) => {
      for (let request; entry.sent.length < IN_FLIGHT && (request = this.takeBatch()); ) {
        entry.sent.push(request);
        entry.worker.postMessage(request);
      }
    };
    for (const entry of this.workers) if (!entry.failed) topUp(entry);
    while (this.workers.length < this.jobs && this.hasBatch()) topUp(this.spawn());
    const live = this.workers.filter((w) => !w.failed);
    if (live.length === 0) {
      // Every worker ran out of memory: the main thread takes what is left.
      for (let request; (request = this.takeBatch()); ) for (const [index, file] of request.batch) this.record(index, auditOneFile(file, this.setup));
    }
    const idle = live.every((w) => w.sent.length === 0);
    if (idle && (this.cancelled || (this.complete && this.next >= this.files.length))) {
      this.settled = true;
      void Promise.all(this.workers.map((w) => w.worker.terminate())).then(() => this.resolve());
    }
  }

  private fail(error: Error): void {
    if (this.settled) return;
    this.settled = true;
    for (const w of this.workers) void w.worker.terminate();
    this.reject(error);
  }

  /** Waits for every file of the (now complete) list; the result in discovery order. */
  async finish(notices: Notice[]): Promise<AuditResult> {
    this.complete = true;
    this.pump();
    await this.finished;
    const result: AuditResult = { files: [], notices, scannedFiles: 0, cancelled: this.cancelled };
    // A cancelled audit keeps the contiguous prefix it finished, as the sequential loop does.
    for (const outcome of this.outcomes) {
      if (!outcome) break;
      addOutcome(result, outcome);
    }
    if (this.done < this.files.length) result.cancelled = true;
    return result;
  }
}
