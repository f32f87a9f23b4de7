/**
 * What a module's params are bound to at one call, and where each value is decided. A value is
 * judged where it is decided (docs/rules/README.md, "Across files"): a finding that depends on a
 * module param lands at the caller that passes the value, or that leaves an insecure default, or
 * in the parameter file that sets it; `Decision` says which.
 */
import type { Range } from '../types.js';
import type { BicepValue } from './evaluate.js';

export type ParamBindings = ReadonlyMap<string, ParamBinding>;

export type ParamBinding =
  /** Passed: its value (`undefined` when it cannot be known statically). */
  | { kind: 'value'; value: BicepValue | undefined; decision: Decision }
  /** Not passed: the module's own default applies (`null` for a nullable param without one). */
  | { kind: 'default'; decision: Decision };

/** How a finding's fix changes the decided value, in the file where the finding lands. */
export type DecisionEdit =
  /** Replace the value written there (a passed value, a `.bicepparam` or JSON parameter value). */
  | { kind: 'replace'; range: Range; language: 'bicep' | 'json' }
  /** Add `name: value` to a module call's `params` (the call passes nothing for it today). */
  | { kind: 'pass'; moduleStart: number; param: string }
  /** No edit in that file can change it safely (a param default reached through an expression, say). */
  | { kind: 'none' };

export interface Decision {
  /** The file where the value is decided and the finding lands (a path as the workspace view names files). */
  file: string;
  /** Where the finding lands in that file. */
  range: Range;
  /** Explains the value's path for messages and hovers: "default of param 'x' in core/x.bicep, not passed by module 'm' (main.bicep:12)". */
  description: string;
  /** Message prefix naming the module the finding is about: "Module 'search' (core/search/search-services.bicep): ". */
  context: string;
  /** The module param at the landing call whose value decides (what a fix passes), when there is one. */
  param?: string;
  edit: DecisionEdit;
  /** The values a fix may set the param to, most likely secure first (its `@allowed` list, `true`/`false`, …). */
  candidates?: () => BicepValue[];
  /** Whether the param's declared type (and `@allowed` list) admits a value; a fix only passes one it admits. */
  accepts?: (value: BicepValue) => boolean;
}

/** The decision of a param whose callers decide, when the file is analysed on its own: its findings belong to those callers. */
export const DECIDED_BY_CALLERS: Decision = Object.freeze({
  file: '',
  range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
  description: 'passed by its callers',
  context: '',
  edit: { kind: 'none' },
} satisfies Decision);
