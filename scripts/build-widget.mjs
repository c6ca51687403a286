// Builds the widget as it ships, into build/widget/ (or --out DIR):
//   leadq.js            the loader, a classic script, minified
//   app.js, chunk-*.js  the ES modules bundled and minified: app.js is what the loader
//                       imports; the engine wrapper, chat view and conversation are
//                       chunks app.js imports when a conversation starts
//   widget.css          the stylesheet, minified
//   core/leadq-runtime.wasm  the engine for compiled flows (what a visitor downloads)
//   core/leadq-core.wasm     the whole engine (flow documents, for data-flow-src), both
//                            copied from the wasm build (standalone modules: core.js
//                            loads them, there is no generated glue)
// and beside every file a gzip (-9) and a brotli (quality 11) copy, which
// `leadq serve --widget-dir build/widget` sends to browsers that accept them.
//
//   node scripts/build-widget.mjs [--out DIR] [--wasm-dir DIR]   (default build/wasm/wasm)
//
// The source modules in web/widget stay usable as they are (the server serves them when
// no --widget-dir is given); the browser tests run against this build.
import { copyFile, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

import * as esbuild from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const option = (/** @type {string} */ name, /** @type {string} */ fallback) => {
  const at = process.argv.indexOf(name);
  return resolve(root, at > 0 && process.argv[at + 1] ? process.argv[at + 1] : fallback);
};
const out = option('--out', 'build/widget');
const wasmDir = option('--wasm-dir', 'build/wasm/wasm');
const source = join(root, 'web/widget');

const common = {
  minify: true,
  target: 'es2020',
  legalComments: /** @type {const} */ ('none'),
  logLevel: /** @type {const} */ ('warning'),
};

await rm(out, { recursive: true, force: true });
await mkdir(join(out, 'core'), { recursive: true });

// The modules: one bundle from app.js, split where widget.js imports lazily. Members
// ending in "_" are private by the widget's convention and get short names.
await esbuild.build({
  ...common,
  entryPoints: [join(source, 'app.js')],
  bundle: true,
  splitting: true,
  format: 'esm',
  outdir: out,
  chunkNames: 'chunk-[hash]',
  mangleProps: /[^_]_$/,
});
// The loader is a classic script (it must run from a plain <script async> tag).
await esbuild.build({ ...common, entryPoints: [join(source, 'leadq.js')], outdir: out });
await esbuild.build({ ...common, entryPoints: [join(source, 'widget.css')], outdir: out });
for (const name of ['leadq-runtime.wasm', 'leadq-core.wasm']) {
  await copyFile(join(wasmDir, name), join(out, 'core', name));
}

/** @param {string} dir @returns {Promise<string[]>} */
async function files(dir) {
  const found = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...await files(path));
    else found.push(path);
  }
  return found;
}

for (const file of await files(out)) {
  const bytes = await readFile(file);
  await writeFile(`${file}.gz`, gzipSync(bytes, { level: 9 }));
  await writeFile(`${file}.br`, brotliCompressSync(bytes, { params: {
    [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } }));
}
