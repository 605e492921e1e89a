// Prints the compressed (gzip -9) JavaScript a grid worker's phone loads before the first screen shows:
// the entry chunk, the home screen's chunk (MyGridScreen) and every chunk they import statically.
// Target: < 300 KB (issue 18). Exit code 1 when over the target and CONSOLE_SIZE_STRICT=1.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const dist = process.argv[2] ? `${process.argv[2].replace(/\/$/, '')}/` : fileURLToPath(new URL('../dist/', import.meta.url));
const manifest = JSON.parse(readFileSync(`${dist}.vite/manifest.json`, 'utf8'));
const TARGET_KB = 300;

function closure(keys) {
  const seen = new Set();
  const visit = (key) => {
    if (seen.has(key)) return;
    seen.add(key);
    for (const next of manifest[key].imports ?? []) visit(next);
  };
  keys.forEach(visit);
  return [...seen].map((key) => manifest[key].file).filter((file) => file.endsWith('.js'));
}

const entry = Object.keys(manifest).find((key) => manifest[key].isEntry);
const home = Object.keys(manifest).find((key) => key.endsWith('screens/MyGridScreen.tsx'));
const files = closure([entry, home]);
let total = 0;
for (const file of files) total += gzipSync(readFileSync(dist + file), { level: 9 }).length;
const kb = total / 1024;
console.log(`[console] grid worker first load: ${kb.toFixed(1)} KB of gzip-compressed JavaScript in ${files.length} files (target < ${TARGET_KB} KB)${kb < TARGET_KB ? '' : ' — OVER TARGET'}`);
if (kb >= TARGET_KB && process.env.CONSOLE_SIZE_STRICT === '1') process.exit(1);
