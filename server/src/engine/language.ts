import type { Language } from './types.js';

const TS_LANGUAGE_IDS = new Set(['typescript', 'typescriptreact', 'javascript', 'javascriptreact']);
const TS_EXTENSIONS = /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs)$/i;

/** The name after the last `/` or `\` (a URI or a path). */
function baseName(uri: string): string {
  return uri.slice(Math.max(uri.lastIndexOf('/'), uri.lastIndexOf('\\')) + 1);
}

/**
 * Config and secret files (docs/rules/hardcoded-key.md, "Config files"): `.env` and `.env.*`
 * (`.env.local`, `.env.production`, `.env.example`…), Azure Functions' `local.settings.json`,
 * ASP.NET's `appsettings.json` and `appsettings.<Environment>.json`. Chosen by name only, whatever
 * the editor calls the language: VS Code has no built-in `dotenv` id (a `.env` is `dotenv` with an
 * extension, else `plaintext` or `properties`), and any other `.json` file is none of ours.
 */
export function configLanguageOf(uri: string): 'dotenv' | 'json' | undefined {
  const name = baseName(uri);
  if (/^\.env(\..+)?$/i.test(name) && !TS_EXTENSIONS.test(name) && !/\.json$/i.test(name)) return 'dotenv';
  if (/^(local\.settings|appsettings(\.[^.]+)*)\.json$/i.test(name)) return 'json';
  return undefined;
}

/**
 * A `.env.*` file that documents variables rather than holds them (`.env.example`, `.env.sample`,
 * `.env.template`, also `.env.local.example`): committed on purpose, so `env-file-not-ignored` leaves it.
 */
export function isEnvTemplate(uri: string): boolean {
  return /^\.env(\..+)?\.(example|sample|template)$/i.test(baseName(uri));
}

/** The language a document is analysed as, from its VS Code language id or its file name. */
export function languageOf(uri: string, languageId?: string): Language | undefined {
  if (/\.parameters\.json$/i.test(uri)) return 'armparams';
  const config = configLanguageOf(uri);
  if (config) return config;
  if (languageId === 'bicep' || /\.bicep$/i.test(uri)) return 'bicep';
  if (languageId === 'bicepparam' || /\.bicepparam$/i.test(uri)) return 'bicepparam';
  if ((languageId && TS_LANGUAGE_IDS.has(languageId)) || TS_EXTENSIONS.test(uri)) {
    return /\.d\.(m|c)?ts$/i.test(uri) ? undefined : 'typescript';
  }
  return undefined;
}

export const SUPPORTED_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs', '.bicep', '.bicepparam'];
