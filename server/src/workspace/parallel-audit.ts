import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { addOutcome, auditFiles, type AuditOptions, type AuditResult, type FileOutcome } from './audit.js';
import { discoverFiles, type Notice } from './discover.js';
import { DEFAULT_MAX_FILE_BYTES } from './read-source.js';

/** Below this many files, starting workers (each loads the engine) costs more than it saves. */
export const PARALLEL_MIN_FILES = 300;
/** Files per message: small enough to balance a pathological file, large enough to amortise messaging. */
const BATCH_FILES = 24;

export interface ParallelAuditOptions extends AuditOptions {
  /** Worker threads; 1 (or a small tree, or no worker bundle) audits on the calling thread. Default: one per core. */
  jobs?: number;
}

/** What the main thread sends a worker, and what the worker answers. */
export interface WorkerRequest {
  batch: Array<[index: number, file: string]>;
}
export interface WorkerReply {
  outcomes: Array<[index: number, outcome: FileOutcome]>;
}
export interface WorkerSetup {
  config: AuditOptions['config'];
  maxFileBytes: number;
}

/** The bundled worker entry (`dist/audit-worker.js`, next to `dist/cli.js`); absent when running from source. */
function workerScript(): string | undefined {
  const file = path.join(__dirname, 'audit-worker.js');
  return existsSync(file) ? file : undefined;
}

export function defaultJobs(): number {
  return Math.max(1, Math.min(availableParallelism(), 8));
}

/** `auditFolder` on worker threads. */
export async function auditFolderParallel(root: string, options: ParallelAuditOptions = {}): Promise<AuditResult> {
  const notices: Notice[] = [];
  const files = await discoverFiles(root, options.exclude ?? [], notices);
  return auditFilesParallel(files, options, notices);
}

/**
 * `auditFiles` spread over worker threads. Files go out in small batches to whichever worker is
 * free; outcomes are put back in discovery order, so the result (files and notices alike) is
 * exactly the single-threaded one.
 */
export async function auditFilesParallel(files: readonly string[], options: ParallelAuditOptions = {}, notices: Notice[] = []): Promise<AuditResult> {
  const jobs = Math.min(options.jobs ?? defaultJobs(), Math.ceil(files.length / BATCH_FILES));
  const script = workerScript();
  if (jobs <= 1 || files.length < PARALLEL_MIN_FILES || !script) return auditFiles(files, options, notices);

  const outcomes: Array<FileOutcome | undefined> = new Array(files.length);
  const setup: WorkerSetup = { config: options.config, maxFileBytes: options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES };
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

  const runWorker = () =>
    new Promise<void>((resolve, reject) => {
      const worker = new Worker(script, { workerData: setup });
      let inFlight = 0;
      const send = () => {
        const request = takeBatch();
        if (request) {
          inFlight++;
          worker.postMessage(request);
        } else if (inFlight === 0) {
          void worker.terminate().then(() => resolve());
        }
      };
      worker.on('message', (reply: WorkerReply) => {
        inFlight--;
        for (const [index, outcome] of reply.outcomes) {
          outcomes[index] = outcome;
          done++;
          if (outcome.file) scanned++;
        }
        options.onProgress?.(scanned, files.length);
        send();
      });
      worker.once('error', reject);
      worker.once('exit', (code) => {
        if (inFlight > 0) reject(new Error(`audit worker exited with code ${code} before it finished`));
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
