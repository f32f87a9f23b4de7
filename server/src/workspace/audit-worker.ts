/**
 * Worker-thread entry of the parallel audit (bundled as `dist/audit-worker.js`): analyses the
 * batches of files the main thread sends and answers with their outcomes.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { auditOneFile, type FileAuditSettings } from './audit.js';
import type { WorkerReply, WorkerRequest } from './parallel-audit.js';

const setup = workerData as FileAuditSettings;

parentPort?.on('message', (request: WorkerRequest) => {
  const reply: WorkerReply = { outcomes: request.batch.map(([index, file]) => [index, auditOneFile(file, setup)]) };
  parentPort!.postMessage(reply);
});
