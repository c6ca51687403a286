// Shared set-up of the wasm tests: loads the exact files that ship (the Emscripten glue
// and the .wasm from the wasm build, through the widget's own core.js) and runs the
// native engine for byte-for-byte comparisons.
//
// LEADQ_WASM_DIR overrides the folder of leadq-core.mjs/.wasm (default build/widget/core,
// the shipped widget's copy of the wasm build's output);
// LEADQ_NATIVE_CALL overrides the native tool (default build/native/tests/wasm/leadq-call).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { loadCore } from '../../web/widget/core.js';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const wasmDir = resolve(root, process.env.LEADQ_WASM_DIR || 'build/widget/core');
export const nativeCall = resolve(root,
    process.env.LEADQ_NATIVE_CALL || 'build/native/tests/wasm/leadq-call');

/** Loads the shipped module the way the widget does, with the bytes passed in. */
export async function loadShippedCore() {
  const glue = resolve(wasmDir, 'leadq-core.mjs');
  if (!existsSync(glue)) {
    throw new Error(`${glue} is missing: run scripts/build.sh wasm (it builds the widget)`);
  }
  const factory = (await import(pathToFileURL(glue).href)).default;
  const wasmBinary = await readFile(resolve(wasmDir, 'leadq-core.wasm'));
  return loadCore({ factory, wasmBinary });
}

/** True when the native tool is built, so byte comparisons can run. */
export const hasNative = existsSync(nativeCall);

/**
 * The native engine's raw response to `requestText`.
 * @param {string} op
 * @param {string} requestText
 */
export function callNative(op, requestText) {
  return execFileSync(nativeCall, [op], { input: requestText, encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024, timeout: 30000 });
}

/** @param {string} path relative to the repository root */
export async function readJson(path) {
  return JSON.parse(await readFile(resolve(root, path), 'utf8'));
}
