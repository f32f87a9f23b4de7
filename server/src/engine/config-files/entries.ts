/**
 * The settings of a config or secret file (`.env`, `local.settings.json`, `appsettings*.json`) as
 * name paths and string values, read tolerantly: a file that is being typed, has comments or
 * trailing commas, or is broken halfway still gives every setting before (and after) the damage.
 */
import { visit } from 'jsonc-parser';

export interface ConfigEntry {
  /** The setting's name: `['AZURE_OPENAI_API_KEY']` in a `.env`, `['AzureOpenAI', 'ApiKey']` in JSON. */
  path: readonly string[];
  /** The value as the application reads it (unquoted, unescaped). */
  value: string;
  /** Offsets of the value's text in the file, inside its quotes. */
  start: number;
  end: number;
}

export interface ConfigFile {
  entries: ConfigEntry[];
  /** How many parse errors the JSON reader recovered from (always 0 for a `.env`, which has no syntax errors). */
  syntaxErrors: number;
}

/**
 * A `.env` as `dotenv` reads it: `NAME=value`, `export NAME=value` or `NAME: value`; a value in
 * single, double or back quotes (may span lines) or bare up to a `#` or the end of the line.
 */
export function readDotenv(text: string): ConfigFile {
  const entries: ConfigEntry[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const lineEnd = endOfLine(text, i);
    const entry = readAssignment(text, i, lineEnd);
    if (entry) {
      entries.push(entry.entry);
      i = entry.next;
    } else i = lineEnd;
    // Past the line break.
    if (text.charCodeAt(i) === 13) i++;
    if (text.charCodeAt(i) === 10) i++;
  }
  return { entries, syntaxErrors: 0 };
}

function endOfLine(text: string, from: number): number {
  let i = from;
  while (i < text.length && text.charCodeAt(i) !== 10 && text.charCodeAt(i) !== 13) i++;
  return i;
}

const NAME = /[A-Za-z_][A-Za-z0-9_.-]*/y;

function skipBlanks(text: string, i: number, end: number): number {
  while (i < end && (text[i] === ' ' || text[i] === '\t')) i++;
  return i;
}

function readAssignment(text: string, lineStart: number, lineEnd: number): { entry: ConfigEntry; next: number } | undefined {
  let i = skipBlanks(text, lineStart, lineEnd);
  if (text.startsWith('export', i) && (text[i + 6] === ' ' || text[i + 6] === '\t')) i = skipBlanks(text, i + 6, lineEnd);
  NAME.lastIndex = i;
  const name = NAME.exec(text)?.[0];
  if (!name || NAME.lastIndex > lineEnd) return undefined;
  i = skipBlanks(text, NAME.lastIndex, lineEnd);
  if (text[i] !== '=' && text[i] !== ':') return undefined;
  i = skipBlanks(text, i + 1, lineEnd);
  const quote = text[i];
  if (quote === '"' || quote === "'" || quote === '`') {
    // A quoted value ends at its closing quote, which may be on a later line; unterminated, it is the rest of the line.
    let value = '';
    for (let j = i + 1; j < text.length; j++) {
      const c = text[j]!;
      if (c === quote) return { entry: { path: [name], value, start: i + 1, end: j }, next: endOfLine(text, j) };
      if (c === '\\' && quote === '"' && j + 1 < text.length) {
        const escaped = text[++j]!;
        value += escaped === 'n' ? '\n' : escaped;
      } else value += c;
    }
    return { entry: { path: [name], value: text.slice(i + 1, lineEnd), start: i + 1, end: lineEnd }, next: lineEnd };
  }
  let end = text.indexOf('#', i);
  if (end < 0 || end > lineEnd) end = lineEnd;
  while (end > i && (text[end - 1] === ' ' || text[end - 1] === '\t')) end--;
  return { entry: { path: [name], value: text.slice(i, end), start: i, end }, next: lineEnd };
}

/**
 * The string values of a JSON (or JSONC) file with their name paths. Array elements take their
 * array's name (`"Keys": ["…"]` is `['Keys']`). Parse errors do not stop the scan: `jsonc-parser`
 * recovers and goes on, so a half-typed file still gives its settings.
 */
export function readJson(text: string): ConfigFile {
  const entries: ConfigEntry[] = [];
  const names: string[] = [];
  /** Per open object or array: whether it was entered through a property (whose name to pop at its end). */
  const containers: boolean[] = [];
  let pendingName: string | undefined;
  let errors = 0;
  const takeValue = () => {
    const name = pendingName;
    pendingName = undefined;
    return name;
  };
  visit(
    text,
    {
      onObjectBegin: () => enter(),
      onArrayBegin: () => enter(),
      onObjectEnd: () => leave(),
      onArrayEnd: () => leave(),
      onObjectProperty: (property) => {
        pendingName = property;
      },
      onLiteralValue: (value: unknown, offset, length) => {
        const name = takeValue();
        if (typeof value !== 'string') return;
        const path = name === undefined ? [...names] : [...names, name];
        const raw = text.slice(offset, offset + length);
        const closed = raw.length >= 2 && raw.endsWith('"');
        entries.push({ path, value, start: offset + 1, end: offset + length - (closed ? 1 : 0) });
      },
      onError: () => {
        errors++;
      },
    },
    { allowTrailingComma: true, disallowComments: false },
  );
  function enter(): void {
    const name = takeValue();
    containers.push(name !== undefined);
    if (name !== undefined) names.push(name);
  }
  function leave(): void {
    if (containers.pop()) names.pop();
    pendingName = undefined;
  }
  return { entries, syntaxErrors: errors };
}
