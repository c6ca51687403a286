// The leadq core in the browser: the WebAssembly module's loader and a thin, typed
// wrapper over it (the module is standalone: there is no generated glue to download).
//
// Every engine operation takes a plain value and returns a plain value; JSON strings are
// what cross into wasm, and this wrapper frees every string it receives, so callers never
// manage memory. Failures reported by the engine ({"ok":false,...}) are thrown as a
// LeadqError carrying the engine's code, message and JSON path. A trap inside the module
// (which should never happen) is also turned into a LeadqError and the instance is
// replaced before the next call, so nothing from C++ ever escapes to the page.

/** An error reported by the leadq engine or by the widget's own plumbing. */
export class LeadqError extends Error {
  /**
   * @param {string} code machine-readable code, e.g. "invalid_answer", "invalid_flow"
   * @param {string} message human-readable (and, for answers, localised) explanation
   * @param {string} [path] JSON pointer to the offending member of the request, or ""
   * @param {Array<{path: string, message: string}>} [problems] every problem of a flow
   */
  constructor(code, message, path = '', problems = []) {
    super(message);
    this.name = 'LeadqError';
    this.code = code;
    this.path = path;
    this.problems = problems;
  }
}

/**
 * What an instance of the engine's module exports (wasm/bindings.cc; a standalone
 * module: no generated glue, this file is its loader).
 * @typedef {{
 *   memory: WebAssembly.Memory,
 *   leadq_call: (op: number, request: number) => number,
 *   leadq_free: (ptr: number) => void,
 *   malloc: (size: number) => number,
 *   free: (ptr: number) => void,
 * }} EngineExports
 */

/** Requests above this size are refused in JS already (the engine's own limit is 4 MiB). */
const kMaxRequestChars = 4 * 1024 * 1024;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * @param {EngineExports} mod
 * @param {string} text
 * @returns {number} a malloc'd NUL-terminated UTF-8 copy of `text`
 */
function copyIn(mod, text) {
  const bytes = encoder.encode(text);
  const ptr = mod.malloc(bytes.length + 1);
  if (!ptr) throw new LeadqError('out_of_memory', 'the engine ran out of memory');
  const heap = new Uint8Array(mod.memory.buffer);  // after malloc: it may have grown memory
  heap.set(bytes, ptr);
  heap[ptr + bytes.length] = 0;
  return ptr;
}

/**
 * @param {EngineExports} mod
 * @param {number} ptr a NUL-terminated UTF-8 string in the module's memory
 */
function copyOut(mod, ptr) {
  const heap = new Uint8Array(mod.memory.buffer);
  let end = ptr;
  while (heap[end]) end += 1;
  return decoder.decode(heap.subarray(ptr, end));
}

/** The engine, loaded. Methods are synchronous: the conversation never waits. */
export class Core {
  /**
   * @param {() => Promise<EngineExports>} instantiate makes a fresh module instance
   * @param {EngineExports} mod the first instance
   */
  constructor(instantiate, mod) {
    /** @private */ this.instantiate_ = instantiate;
    /** @private @type {EngineExports | null} */ this.mod_ = mod;
    /** @private @type {Promise<void> | null} */ this.revival_ = null;
  }

  /**
   * Runs one engine operation and returns its value.
   * @param {string} op "next" | "check_answer" | "decide", and with leadq-core.wasm also
   *   "decode_flow" | "compile_flow"
   * @param {unknown} request a JSON-serialisable value
   * @returns {any} the response's `value`
   * @throws {LeadqError} with the engine's code, message and path when it says no
   */
  call(op, request) {
    const mod = this.mod_;
    if (!mod) throw new LeadqError('unavailable', 'the engine is restarting');
    const text = JSON.stringify(request === undefined ? null : request);
    if (text.length > kMaxRequestChars) {
      throw new LeadqError('invalid_argument', 'the request is larger than 4 MiB');
    }
    let raw;
    const inputs = [0, 0];
    try {
      inputs[0] = copyIn(mod, op);
      inputs[1] = copyIn(mod, text);
      const out = mod.leadq_call(inputs[0], inputs[1]);
      if (!out) throw new LeadqError('out_of_memory', 'the engine ran out of memory');
      raw = copyOut(mod, out);
      mod.leadq_free(out);
    } catch (e) {
      if (e instanceof LeadqError) throw e;
      // A trap leaves the instance in an unknown state: drop it and make a new one.
      this.mod_ = null;
      this.revival_ = this.instantiate_().then((fresh) => { this.mod_ = fresh; });
      throw new LeadqError('internal', 'the engine failed: ' + String(e));
    } finally {
      if (this.mod_ === mod) for (const ptr of inputs) if (ptr) mod.free(ptr);
    }
    return unwrap(raw);
  }

  /**
   * Runs an operation and returns the raw JSON text of the response (for tests that
   * compare bytes with the native engine).
   * @param {string} op
   * @param {string} requestText
   * @returns {string}
   */
  callRaw(op, requestText) {
    const mod = this.mod_;
    if (!mod) throw new LeadqError('unavailable', 'the engine is restarting');
    const a = copyIn(mod, op);
    const b = copyIn(mod, requestText);
    try {
      const out = mod.leadq_call(a, b);
      const raw = copyOut(mod, out);
      mod.leadq_free(out);
      return raw;
    } finally {
      mod.free(a);
      mod.free(b);
    }
  }

  /** Resolves when the engine is usable again after an internal failure. */
  async ready() {
    if (this.revival_) await this.revival_;
  }

  /**
   * Validates a flow document. @param {unknown} flow
   * @returns {{id: string, version: number, languages: string[], default_language: string,
   *   steps: number, questions: number, variants: string[]}}
   */
  decodeFlow(flow) { return this.call('decode_flow', flow); }

  /**
   * The next turn of the conversation. @param {TurnRequest} request
   * @returns {Turn}
   */
  next(request) { return this.call('next', request); }

  /**
   * Checks one answer; returns the normalised value to store.
   * @param {{flow: unknown, step: string, value: unknown, language?: string}} request
   * @returns {unknown}
   * @throws {LeadqError} code "invalid_answer" with a localised message
   */
  checkAnswer(request) { return this.call('check_answer', request).value; }

  /** The outcome only. @param {TurnRequest} request @returns {Outcome} */
  decide(request) { return this.call('decide', request); }
}

/**
 * @param {string} raw
 * @returns {any}
 */
function unwrap(raw) {
  /** @type {any} */
  let response;
  try {
    response = JSON.parse(raw);
  } catch {
    throw new LeadqError('internal', 'the engine returned malformed JSON');
  }
  if (response && response.ok === true) return response.value;
  const error = (response && response.error) || {};
  throw new LeadqError(String(error.code || 'internal'), String(error.message || 'unknown error'),
      String(error.path || ''), Array.isArray(error.problems) ? error.problems : []);
}

/**
 * What the module imports: the allocator's note that memory grew (views are made afresh
 * on every use, so nothing to do) and the exit of an abort, which never happens on any
 * input; should it, it ends the call like a trap and the instance is replaced.
 */
const imports = {
  env: { emscripten_notify_memory_growth() {} },
  wasi_snapshot_preview1: {
    /** @param {number} code */
    proc_exit(code) { throw new WebAssembly.RuntimeError(`the engine exited (${code})`); },
  },
};

/**
 * Compiles the module from its URL, streamed when the server sends application/wasm.
 * @param {string} url
 */
async function compileFrom(url) {
  const fetched = () => fetch(url).then((response) => {
    if (!response.ok) throw new LeadqError('unavailable', `the engine did not load (${response.status})`);
    return response;
  });
  try {
    return await WebAssembly.compileStreaming(fetched());
  } catch (e) {
    if (e instanceof LeadqError) throw e;
    return WebAssembly.compile(await (await fetched()).arrayBuffer());
  }
}

/**
 * Loads the engine: leadq-runtime.wasm (compiled flows, what the widget uses) or
 * leadq-core.wasm (flow documents too, and decode_flow / compile_flow).
 * @param {{wasmUrl?: string, wasmBinary?: BufferSource,
 *   wrapExports?: (exports: EngineExports) => EngineExports}} options
 *   either the module's URL (browsers; compiled while it downloads) or its bytes (Node,
 *   tests); `wrapExports` lets tests watch or break the exports of each instance.
 * @returns {Promise<Core>}
 */
export async function loadCore(options) {
  const module = options.wasmBinary
    ? await WebAssembly.compile(options.wasmBinary)
    : await compileFrom(String(options.wasmUrl));
  const wrap = options.wrapExports || ((/** @type {EngineExports} */ e) => e);
  const instantiate = async () => {
    const instance = await WebAssembly.instantiate(module, imports);
    const exports = /** @type {any} */ (instance.exports);
    exports._initialize();  // the C++ static constructors
    return wrap(/** @type {EngineExports} */ (exports));
  };
  return new Core(instantiate, await instantiate());
}

/**
 * @typedef {{
 *   flow: unknown,
 *   profile?: {fields?: Record<string, unknown>, signals?: Record<string, unknown>},
 *   answers?: Array<{step: string, value: unknown}>,
 *   now_ms?: number, language?: string, visitor_id?: string,
 * }} TurnRequest
 */

/**
 * @typedef {{
 *   value: string, label: string,
 * }} ChoiceView
 */

/**
 * @typedef {{
 *   id: string, field: string, type: string, text: string, help: string,
 *   required: boolean, choices: ChoiceView[], min?: number, max?: number, unit?: string,
 *   max_length?: number, consent_version?: string,
 * }} QuestionView
 */

/**
 * @typedef {{
 *   triage: string, grade: string, total_points: number,
 *   criteria: Array<{id: string, category: string, points: number, reason: string}>,
 *   missing_fields: string[], conversion: string, stage: string,
 *   knockout: {id: string, reason: string} | null,
 *   sla: {first_response_minutes: number, deadline_ms: number, follow_up_touches: number} | null,
 * }} Outcome
 */

/**
 * @typedef {{
 *   variant: string, messages: string[], question: QuestionView | null,
 *   progress: {asked: number, total: number}, done: boolean, previous_step: string,
 *   fields: Record<string, unknown>, outcome: Outcome,
 * }} Turn
 */
