// The leadq engine in the console: the same C++ core, compiled to WebAssembly, that the
// widget runs (the whole engine, leadq-core.wasm, which reads flow documents), loaded
// once, when a screen first needs it. The flow editor validates with it as you type, so
// what it reports is what the server will say.

/** @type {Promise<import('../widget/core.js').Core> | null} */
let loading = null;

/** @returns {Promise<import('../widget/core.js').Core>} */
export function engine() {
  if (!loading) {
    loading = import('../widget/core.js')
      .then(({ loadCore }) => loadCore({ wasmUrl: new URL('../widget/core/leadq-core.wasm', import.meta.url).href }))
      .catch((error) => { loading = null; throw error; });
  }
  return loading;
}
