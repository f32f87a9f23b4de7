/**
 * Worker-thread entry of the parallel audit (bundled as `dist/audit-worker.js`): analyses the
 * batches of files the main thread sends and answers with their outcomes.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { auditOneFile } from './audit.js';
import type { WorkerReply, WorkerRequest, WorkerSetup } from './parallel-audit.js';

/** For `dist/cli.js`, which takes the TypeScript compiler from this bundle (see esbuild.mjs). */
export { loadTypeScript } from '../engine/typescript/parse.js';

const setup = workerData as WorkerSetup;

// Loaded on the main thread for the compiler only: there is no parent port then.
parentPort?.on('message', (request: WorkerRequest) => {
  const reply: WorkerReply = { outcomes: request.batch.map(([index, file]) => [index, auditOneFile(file, setup.config, setup.maxFileBytes)]) };
  parentPort!.postMessage(reply);
});
