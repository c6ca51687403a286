// Size budget: what a visitor downloads for the widget's first render (loader, modules,
// stylesheet, wasm glue and module), per file and in total, raw, gzip -9 and brotli.
// A benchmark figure, not a test; the budget is 45 KB gzip in total.
//
// Two totals: the launcher (what a bubble or popup page loads before the visitor opens
// the chat: the loader, the statically imported modules and the stylesheet) and the
// conversation (everything, wasm included: an inline widget's first render, or a
// bubble's once opened; browsers fetch it while idle).
//
//   node bench/size.mjs [--json] [--minified]
// (after the wasm build; LEADQ_WASM_DIR to override). --minified also reports what the
// JS modules would weigh after a whitespace-and-comments pass of the pinned Closure
// Compiler (the widget ships its modules as source; this measures the next step).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const wasmDir = resolve(root, process.env.LEADQ_WASM_DIR || 'build/wasm/wasm');
const kBudget = 45 * 1024;

const widgetDir = join(root, 'web/widget');
const files = [
  ...readdirSync(widgetDir).filter((f) => f.endsWith('.js') || f.endsWith('.css')).sort()
      .map((f) => ({ name: `widget/${f}`, path: join(widgetDir, f) })),
  { name: 'widget/core/leadq-core.mjs', path: join(wasmDir, 'leadq-core.mjs') },
  { name: 'widget/core/leadq-core.wasm', path: join(wasmDir, 'leadq-core.wasm') },
];

/** The loader plus every module app.js imports statically, and the stylesheet. */
function launcherFiles() {
  const seen = new Set(['leadq.js', 'widget.css']);
  const visit = (/** @type {string} */ file) => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(join(widgetDir, file), 'utf8');
    for (const m of text.matchAll(/^import [^;]*? from '\.\/([\w-]+\.js)';/gms)) visit(m[1]);
  };
  visit('app.js');
  return seen;
}
const launcher = launcherFiles();

const rows = files.map(({ name, path }) => {
  const bytes = readFileSync(path);
  return {
    name: launcher.has(name.replace('widget/', '')) ? `${name} *` : name,
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, { params: {
      [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } }).length,
  };
});
/** @param {string} name @param {typeof rows} list */
const sum = (name, list) => list.reduce((t, r) => ({ name, raw: t.raw + r.raw,
  gzip: t.gzip + r.gzip, brotli: t.brotli + r.brotli }), { name, raw: 0, gzip: 0, brotli: 0 });
const launcherTotal = sum('launcher (bubble/popup before opening)',
    rows.filter((r) => r.name.endsWith(' *')));
const total = sum('conversation (everything, wasm included)', rows);
const flow = readFileSync(join(root, 'web/demo/flows/bant-demo.json'));
const data = { name: 'flow bant-demo.json (data, via the API)', raw: flow.length,
  gzip: gzipSync(flow, { level: 9 }).length, brotli: brotliCompressSync(flow).length };

/** JS modules after Closure's WHITESPACE_ONLY pass, gzip -9 and brotli totals. */
function minifiedJs() {
  const closure = join(root, 'node_modules/.bin/google-closure-compiler');
  if (!existsSync(closure)) return null;
  const out = mkdtempSync(join(tmpdir(), 'leadq-size-'));
  try {
    const list = files.filter((f) => f.path.endsWith('.js') && f.name.startsWith('widget/') &&
      !f.name.startsWith('widget/core/'));
    const minified = list.map(({ name, path }) => {
      const target = join(out, name.replace(/\//g, '_'));
      execFileSync(closure, ['--compilation_level', 'WHITESPACE_ONLY', '--language_in',
        'ECMASCRIPT_2021', '--language_out', 'NO_TRANSPILE', '--jscomp_off=moduleLoad',
        '--js', path, '--js_output_file', target], { stdio: 'ignore' });
      const bytes = readFileSync(target);
      return { name, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length,
        brotli: brotliCompressSync(bytes).length };
    });
    const original = rows.filter((r) => r.name.replace(' *', '').endsWith('.js') &&
      !r.name.startsWith('widget/core/'));
    return { before: sum('JS modules as shipped', original), after: sum('JS modules minified', minified) };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

if (process.argv.includes('--json')) {
  console.log(JSON.stringify({ files: rows, launcher: launcherTotal, total, flow: data,
    budget_gzip: kBudget }, null, 2));
} else {
  const kb = (/** @type {number} */ n) => (n / 1024).toFixed(1).padStart(7);
  console.log(`${'file (launcher files marked *)'.padEnd(40)} ${'raw KB'.padStart(7)} ${'gzip'.padStart(7)} ${'brotli'.padStart(7)}`);
  for (const r of [...rows, launcherTotal, total, data]) {
    if (r === launcherTotal) console.log('-'.repeat(64));
    console.log(`${r.name.padEnd(40)} ${kb(r.raw)} ${kb(r.gzip)} ${kb(r.brotli)}`);
  }
  const verdict = total.gzip <= kBudget ? 'within' : 'over';
  if (process.argv.includes('--minified')) {
    const m = minifiedJs();
    if (m) {
      console.log('');
      for (const r of [m.before, m.after]) {
        console.log(`${r.name.padEnd(40)} ${kb(r.raw)} ${kb(r.gzip)} ${kb(r.brotli)}`);
      }
    }
  }
  console.log(`\nlauncher: ${kb(launcherTotal.gzip).trim()} KB gzip; conversation: ` +
      `${kb(total.gzip).trim()} KB gzip, ${kb(total.brotli).trim()} KB brotli ` +
      `(${verdict} the 45 KB gzip budget)`);
}
