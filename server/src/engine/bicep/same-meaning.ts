/**
 * Edits that change nothing any analysis reads: the editor answers them from what it knew (the
 * file's last analysis, the other files' results) instead of analysing again.
 */

const CHUNK = 256;

/**
 * Whether two Bicep texts mean the same to every reader: equal, or different only by spaces and tabs
 * at the end of one line (typing a space at the end of a line, deleting it). Those blanks are outside
 * every token and comment position: no line, column or value another file reads of this one moves.
 * Conservative: a text with a multi-line string (`'''`, where such blanks are content) or an edit on
 * a line holding a `#disable-` pragma is never the same.
 */
export function sameMeaning(before: string, after: string): boolean {
  if (before === after) return true;
  // An edit adds or removes a few characters: anything else is not a blank at a line's end.
  if (Math.abs(before.length - after.length) > 64) return false;
  const shorter = Math.min(before.length, after.length);
  // The common prefix and suffix, a chunk at a time (native string comparison), then by character.
  let start = 0;
  while (start + CHUNK <= shorter && before.startsWith(after.slice(start, start + CHUNK), start)) start += CHUNK;
  while (start < shorter && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let end = 0;
  while (end + CHUNK <= shorter - start && before.endsWith(after.slice(after.length - end - CHUNK, after.length - end), before.length - end)) end += CHUNK;
  while (end < shorter - start && before.charCodeAt(before.length - 1 - end) === after.charCodeAt(after.length - 1 - end)) end++;
  // The changed stretches [start, length - end) of both texts: blanks only, followed by blanks to the line's end.
  const blanks = (text: string, from: number, to: number) => {
    for (let i = from; i < to; i++) if (!isBlank(text.charCodeAt(i))) return false;
    return true;
  };
  if (!blanks(before, start, before.length - end) || !blanks(after, start, after.length - end)) return false;
  for (let i = after.length - end; i < after.length; i++) {
    const c = after.charCodeAt(i);
    if (c === 10 || c === 13) break;
    if (!isBlank(c)) return false;
  }
  const lineStart = after.lastIndexOf('\n', start - 1) + 1;
  const lineEnd = after.indexOf('\n', start);
  if (after.slice(lineStart, lineEnd === -1 ? after.length : lineEnd).includes('#disable')) return false;
  return !before.includes("'''");
}

function isBlank(c: number): boolean {
  return c === 32 || c === 9;
}
