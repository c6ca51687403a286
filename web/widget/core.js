// The leadq core in the browser: a thin, typed wrapper over the WebAssembly module.
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
 * The subset of the Emscripten module object this wrapper uses.
 * @typedef {{
 *   _leadq_call: (op: number, request: number) => number,
 *   _leadq_free: (ptr: number) => void,
 *   _malloc: (size: number) => number,
 *   _free: (ptr: number) => void,
 *   UTF8ToString: (ptr: number) => string,
 *   stringToUTF8: (text: string, ptr: number, max: number) => void,
 *   lengthBytesUTF8: (text: string) => number,
 * }} WasmModule
 */

/**
 * @typedef {(options: Record<string, unknown>) => Promise<WasmModule>} ModuleFactory
 */

/** Requests above this size are refused in JS already (the engine's own limit is 4 MiB). */
const kMaxRequestChars = 4 * 1024 * 1024;

/**
 * @param {WasmModule} mod
 * @param {string} text
 * @returns {number} a malloc'd NUL-terminated UTF-8 copy of `text`
 */
function copyIn(mod, text) {
  const size = mod.lengthBytesUTF8(text) + 1;
  const ptr = mod._malloc(size);
  if (!ptr) throw new LeadqError('out_of_memory', 'the engine ran out of memory');
  mod.stringToUTF8(text, ptr, size);
  return ptr;
}

/** The engine, loaded. Methods are synchronous: the conversation never waits. */
export class Core {
  /**
   * @param {() => Promise<WasmModule>} instantiate makes a fresh module instance
   * @param {WasmModule} mod the first instance
   */
  constructor(instantiate, mod) {
    /** @private */ this.instantiate_ = instantiate;
    /** @private @type {WasmModule | null} */ this.mod_ = mod;
    /** @private @type {Promise<void> | null} */ this.revival_ = null;
  }

  /**
   * Runs one engine operation and returns its value.
   * @param {string} op "decode_flow" | "next" | "check_answer" | "decide"
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
      const out = mod._leadq_call(inputs[0], inputs[1]);
      if (!out) throw new LeadqError('out_of_memory', 'the engine ran out of memory');
      raw = mod.UTF8ToString(out);
      mod._leadq_free(out);
    } catch (e) {
      if (e instanceof LeadqError) throw e;
      // A trap leaves the instance in an unknown state: drop it and make a new one.
      this.mod_ = null;
      this.revival_ = this.instantiate_().then((fresh) => { this.mod_ = fresh; });
      throw new LeadqError('internal', 'the engine failed: ' + String(e));
    } finally {
      if (this.mod_ === mod) for (const ptr of inputs) if (ptr) mod._free(ptr);
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
      const out = mod._leadq_call(a, b);
      const raw = mod.UTF8ToString(out);
      mod._leadq_free(out);
      return raw;
    } finally {
      mod._free(a);
      mod._free(b);
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
 * Loads the engine.
 * @param {{factory: ModuleFactory, wasmUrl?: string, wasmBinary?: ArrayBuffer | Uint8Array}} options
 *   `factory` is the default export of leadq-core.mjs; give either the URL of
 *   leadq-core.wasm (browsers; streamed and compiled once) or its bytes (Node, tests).
 * @returns {Promise<Core>}
 */
export async function loadCore(options) {
  /** @type {Record<string, unknown>} */
  const base = {
    print: () => {},
    printErr: () => {},
    onAbort: () => {},
  };
  if (options.wasmBinary) base.wasmBinary = options.wasmBinary;
  if (options.wasmUrl) {
    const url = options.wasmUrl;
    base.locateFile = () => url;
  }
  const instantiate = () => options.factory({ ...base });
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
