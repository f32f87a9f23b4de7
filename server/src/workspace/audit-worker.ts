/**
 * Worker-thread entry of the audit (bundled as `dist/audit-worker.js`): analyses the batches of
 * files the main thread sends and answers with their outcomes.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { setCompileCacheFolder, writePendingCompileCache } from '../compile-cache.js';
import { auditForWorker, judgeWithWorkspace, type FileAuditSettings } from './audit.js';
import { WorkspaceModel } from './model.js';
import type { WorkerReply, WorkerRequest } from './parallel-audit.js';

const settingsById = new Map<number, FileAuditSettings>();
const data = workerData as { compileCacheFolder?: string; typescript?: boolean } | undefined;
// The compiler is loaded on the first file that needs it, through the code cache of the main thread's folder.
setCompileCacheFolder(data?.compileCacheFolder);
/** Only one worker loads the TypeScript compiler; the others hand it the files that need it (parallel-audit.ts). */
const loadsCompiler = data?.typescript !== false;
/** The pass across files: this worker's copy of the workspace model, built from the main thread's summaries. */
let model: WorkspaceModel | undefined;

parentPort?.on('message', (request: WorkerRequest) => {
  for (const [id, settings] of request.settings) settingsById.set(id, settings);
  if (request.summaries) {
    model = new WorkspaceModel();
    for (const [file, summary] of request.summaries) model.set(file, summary);
  }
  if (request.judge) {
    const view = model!;
    const reply: WorkerReply = { outcomes: [], handoffs: [], judged: [] };
    for (const [item, file, settingsId, language] of request.judge) reply.judged!.push([item, judgeWithWorkspace(file, language, settingsById.get(settingsId)!, view)]);
    parentPort!.postMessage(reply);
    return;
  }
  // One file at a time, read once: its prefilters' answers (kept for the last text asked) serve both the handoff test and the analysis.
  const reply: WorkerReply = { outcomes: [], handoffs: [] };
  for (const [index, file, settingsId, text, knownDigest] of request.batch) {
    const { outcome, handoff, digest, stamp } = auditForWorker(file, settingsById.get(settingsId)!, text, knownDigest, loadsCompiler);
    if (handoff !== undefined) reply.handoffs.push([index, handoff, digest, stamp]);
    else reply.outcomes.push([index, outcome, digest, stamp]);
  }
  parentPort!.postMessage(reply);
  // After the first batch that loaded the compiler without a cache (a no-op otherwise): the cache then
  // holds the parser functions that batch compiled too.
  writePendingCompileCache();
});
