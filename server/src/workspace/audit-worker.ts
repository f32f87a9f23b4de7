/**
 * Worker-thread entry of the audit (bundled as `dist/audit-worker.js`): analyses the batches of
 * files the main thread sends and answers with their outcomes.
 */
import { parentPort } from 'node:worker_threads';
import { analyseText, auditOneFile, type FileAuditSettings } from './audit.js';
import type { WorkerReply, WorkerRequest } from './parallel-audit.js';

const settingsById = new Map<number, FileAuditSettings>();

parentPort?.on('message', (request: WorkerRequest) => {
  for (const [id, settings] of request.settings) settingsById.set(id, settings);
  const reply: WorkerReply = {
    outcomes: request.batch.map(([index, file, settingsId, openText]) => {
      const settings = settingsById.get(settingsId)!;
      return [index, openText !== undefined ? analyseText(file, openText, settings) : auditOneFile(file, settings)];
    }),
  };
  parentPort!.postMessage(reply);
});
