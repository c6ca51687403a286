// Builds the widget as it ships, into build/widget/ (or --out DIR):
//   leadq.js            the loader, a classic script, minified
//   app.js, chunk-*.js  the ES modules bundled and minified: app.js is what the loader
//                       imports; the engine wrapper, chat view and conversation are
//                       one chunk app.js imports when a conversation starts
//   widget.css          the stylesheet, minified
//   core.js             the engine wrapper alone, an ES module, for the console
//   core/leadq-runtime.wasm  the engine for compiled flows (what a visitor downloads)
//   core/leadq-core.wasm     the whole engine (flow documents, for data-flow-src), both
//                            copied from the wasm build (standalone modules: core.js
//                            loads them, there is no generated glue)
// and beside every file a gzip copy (made by zopfli: still plain gzip, a few per cent
// smaller than zlib's -9) and a brotli (quality 11) copy, which
// `leadq serve --widget-dir build/widget` sends to browsers that accept them.
//
//   node scripts/build-widget.mjs [--out DIR] [--wasm-dir DIR]   (default build/wasm/wasm)
//
// The source modules in web/widget stay usable as they are (the server serves them when
// no --widget-dir is given); the browser tests run against this build.
import { copyFile, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants } from 'node:zlib';

import { gzipAsync } from '@gfx/zopfli';
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

// The modules: app.js, bundled, and one lazy chunk bundled from later.js (what widget.js
// imports when a conversation starts). What both use (the element builder, the strings,
// the store) ships once, in app.js, which the chunk imports: app.js is always loaded
// first, so a separate shared chunk would only cost a request and its own compression.
// Two builds, so they share one mangle cache: members ending in "_" are private by the
// widget's convention and get short names, the same in both files. Module scripts are
// always UTF-8, so text stays unescaped.
const modules = { ...common, bundle: true, format: /** @type {const} */ ('esm'),
  charset: /** @type {const} */ ('utf8'), mangleProps: /[^_]_$/, metafile: true,
  absWorkingDir: root };

// Which source modules app.js bundles (later.js left out).
const appInputs = new Set(Object.keys((await esbuild.build({ ...modules,
  entryPoints: [join(source, 'app.js')], write: false, outdir: out,
  plugins: [externalLater('./later.js')] })).metafile.inputs).map((p) => resolve(root, p)));

// The lazy chunk: later.js and what it needs that app.js does not already hold.
const lazy = await esbuild.build({ ...modules, entryPoints: [join(source, 'later.js')],
  outdir: out, entryNames: 'chunk-[hash]', mangleCache: {}, plugins: [{
    name: 'shared-from-app',
    setup(build) {
      build.onResolve({ filter: /^\./ }, (args) => {
        const path = resolve(args.resolveDir, args.path);
        return appInputs.has(path) ? { path: './app.js', external: true } : undefined;
      });
    },
  }] });
const [lazyFile] = Object.keys(lazy.metafile.outputs);
const lazyName = lazyFile.split('/').pop() || '';

const app = await esbuild.build({ ...modules, entryPoints: [join(source, 'app.js')],
  outdir: out, mangleCache: lazy.mangleCache, plugins: [externalLater(`./${lazyName}`)] });
// Every name the chunk takes from app.js must be exported there (app.js re-exports them).
const appExports = new Set(Object.values(app.metafile.outputs)[0].exports);
const lazyText = await readFile(join(out, lazyName), 'utf8');
for (const m of lazyText.matchAll(/import\s*\{([^}]*)\}\s*from\s*"\.\/app\.js"/g)) {
  for (const name of m[1].split(',').map((s) => s.trim().split(/\s+as\s+/)[0])) {
    if (!appExports.has(name)) {
      throw new Error(`${lazyName} imports "${name}" from app.js, which does not export it`);
    }
  }
}

/**
 * widget.js's `import('./later.js')` becomes an import of the lazy chunk's file.
 * @param {string} path @returns {esbuild.Plugin}
 */
function externalLater(path) {
  return { name: 'external-later', setup(build) {
    build.onResolve({ filter: /^\.\/later\.js$/ }, () => ({ path, external: true }));
  } };
}
// The engine wrapper on its own, for the console (its flow editor validates with the same
// core): not part of what a visitor downloads. Members keep their names (no mangling).
await esbuild.build({ ...common, bundle: true, format: 'esm', charset: 'utf8',
  entryPoints: [join(source, 'core.js')], outdir: out });
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
  await writeFile(`${file}.gz`, await gzipAsync(bytes, { numiterations: 15 }));
  await writeFile(`${file}.br`, brotliCompressSync(bytes, { params: {
    [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } }));
}
