// Fails the build when the JavaScript a first visit must load is above the budget (gzip), and prints the figure.
// "Initial" is what dist/index.html names: its module scripts and the chunks it preloads; lazy routes are not in it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const BUDGET_BYTES = 150 * 1000;
const dist = join(import.meta.dirname, '..', 'dist');
const html = readFileSync(join(dist, 'index.html'), 'utf8');

const scripts = [
  ...html.matchAll(/<script\b[^>]*\btype="module"[^>]*\bsrc="([^"]+)"/g),
  ...html.matchAll(/<link\b[^>]*\brel="modulepreload"[^>]*\bhref="([^"]+)"/g),
].map((match) => match[1]);

if (scripts.length === 0) {
  console.error('bundle budget: dist/index.html names no module script; is this a Vite build?');
  process.exit(1);
}

let total = 0;
for (const src of new Set(scripts)) {
  const bytes = readFileSync(join(dist, src.replace(/^\//, '')));
  const gzipped = gzipSync(bytes, { level: 9 }).length;
  total += gzipped;
  console.log(`bundle budget: ${src} ${(bytes.length / 1000).toFixed(1)} kB, ${(gzipped / 1000).toFixed(1)} kB gzip`);
}

const verdict = total <= BUDGET_BYTES ? 'within' : 'OVER';
console.log(
  `bundle budget: initial JavaScript ${(total / 1000).toFixed(1)} kB gzip, ${verdict} the budget of ${BUDGET_BYTES / 1000} kB`,
);
if (total > BUDGET_BYTES) {
  process.exit(1);
}
