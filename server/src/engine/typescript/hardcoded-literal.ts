/**
 * Whether a key sink is given a key written in the source. Both `hardcoded-key` (which reports it)
 * and `key-credential` (which leaves such a site to it: one site, one finding) ask; the answer lives
 * here, not in either rule, so it does not change when one of them is turned off.
 */
import type * as ts from 'typescript';
import { isCertainKey, isHexKeyShape } from '../secrets/key-formats.js';
import { couldBeKey } from '../secrets/placeholders.js';
import type { KeySink } from './key-sinks.js';
import { resolveStringLiteral, type ResolvedLiteral } from './resolve.js';

/**
 * A certain key format at any sink. Otherwise a sink that only a name makes one (`needsKeyShape`: any
 * variable named like a key) takes a key shape, and a credential position takes anything but a placeholder.
 */
function isKeyValue(value: string, sink: KeySink): boolean {
  if (isCertainKey(value)) return true;
  return sink.needsKeyShape ? isHexKeyShape(value) : couldBeKey(value);
}

/** The literal a sink's value resolves to (as `resolveStringLiteral` follows it) when it is a hardcoded key. */
export function hardcodedKeyAt(tsc: typeof ts, sink: KeySink): ResolvedLiteral | undefined {
  const resolved = resolveStringLiteral(tsc, sink.value);
  return resolved && isKeyValue(resolved.value, sink) ? resolved : undefined;
}
