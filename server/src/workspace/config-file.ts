import { findNodeAtLocation, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { isLevel, LEVELS } from '../engine/config.js';
import { findRule } from '../engine/rules/index.js';
import { LineIndex } from '../engine/text.js';
import type { Level, Range } from '../engine/types.js';

export const CONFIG_FILE_NAME = '.azure-ai-security.json';
/** A config file larger than this is not parsed (it is not a config file a person wrote). */
export const MAX_CONFIG_FILE_BYTES = 256 * 1024;

/** `.azure-ai-security.json`: per-rule levels and exclude globs. */
export interface WorkspaceConfig {
  rules: Record<string, Level>;
  exclude: string[];
}

export interface ConfigProblem {
  message: string;
  range: Range;
}

export function emptyConfig(): WorkspaceConfig {
  return { rules: {}, exclude: [] };
}

/**
 * Reads the config file's text. Whatever is wrong (bad JSON, wrong types, unknown rule ids, bad
 * levels) becomes a problem with the range to underline, and the valid rest still applies.
 */
export function parseConfigFile(text: string): { config: WorkspaceConfig; problems: ConfigProblem[] } {
  const lines = new LineIndex(text);
  const config = emptyConfig();
  const problems: ConfigProblem[] = [];
  const at = (node: Node | undefined) => (node ? lines.range(node.offset, node.offset + node.length) : lines.range(0, 0));
  if (text.length > MAX_CONFIG_FILE_BYTES) {
    problems.push({ message: `${CONFIG_FILE_NAME} is larger than ${MAX_CONFIG_FILE_BYTES / 1024} KB and was ignored.`, range: at(undefined) });
    return { config, problems };
  }
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  for (const e of errors.slice(0, 20)) {
    problems.push({ message: `${CONFIG_FILE_NAME}: invalid JSON (${printParseErrorCode(e.error)}).`, range: lines.range(e.offset, e.offset + e.length) });
  }
  if (!root) return { config, problems };
  if (root.type !== 'object') {
    problems.push({ message: `${CONFIG_FILE_NAME} must contain an object: { "rules": { … }, "exclude": [ … ] }.`, range: at(root) });
    return { config, problems };
  }
  for (const property of root.children ?? []) {
    const key: unknown = property.children?.[0]?.value;
    if (key !== 'rules' && key !== 'exclude') {
      problems.push({ message: `Unknown setting "${String(key)}" in ${CONFIG_FILE_NAME}; expected "rules" or "exclude".`, range: at(property.children?.[0]) });
    }
  }
  const rules = findNodeAtLocation(root, ['rules']);
  if (rules && rules.type !== 'object') problems.push({ message: '"rules" must be an object of rule id → level.', range: at(rules) });
  for (const property of rules?.type === 'object' ? (rules.children ?? []) : []) {
    const [keyNode, valueNode] = property.children ?? [];
    const id = String(keyNode?.value);
    if (!findRule(id)) {
      problems.push({ message: `Unknown rule id "${id}" in ${CONFIG_FILE_NAME}.`, range: at(keyNode) });
    } else if (!isLevel(valueNode?.value)) {
      problems.push({ message: `Rule "${id}": level must be one of ${LEVELS.map((l) => `"${l}"`).join(', ')}.`, range: at(valueNode) });
    } else {
      config.rules[id] = valueNode.value;
    }
  }
  const exclude = findNodeAtLocation(root, ['exclude']);
  if (exclude && exclude.type !== 'array') problems.push({ message: '"exclude" must be an array of glob strings.', range: at(exclude) });
  for (const item of exclude?.type === 'array' ? (exclude.children ?? []) : []) {
    if (item.type === 'string') config.exclude.push(item.value as string);
    else problems.push({ message: '"exclude" entries must be glob strings.', range: at(item) });
  }
  problems.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  return { config, problems };
}
