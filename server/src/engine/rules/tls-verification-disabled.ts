import type * as ts from 'typescript';
import type { Rule, TypeScriptContext } from '../rule.js';
import { removeListElementEdit, removeStatementEdit } from '../typescript/edits.js';
import { propertyNameText, resolveStringLiteral, unwrap } from '../typescript/resolve.js';
import type { Fix, TextEdit } from '../types.js';
import { walkTree } from '../typescript/walk.js';
import { namesTlsVerificationOption } from '../typescript/prefilter-words.js';

const ENV_NAME = 'NODE_TLS_REJECT_UNAUTHORIZED';
const TITLE = 'Verify certificates';

/** Node disables verification when the variable is exactly '0'; a number 0 is stored as '0' too. */
function isZero(tsc: typeof ts, expr: ts.Expression): boolean {
  const node = unwrap(tsc, expr);
  if (tsc.isNumericLiteral(node)) return Number(node.text) === 0;
  return resolveStringLiteral(tsc, node)?.value === '0';
}

function isFalse(tsc: typeof ts, expr: ts.Expression): boolean {
  const node = unwrap(tsc, expr);
  return node.kind === tsc.SyntaxKind.FalseKeyword;
}

/** `process.env.NODE_TLS_REJECT_UNAUTHORIZED` / `process.env["NODE_TLS_REJECT_UNAUTHORIZED"]`. */
function isEnvTarget(tsc: typeof ts, expr: ts.Expression): boolean {
  const node = unwrap(tsc, expr);
  let name: string | undefined;
  if (tsc.isPropertyAccessExpression(node)) name = node.name.text;
  else if (tsc.isElementAccessExpression(node)) name = resolveStringLiteral(tsc, node.argumentExpression)?.value;
  if (name !== ENV_NAME) return false;
  const env = unwrap(tsc, (node as ts.PropertyAccessExpression | ts.ElementAccessExpression).expression);
  return tsc.isPropertyAccessExpression(env) && env.name.text === 'env';
}

/**
 * A `checkServerIdentity` that returns nothing accepts every certificate for every host (Node calls it
 * to verify the host name, and an `undefined` result means "fine"). `returnsValue` is true when some
 * path returns a value (a real check, or a call to `tls.checkServerIdentity`).
 */
function checkServerIdentityBody(tsc: typeof ts, fn: ts.Node): { disables: boolean; doesMore: boolean } | undefined {
  if (!(tsc.isArrowFunction(fn) || tsc.isFunctionExpression(fn) || tsc.isMethodDeclaration(fn))) return undefined;
  const body = fn.body;
  if (!body) return undefined;
  if (!tsc.isBlock(body)) {
    const value = unwrap(tsc, body);
    const nothing = (tsc.isIdentifier(value) && value.text === 'undefined') || value.kind === tsc.SyntaxKind.NullKeyword || tsc.isVoidExpression(value);
    return nothing ? { disables: true, doesMore: tsc.isVoidExpression(value) && !tsc.isLiteralExpression(unwrap(tsc, value.expression)) } : undefined;
  }
  let returnsValue = false;
  let throws = false;
  walkTree(tsc, body, (node) => {
    if (tsc.isFunctionLike(node)) return false;
    if (tsc.isReturnStatement(node) && node.expression) {
      const value = unwrap(tsc, node.expression);
      if (!((tsc.isIdentifier(value) && value.text === 'undefined') || value.kind === tsc.SyntaxKind.NullKeyword)) returnsValue = true;
    }
    if (tsc.isThrowStatement(node)) throws = true;
  });
  if (returnsValue) return undefined;
  return { disables: true, doesMore: throws || body.statements.some((s) => !tsc.isReturnStatement(s)) };
}

function checkTypeScript(ctx: TypeScriptContext): void {
  const { ts: tsc, sourceFile, lines } = ctx;
  const range = (node: ts.Node) => lines.range(node.getStart(sourceFile), node.end);
  const replace = (node: ts.Node, text: string): Fix => ({ title: TITLE, preferred: true, edits: [{ range: range(node), newText: text }] });

  const visit = (node: ts.Node): void => {
    if (tsc.isPropertyAssignment(node) || tsc.isShorthandPropertyAssignment(node) || tsc.isMethodDeclaration(node)) {
      const name = tsc.isShorthandPropertyAssignment(node) ? node.name.text : propertyNameText(tsc, node.name);
      if (name === 'rejectUnauthorized' && tsc.isPropertyAssignment(node) && isFalse(tsc, node.initializer)) {
        ctx.report({
          range: range(node.initializer),
          message: 'rejectUnauthorized: false turns off certificate validation: anyone on the network path can impersonate the service and read keys and data.',
          fixes: [replace(node.initializer, 'true')],
        });
      } else if (name === ENV_NAME && tsc.isPropertyAssignment(node) && isZero(tsc, node.initializer)) {
        // `env: { NODE_TLS_REJECT_UNAUTHORIZED: '0' }` for a child process.
        ctx.report({
          range: range(node.initializer),
          message: `${ENV_NAME}=0 turns off certificate validation for the whole process (Node: "strongly discouraged").`,
          fixes: [removal(node)].filter((f): f is Fix => f !== undefined),
        });
      } else if (name === 'checkServerIdentity') {
        const fn = tsc.isMethodDeclaration(node) ? node : tsc.isPropertyAssignment(node) ? unwrap(tsc, node.initializer) : undefined;
        const verdict = fn && checkServerIdentityBody(tsc, fn);
        if (verdict?.disables) {
          const fix = removal(node);
          ctx.report({
            range: tsc.isMethodDeclaration(node) ? range(node.name) : range(fn!),
            message: 'This checkServerIdentity returns nothing, so every certificate passes the host name check: the connection can be intercepted.',
            // A function that does more than return (logging, pinning) loses that too: a suggestion then.
            fixes: fix ? [{ ...fix, preferred: !verdict.doesMore }] : [],
          });
        }
      }
    } else if (tsc.isBinaryExpression(node) && node.operatorToken.kind === tsc.SyntaxKind.EqualsToken) {
      const target = unwrap(tsc, node.left);
      if (isEnvTarget(tsc, target) && isZero(tsc, node.right)) {
        ctx.report({
          range: range(node.right),
          message: `${ENV_NAME}=0 turns off certificate validation for the whole process (Node: "strongly discouraged").`,
          fixes: [assignmentRemoval(node)],
        });
      } else if (tsc.isPropertyAccessExpression(target) && target.name.text === 'rejectUnauthorized' && isFalse(tsc, node.right)) {
        ctx.report({
          range: range(node.right),
          message: 'rejectUnauthorized = false turns off certificate validation: anyone on the network path can impersonate the service and read keys and data.',
          fixes: [replace(node.right, 'true')],
        });
      }
    }
  };

  const removal = (property: ts.Node): Fix | undefined => {
    const object = property.parent;
    if (!tsc.isObjectLiteralExpression(object)) return undefined;
    return { title: TITLE, preferred: true, edits: [removeListElementEdit(sourceFile, lines, object.properties, property)] };
  };

  /** The assignment goes when it is a statement of its own; elsewhere (`if (x) … = '0'`) the value becomes '1'. */
  const assignmentRemoval = (assignment: ts.BinaryExpression): Fix => {
    const statement = assignment.parent;
    let edit: TextEdit;
    if (tsc.isExpressionStatement(statement) && (tsc.isBlock(statement.parent) || tsc.isSourceFile(statement.parent) || tsc.isModuleBlock(statement.parent))) {
      edit = removeStatementEdit(sourceFile, lines, statement);
    } else {
      edit = { range: range(assignment.right), newText: `'1'` };
    }
    return { title: TITLE, preferred: true, edits: [edit] };
  };

  walkTree(tsc, sourceFile, visit);
}

export const rule: Rule = {
  id: 'tls-verification-disabled',
  feature: 'tls',
  languages: ['typescript'],
  severity: 'error',
  docs: {
    summary: 'TLS certificate or host name verification is turned off.',
    why:
      'TLS only protects the key, the token and the data sent to Azure AI services when the client checks who it is talking to. ' +
      'Without certificate validation, TLS 1.2 still encrypts, but to whoever answers.',
    fix: 'Verify certificates: `rejectUnauthorized` becomes `true`; the `NODE_TLS_REJECT_UNAUTHORIZED = "0"` assignment and an empty `checkServerIdentity` are removed.',
  },
  // Names are compared as the compiler reads them: rej\u0065ctUnauthorized is rejectUnauthorized.
  typescriptPrefilter: (text) => namesTlsVerificationOption(text),
  typescript: checkTypeScript,
};
