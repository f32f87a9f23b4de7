/**
 * The Azure AI keys a config or secret file holds (docs/rules/hardcoded-key.md, "Config files").
 * Shared by `hardcoded-key`, which reports each, and `env-file-not-ignored`, which asks whether
 * there is any: the answer lives here, so it does not change when `hardcoded-key` is turned off.
 */
import { findCertainKeys, isCertainKey, isHexKeyShape } from '../secrets/key-formats.js';
import { isPlaceholder } from '../secrets/placeholders.js';
import { isAiKeyName, serviceOfKeyName } from '../typescript/key-sinks.js';
import { readDotenv, readJson, type ConfigFile } from './entries.js';

export interface ConfigKey {
  /** Offsets of the key in the file. */
  start: number;
  end: number;
  secret: string;
  service?: string;
  /** The setting that holds it, as written (`AZURE_OPENAI_API_KEY`, `AzureOpenAI:ApiKey`); undefined for a key in a comment. */
  setting?: string;
}

/** Per text: both rules ask about the same file. */
let last: { text: string; language: 'dotenv' | 'json'; file: ConfigFile; keys: ConfigKey[] } | undefined;

export function readConfigFile(text: string, language: 'dotenv' | 'json'): ConfigFile {
  return analysed(text, language).file;
}

/**
 * Every key in the file, in text order: a certain key format anywhere (a value, a comment, a
 * commented-out line), and a key-shaped value (32 hex characters, or a certain format) of a setting
 * whose name says it holds an Azure AI key: the setting's own name (`AZURE_OPENAI_API_KEY`,
 * `SPEECH_KEY`) or its section and name together (`"AzureOpenAI": { "ApiKey": … }`,
 * `AzureOpenAI__ApiKey`). Placeholders never count.
 */
export function findConfigKeys(text: string, language: 'dotenv' | 'json'): ConfigKey[] {
  return analysed(text, language).keys;
}

function analysed(text: string, language: 'dotenv' | 'json') {
  if (last?.text === text && last.language === language) return last;
  const file = language === 'dotenv' ? readDotenv(text) : readJson(text);
  const keys = new Map<number, ConfigKey>();
  for (const entry of file.entries) {
    const name = keyName(entry.path);
    if (!name || isPlaceholder(entry.value)) continue;
    if (!isHexKeyShape(entry.value) && !isCertainKey(entry.value)) continue;
    keys.set(entry.start, {
      start: entry.start,
      end: entry.end,
      secret: entry.value,
      service: serviceOfKeyName(name) ?? findCertainKeys(entry.value)[0]?.service,
      setting: entry.path.join(':'),
    });
  }
  for (const match of findCertainKeys(text)) {
    if ([...keys.values()].some((k) => k.start <= match.start && match.end <= k.end)) continue;
    const secret = text.slice(match.start, match.end);
    const entry = file.entries.find((e) => e.start <= match.start && match.end <= e.end);
    keys.set(match.start, { start: match.start, end: match.end, secret, service: match.service, setting: entry?.path.join(':') });
  }
  last = { text, language, file, keys: [...keys.values()].sort((a, b) => a.start - b.start) };
  return last;
}

/**
 * The name that says what a setting holds: its own (`SPEECH_KEY`) when that names an AI key, else
 * its section's and its own joined (`AzureOpenAI` + `ApiKey`), since .NET settings put the service
 * in the section. Undefined when neither says "an Azure AI key".
 */
function keyName(path: readonly string[]): string | undefined {
  const own = path.at(-1);
  if (own === undefined) return undefined;
  if (isAiKeyName(own)) return own;
  const section = path.at(-2);
  const joined = section === undefined ? undefined : `${section}_${own}`;
  return joined !== undefined && isAiKeyName(joined) ? joined : undefined;
}
