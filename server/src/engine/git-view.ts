import type { WorkspaceView } from './summary.js';

/**
 * What git decides about a file, as the workspace layer read it (`workspace/git-ignore.ts` reads the
 * `.gitignore` files from the file's folder up to its repository's root). The engine never reads
 * files; a face that knows hands this in. Only config and secret files ask (`env-file-not-ignored`,
 * and "a file git ignores gets no finding": it is where a local key belongs).
 */
export interface GitView {
  /** Whether git ignores the file (its URI or path, as analysed); undefined when not known. */
  isIgnored: (file: string) => boolean | undefined;
}

/**
 * The rest of the workspace, for a Bicep file's findings across files: `file` is the document's
 * path as the view names files.
 */
export interface WorkspaceContext {
  view: WorkspaceView;
  file: string;
  /**
   * The editor: a Bicep file's tree is kept with the module trees (`parseCached`), so the other
   * files' analyses that read it (its callers, the links of code) parse it no more, and its own next
   * analysis against a text it already has (a caller's edit re-judging it) parses nothing.
   */
  shareTree?: boolean;
}

/** What an analysis may be told about the file's surroundings, beyond its own text. */
export interface AnalysisContext {
  git?: GitView;
  workspace?: WorkspaceContext;
}
