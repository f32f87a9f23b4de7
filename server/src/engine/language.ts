import type { Language } from './types.js';

const TS_LANGUAGE_IDS = new Set(['typescript', 'typescriptreact', 'javascript', 'javascriptreact']);
const TS_EXTENSIONS = /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs)$/i;

/** The language a document is analysed as, from its VS Code language id or its file name. */
export function languageOf(uri: string, languageId?: string): Language | undefined {
  if (/\.parameters\.json$/i.test(uri)) return 'armparams';
  if (languageId === 'bicep' || /\.bicep$/i.test(uri)) return 'bicep';
  if (languageId === 'bicepparam' || /\.bicepparam$/i.test(uri)) return 'bicepparam';
  if ((languageId && TS_LANGUAGE_IDS.has(languageId)) || TS_EXTENSIONS.test(uri)) {
    return /\.d\.(m|c)?ts$/i.test(uri) ? undefined : 'typescript';
  }
  return undefined;
}

export const SUPPORTED_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs', '.bicep', '.bicepparam'];
