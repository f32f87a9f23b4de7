export type Format = 'text' | 'json' | 'sarif';
export type FailOn = 'error' | 'warning' | 'info' | 'none';

export interface ScanOptions {
  paths: string[];
  format: Format;
  output?: string;
  failOn: FailOn;
  fix: boolean;
  maxFileBytes?: number;
  /** Worker threads for the audit; undefined: one per core (at most two) beside the main thread. */
  jobs?: number;
  /** An earlier SARIF or JSON report: its findings are reported as baselined and do not fail the gate. */
  baseline?: string;
  /** Where to write this scan's findings as a baseline (the JSON report). */
  writeBaseline?: string;
  /** Reuse the results of unchanged files from the last scan (`--cache`). */
  cache: boolean;
  /** The cache's folder or file (`--cache-location`); default node_modules/.cache/azure-ai-security/. */
  cacheLocation?: string;
}

export type Command = { kind: 'scan'; options: ScanOptions } | { kind: 'help' } | { kind: 'version' } | { kind: 'rules' };

export class UsageError extends Error {}

export const USAGE = `Usage: azure-ai-security scan [paths…] [options]
       azure-ai-security rules

Scans TypeScript/JavaScript and Bicep files for Azure AI security mistakes. Folders are walked
respecting .gitignore and skipping node_modules, dist and .git. Default path: the current folder.

Options:
  --format text|json|sarif          output format (default: text)
  --output FILE                     write the report to FILE instead of stdout
  --fail-on error|warning|info|none lowest severity that makes the exit code 1 (default: warning)
  --fix                             apply each finding's safe fix in place, then report what is left
  --baseline FILE                   an earlier SARIF or JSON report: findings it holds (matched by
                                    fingerprint) are reported as baselined and do not count for
                                    --fail-on; the ones that are gone are listed as fixed
  --write-baseline FILE             also write this scan's findings to FILE as a baseline
  --max-file-size BYTES             skip larger files with a notice (default: 2097152)
  --cache                           reuse the results of files unchanged since the last --cache scan
                                    (same content, engine and settings); cross-file results are
                                    always recomputed. Not used with --fix
  --cache-location PATH             the cache's folder or file (default:
                                    node_modules/.cache/azure-ai-security/; implies --cache)
  --jobs N                          analysis threads (default: one per core, at most 2, which keeps
                                    memory under 250 MB; more buys speed on many cores with memory).
                                    Each is a worker thread with a memory limit; trees under 300
                                    files are scanned on the main thread. The report is the same
                                    whatever N
  -h, --help                        show this help
  -v, --version                     show the version

Exit codes: 0 nothing new at or above --fail-on, 1 new findings at or above it, 2 usage or
internal error.`;

function oneOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[]): T {
  if (value === undefined) throw new UsageError(`${flag} needs a value: ${allowed.join(', ')}`);
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`${flag} must be one of ${allowed.join(', ')} (got "${value}")`);
  return value as T;
}

export function parseArgs(argv: readonly string[]): Command {
  if (argv.length === 0 || argv[0] === '-h' || argv[0] === '--help' || argv[0] === 'help') return { kind: 'help' };
  if (argv[0] === '-v' || argv[0] === '--version') return { kind: 'version' };
  if (argv[0] === 'rules') return { kind: 'rules' };
  if (argv[0] !== 'scan') throw new UsageError(`Unknown command "${argv[0]}". Did you mean "azure-ai-security scan ${argv.join(' ')}"?`);
  const options: ScanOptions = { paths: [], format: 'text', failOn: 'warning', fix: false, cache: false };
  for (let i = 1; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = () => inline ?? argv[++i];
    switch (flag) {
      case '--format':
        options.format = oneOf('--format', value(), ['text', 'json', 'sarif'] as const);
        break;
      case '--output':
      case '-o': {
        const file = value();
        if (!file) throw new UsageError('--output needs a file name');
        options.output = file;
        break;
      }
      case '--fail-on':
        options.failOn = oneOf('--fail-on', value(), ['error', 'warning', 'info', 'none'] as const);
        break;
      case '--fix':
        options.fix = true;
        break;
      case '--baseline':
      case '--write-baseline': {
        const file = value();
        if (!file) throw new UsageError(`${flag} needs a file name`);
        if (flag === '--baseline') options.baseline = file;
        else options.writeBaseline = file;
        break;
      }
      case '--cache':
        options.cache = true;
        break;
      case '--cache-location': {
        const location = value();
        if (!location) throw new UsageError('--cache-location needs a folder or file name');
        options.cache = true;
        options.cacheLocation = location;
        break;
      }
      case '--max-file-size': {
        const n = Number(value());
        if (!Number.isInteger(n) || n <= 0) throw new UsageError('--max-file-size needs a positive number of bytes');
        options.maxFileBytes = n;
        break;
      }
      case '--jobs':
      case '-j': {
        const n = Number(value());
        if (!Number.isInteger(n) || n <= 0) throw new UsageError('--jobs needs a positive whole number');
        options.jobs = n;
        break;
      }
      case '-h':
      case '--help':
        return { kind: 'help' };
      default:
        if (flag.startsWith('-')) throw new UsageError(`Unknown option ${flag}`);
        options.paths.push(arg);
    }
  }
  if (options.paths.length === 0) options.paths.push('.');
  return { kind: 'scan', options };
}
