/**
 * Bicep suppression pragmas. `#disable-next-line a b` silences codes a and b on the following
 * line only; `#disable-diagnostics a` … `#restore-diagnostics a` silences a over a line span.
 * A pragma without codes silences nothing (Bicep requires the codes).
 */
import type { BicepFile } from './ast.js';

/** Rule ids disabled on `line` (0-based) by a `#disable-next-line` on the line before or a disable/restore span. */
export function disabledRuleIds(file: BicepFile, line: number): string[] {
  const ids = new Set<string>();
  const open = new Set<string>();
  for (const pragma of file.pragmas) {
    if (pragma.line >= line) break;
    if (pragma.kind === 'disable-next-line') {
      if (pragma.line === line - 1) for (const code of pragma.codes) ids.add(code);
    } else if (pragma.kind === 'disable-diagnostics') {
      for (const code of pragma.codes) open.add(code);
    } else {
      for (const code of pragma.codes) open.delete(code);
    }
  }
  for (const code of open) ids.add(code);
  return [...ids];
}

export function isRuleDisabled(file: BicepFile, line: number, ruleId: string): boolean {
  return disabledRuleIds(file, line).includes(ruleId);
}
