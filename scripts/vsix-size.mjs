// Prints the packaged extension's size, the figure kept in the README (target: under 5 MB).
import { statSync } from 'node:fs';
const file = process.argv[2];
const bytes = statSync(file).size;
console.log(`${file}: ${(bytes / 1024 / 1024).toFixed(2)} MB (${bytes} bytes)`);
if (bytes > 5 * 1024 * 1024) {
  console.error('The .vsix is over the 5 MB target.');
  process.exit(1);
}
