// Size budget: what a visitor downloads for the widget's first render, per file and in
// total, measured on exactly what ships: the build/widget folder that
// scripts/build-widget.mjs makes and `leadq serve --widget-dir` serves (loader, bundled
// modules, stylesheet, wasm glue and module), raw and as the precompressed gzip (zopfli) and
// brotli (quality 11) copies the server sends. A benchmark figure, not a test; the budget
// is 45 KB gzip in total.
//
// Two totals: the launcher (what a bubble or popup page loads before the visitor opens
// the chat: the loader, app.js with the chunks it imports statically, the stylesheet) and
// the conversation (an inline widget's first render, or a bubble's once opened: every
// script and the stylesheet, and the runtime engine leadq-runtime.wasm, which runs the
// compiled flow the server sends). core/leadq-core.wasm, the whole engine, is listed but
// not counted: only a widget given a flow document through data-flow-src loads it.
//
//   node bench/size.mjs [--json]     (after scripts/build.sh wasm; LEADQ_WIDGET_DIR to override)
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const widgetDir = resolve(root, process.env.LEADQ_WIDGET_DIR || 'build/widget');
const kBudget = 45 * 1024;

if (!existsSync(join(widgetDir, 'core/leadq-runtime.wasm'))) {
  console.error(`${widgetDir} is missing: run scripts/build.sh wasm (it builds the widget)`);
  process.exit(1);
}

/** @param {string} dir @returns {string[]} shipped files (not their compressed copies) */
function shipped(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return shipped(path);
    return /\.(gz|br)$/.test(entry.name) ? [] : [path];
  }).sort();
}

/** The loader, app.js and what it imports statically (transitively), and the stylesheet. */
function launcherFiles() {
  const seen = new Set(['leadq.js', 'widget.css']);
  const visit = (/** @type {string} */ file) => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(join(widgetDir, file), 'utf8');
    // Static imports only: `import{a}from"./chunk-X.js"`, `import"./chunk-Y.js"`.
    for (const m of text.matchAll(/import\s*(?:[\w${},\s*]*?\s*from\s*)?["']\.\/([\w-]+\.js)["']/g)) {
      visit(m[1]);
    }
  };
  visit('app.js');
  return seen;
}
const launcher = launcherFiles();

const rows = shipped(widgetDir).map((path) => {
  const name = relative(widgetDir, path);
  const size = (/** @type {string} */ suffix) => readFileSync(path + suffix).length;
  return {
    name: launcher.has(name) ? `${name} *` : name,
    raw: size(''),
    gzip: existsSync(path + '.gz') ? size('.gz') : gzipSync(readFileSync(path), { level: 9 }).length,
    brotli: existsSync(path + '.br') ? size('.br') : size(''),
  };
});
/** @param {string} name @param {typeof rows} list */
const sum = (name, list) => list.reduce((t, r) => ({ name, raw: t.raw + r.raw,
  gzip: t.gzip + r.gzip, brotli: t.brotli + r.brotli }), { name, raw: 0, gzip: 0, brotli: 0 });
const launcherTotal = sum('launcher (bubble/popup before opening)',
    rows.filter((r) => r.name.endsWith(' *')));
// Not downloaded by visitors: the whole engine (for data-flow-src documents) and the engine
// wrapper alone, which the console imports.
const kNotCounted = new Set(['core/leadq-core.wasm', 'core.js']);
const total = sum('conversation (runtime wasm included)',
    rows.filter((r) => !kNotCounted.has(r.name)));

if (process.argv.includes('--json')) {
  console.log(JSON.stringify({ files: rows, launcher: launcherTotal, total,
    budget_gzip: kBudget }, null, 2));
} else {
  const kb = (/** @type {number} */ n) => (n / 1024).toFixed(1).padStart(7);
  console.log(`${'file (launcher files *, not counted: ())'.padEnd(42)} ${'raw KB'.padStart(7)} ${'gzip'.padStart(7)} ${'brotli'.padStart(7)}`);
  for (const r of [...rows, launcherTotal, total]) {
    if (r === launcherTotal) console.log('-'.repeat(66));
    const name = kNotCounted.has(r.name) ? `(${r.name})` : r.name;
    console.log(`${name.padEnd(42)} ${kb(r.raw)} ${kb(r.gzip)} ${kb(r.brotli)}`);
  }
  const verdict = total.gzip <= kBudget ? 'within' : 'over';
  console.log(`\nlauncher: ${kb(launcherTotal.gzip).trim()} KB gzip; conversation: ` +
      `${kb(total.gzip).trim()} KB gzip, ${kb(total.brotli).trim()} KB brotli ` +
      `(${verdict} the 45 KB gzip budget)`);
}
