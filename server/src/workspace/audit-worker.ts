/**
 * Worker-thread entry of the audit (bundled as `dist/audit-worker.js`): analyses the batches of
 * files the main thread sends and answers with their outcomes.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { setCompileCacheFolder, writePendingCompileCache } from '../compile-cache.js';
import { analyseText, auditOneFile, auditOneFileAgainst, needsCompiler, type FileAuditSettings } from './audit.js';
import type { WorkerReply, WorkerRequest } from './parallel-audit.js';

const settingsById = new Map<number, FileAuditSettings>();
const data = workerData as { compileCacheFolder?: string; typescript?: boolean } | undefined;
// The compiler is loaded on the first file that needs it, through the code cache of the main thread's folder.
setCompileCacheFolder(data?.compileCacheFolder);
/** Only one worker loads the TypeScript compiler; the others hand it the files that need it (parallel-audit.ts). */
const loadsCompiler = data?.typescript !== false;

parentPort?.on('message', (request: WorkerRequest) => {
  for (const [id, settings] of request.settings) settingsById.set(id, settings);
  const handoffs: number[] = [];
  const batch = request.batch.filter(([index, file, settingsId, openText]) => {
    if (loadsCompiler || !needsCompiler(file, settingsById.get(settingsId)!, openText)) return true;
    handoffs.push(index);
    return false;
  });
  const reply: WorkerReply = {
    handoffs,
    outcomes: batch.map(([index, file, settingsId, openText, knownDigest]) => {
      const settings = settingsById.get(settingsId)!;
      if (openText !== undefined) return [index, analyseText(file, openText, settings)];
      if (knownDigest === undefined) return [index, auditOneFile(file, settings)];
      const { outcome, digest, stamp } = auditOneFileAgainst(file, settings, knownDigest);
      return [index, outcome, digest, stamp];
    }),
  };
  parentPort!.postMessage(reply);
  // After the first batch that loaded the compiler without a cache (a no-op otherwise): the cache then
  // holds the parser functions that batch compiled too.
  writePendingCompileCache();
});
