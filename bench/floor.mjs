/**
 * The floor a Node.js scanner is held to: walk the tree, read every source file and run one
 * combined regex of the detection patterns over it (`--read-only`: read, no regex).
 * Prints `files bytes matches` on stdout. Usage: node bench/floor.mjs DIR [--read-only]
 */
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
const { patterns: DETECTION_PATTERNS, extensions: SOURCE_EXTENSIONS } = JSON.parse(readFileSync(new URL('./patterns.json', import.meta.url), 'utf8'));

const root = process.argv[2];
const readOnly = process.argv.includes('--read-only');
const combined = new RegExp(DETECTION_PATTERNS.map((p) => `(?:${p})`).join('|'), 'g');
const extensions = new Set(SOURCE_EXTENSIONS.map((e) => `.${e}`));
let files = 0;
let bytes = 0;
let matches = 0;
const walk = (dir) => {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && entry.name !== '.git') walk(full);
    } else if (extensions.has(path.extname(entry.name))) {
      const text = readFileSync(full, 'utf8');
      files++;
      bytes += text.length;
      if (!readOnly) for (const _ of text.matchAll(combined)) matches++;
    }
  }
};
walk(root);
console.log(`${files} ${bytes} ${matches}`);
