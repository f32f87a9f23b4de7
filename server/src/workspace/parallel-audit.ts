import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { addOutcome, auditFiles, auditOneFile, fileAuditSettings, type AuditOptions, type AuditResult, type FileOutcome } from './audit.js';
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

/** `auditFolder` on worker threads. */
export async function auditFolderParallel(root: string, options: ParallelAuditOptions = {}): Promise<AuditResult> {
  const notices: Notice[] = [];
  // Workers start loading the engine as soon as the walk has found enough files to need them.
  let started: Worker[] = [];
  const onFound = (count: number) => {
    if (count === PARALLEL_MIN_FILES) started = startWorkers(options, options.jobs ?? defaultJobs());
  };
  const files = await discoverFiles(root, options.exclude ?? [], notices, options.excludeBase ?? root, { synchronous: true, onFound });
  return auditFilesParallel(files, options, notices, started);
}


function startWorkers(options: ParallelAuditOptions, count: number): Worker[] {
  const script = workerScript();
  if (!script) return [];
  return Array.from({ length: count }, () => new Worker(script, { workerData: fileAuditSettings(options), resourceLimits: WORKER_LIMITS }));
}

/**
 * `auditFiles` spread over worker threads. Files go out in small batches to whichever worker is
 * free; outcomes are put back in discovery order, so the result (files and notices alike) is
 * exactly the single-threaded one.
 */
export async function auditFilesParallel(files: readonly string[], options: ParallelAuditOptions = {}, notices: Notice[] = [], started: Worker[] = []): Promise<AuditResult> {
  // Analysis runs on workers, whose heaps have limits, so the main thread stays small; `--jobs 1` is one
  // worker. A small tree is analysed on the main thread: starting a worker would cost more.
  const jobs = Math.min(options.jobs ?? defaultJobs(), Math.ceil(files.length / BATCH_FILES));
  const script = workerScript();
  if (jobs < 1 || files.length < PARALLEL_MIN_FILES || !script) {
    for (const worker of started) void worker.terminate();
    return auditFiles(files, options, notices);
  }
  for (const worker of started.splice(jobs)) void worker.terminate();

  const outcomes: Array<FileOutcome | undefined> = new Array(files.length);
  const setup = fileAuditSettings(options);
  let next = 0;
  let done = 0;
  let scanned = 0;
  let cancelled = false;
  const takeBatch = (): WorkerRequest | undefined => {
    if (options.signal?.aborted) cancelled = true;
    if (cancelled || next >= files.length) return undefined;
    const batch: WorkerRequest['batch'] = [];
    for (const end = Math.min(next + BATCH_FILES, files.length); next < end; next++) batch.push([next, files[next]!]);
    return { batch };
  };

  const runWorker = (_: unknown, i: number) =>
    new Promise<void>((resolve, reject) => {
      const worker = started[i] ?? new Worker(script, { workerData: setup, resourceLimits: WORKER_LIMITS });
      let inFlight = 0;
      const sent: WorkerRequest[] = [];
      let failed = false;
      const send = () => {
        const request = takeBatch();
        if (request) {
          inFlight++;
          sent.push(request);
          worker.postMessage(request);
        } else if (inFlight === 0) {
          void worker.terminate().then(() => resolve());
        }
      };
      const record = (index: number, outcome: FileOutcome) => {
        outcomes[index] = outcome;
        done++;
        if (outcome.file) scanned++;
      };
      worker.on('message', (reply: WorkerReply) => {
        inFlight--;
        sent.shift();
        for (const [index, outcome] of reply.outcomes) record(index, outcome);
        options.onProgress?.(scanned, files.length);
        send();
      });
      worker.once('error', (error: Error & { code?: string }) => {
        if (error.code !== 'ERR_WORKER_OUT_OF_MEMORY') return reject(error);
        // Out of memory (a file that parses into a huge tree): its files and the rest go on here.
        failed = true;
        for (let request: WorkerRequest | undefined = sent.shift() ?? takeBatch(); request; request = sent.shift() ?? takeBatch()) {
          for (const [index, file] of request.batch) if (!outcomes[index]) record(index, auditOneFile(file, setup));
          options.onProgress?.(scanned, files.length);
        }
        inFlight = 0;
        resolve();
      });
      worker.once('exit', (code) => {
        if (inFlight > 0 && !failed) reject(new Error(`audit worker exited with code ${code} before it finished`));
      });
      // Two batches in flight per worker: the next one waits in its queue while it answers.
      send();
      send();
    });
  await Promise.all(Array.from({ length: jobs }, runWorker));

  const result: AuditResult = { files: [], notices, scannedFiles: 0, cancelled };
  // A cancelled audit keeps the contiguous prefix it finished, as the sequential loop does.
  for (const outcome of outcomes) {
    if (!outcome) break;
    addOutcome(result, outcome);
  }
  if (done < files.length) result.cancelled = true;
  return result;
}
