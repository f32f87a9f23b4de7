import type * as ts from 'typescript';

/**
 * The text a string-valued expression is known to produce, built from its literal parts: a string
 * literal, a template (`http://${name}.openai.azure.com`) or a `+` chain (`"http://" + name + ".openai.azure.com"`).
 * Unknown parts stand as `x`, a valid host label, so `http://x.openai.azure.com` still names the service.
 * `offsets[i]` is the source offset of character `i`, or -1 inside an unknown part.
 */
export interface AssembledText {
  node: ts.Expression;
  text: string;
  offsets: number[];
}

const UNKNOWN = 'x';

export function assembleText(tsc: typeof ts, sourceFile: ts.SourceFile, node: ts.Expression): AssembledText | undefined {
  const out: AssembledText = { node, text: '', offsets: [] };
  return append(tsc, sourceFile, node, out) ? out : undefined;
}

function append(tsc: typeof ts, sourceFile: ts.SourceFile, node: ts.Expression, out: AssembledText): boolean {
  // `a + b + c` nests to the left, as deep as the chain is long (machine-made ones run to thousands):
  // go down the left spine without recursion, then append the right operands in source order.
  // A `+` chain counts as text only when its first operand is; `a + b` of numbers is not a URL.
  const rights: ts.Expression[] = [];
  let first = node;
  for (;;) {
    if (tsc.isParenthesizedExpression(first)) first = first.expression;
    else if (tsc.isBinaryExpression(first) && first.operatorToken.kind === tsc.SyntaxKind.PlusToken) {
      rights.push(first.right);
      first = first.left;
    } else break;
  }
  if (!appendText(tsc, sourceFile, first, out)) return false;
  for (let i = rights.length - 1; i >= 0; i--) if (!append(tsc, sourceFile, rights[i]!, out)) addUnknown(out);
  return true;
}

/** A string literal or template: its text (a template's holes as unknown characters). */
function appendText(tsc: typeof ts, sourceFile: ts.SourceFile, node: ts.Expression, out: AssembledText): boolean {
  if (tsc.isStringLiteral(node) || tsc.isNoSubstitutionTemplateLiteral(node)) {
    const start = node.getStart(sourceFile);
    addRaw(out, sourceFile.text.slice(start + 1, node.end - 1), start + 1);
    return true;
  }
  if (tsc.isTemplateExpression(node)) {
    addPart(sourceFile, node.head, out, 2);
    for (const span of node.templateSpans) {
      addUnknown(out);
      addPart(sourceFile, span.literal, out, tsc.isTemplateTail(span.literal) ? 1 : 2);
    }
    return true;
  }
  return false;
}

function addPart(sourceFile: ts.SourceFile, part: ts.TemplateLiteralLikeNode, out: AssembledText, closeLength: number): void {
  const start = part.getStart(sourceFile);
  addRaw(out, sourceFile.text.slice(start + 1, part.end - closeLength), start + 1);
}

function addRaw(out: AssembledText, raw: string, base: number): void {
  out.text += raw;
  for (let i = 0; i < raw.length; i++) out.offsets.push(base + i);
}

function addUnknown(out: AssembledText): void {
  out.text += UNKNOWN;
  out.offsets.push(-1);
}

export interface InsecureUrl {
  scheme: 'http' | 'ws';
  host: string;
  /** Source offset of the scheme, when it is written literally (it always is when found). */
  schemeStart: number;
}

/** `http://` / `ws://` URLs in a text, with their hosts (userinfo and port stripped off by the caller's host helpers). */
const INSECURE_URL = /(?<![A-Za-z0-9+.-])(http|ws):\/\/([^\s/?#'"`\\]*)/gi;

export function findInsecureUrls(assembled: AssembledText): InsecureUrl[] {
  const found: InsecureUrl[] = [];
  for (const m of assembled.text.matchAll(INSECURE_URL)) {
    const schemeStart = assembled.offsets[m.index!]!;
    const schemeEnd = assembled.offsets[m.index! + m[1]!.length - 1]!;
    // The scheme must be written in the source, contiguously, for the fix to rewrite it.
    if (schemeStart < 0 || schemeEnd !== schemeStart + m[1]!.length - 1) continue;
    found.push({ scheme: m[1]!.toLowerCase() as 'http' | 'ws', host: m[2]!.replace(/^[^@]*@/, ''), schemeStart });
  }
  return found;
}
