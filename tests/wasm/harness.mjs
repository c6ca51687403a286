// Shared set-up of the wasm tests: loads the exact files that ship (leadq-core.wasm and
// leadq-runtime.wasm, through the widget's own loader in core.js) and runs the native
// engine for byte-for-byte comparisons.
//
// LEADQ_WASM_DIR overrides the folder of the .wasm files (default build/widget/core, the
// shipped widget's copy of the wasm build's output);
// LEADQ_NATIVE_CALL overrides the native tool (default build/native/tests/wasm/leadq-call).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { loadCore } from '../../web/widget/core.js';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const wasmDir = resolve(root, process.env.LEADQ_WASM_DIR || 'build/widget/core');
export const nativeCall = resolve(root,
    process.env.LEADQ_NATIVE_CALL || 'build/native/tests/wasm/leadq-call');

/**
 * The bytes of a shipped module.
 * @param {'leadq-core' | 'leadq-runtime'} name
 */
export async function shippedModule(name) {
  const path = resolve(wasmDir, `${name}.wasm`);
  if (!existsSync(path)) {
    throw new Error(`${path} is missing: run scripts/build.sh wasm (it builds the widget)`);
  }
  return readFile(path);
}

/**
 * Loads a shipped module the way the widget does, with the bytes passed in.
 * @param {'leadq-core' | 'leadq-runtime'} [name] the whole engine (default) or the runtime
 */
export async function loadShippedCore(name = 'leadq-core') {
  return loadCore({ wasmBinary: await shippedModule(name) });
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
