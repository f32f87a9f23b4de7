import type { Level } from './types.js';

/** What the engine needs from configuration: per-rule levels. Excludes are the faces' business. */
export interface EngineConfig {
  rules?: Readonly<Record<string, Level>>;
}

export const LEVELS: readonly Level[] = ['off', 'info', 'warning', 'error'];

export function isLevel(value: unknown): value is Level {
  return typeof value === 'string' && (LEVELS as readonly string[]).includes(value);
}
