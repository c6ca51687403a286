// JSON pointers (RFC 6901) in a flow's text and in words: where a problem the engine
// reports at "/steps/2/choices/0/label" lies in the JSON being edited, and how a
// marketer reads it ("Step 3 “budget” › choices › 1 › label").

/** @param {string} pointer @returns {string[]} its reference tokens */
export function tokens(pointer) {
  if (!pointer) return [];
  return pointer.slice(1).split('/').map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/**
 * Where the value at `pointer` is in `text`, a valid JSON document: its start and end
 * offsets. When the pointer names a member that is not there (a required member left
 * out), the deepest value on its way that is: `found` is then false.
 * @param {string} text
 * @param {string} pointer
 * @returns {{start: number, end: number, found: boolean}}
 */
export function locate(text, pointer) {
  let i = 0;
  const space = () => { while (i < text.length && ' \t\n\r'.includes(text[i])) i++; };
  const skipString = () => {
    for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
    i++;
  };
  const skipValue = () => {
    space();
    const c = text[i];
    if (c === '"') return skipString();
    if (c === '{' || c === '[') {
      let depth = 0;
      do {
        const d = text[i];
        if (d === '"') { skipString(); continue; }
        if (d === '{' || d === '[') depth++;
        else if (d === '}' || d === ']') depth--;
        i++;
      } while (depth > 0 && i < text.length);
      return;
    }
    while (i < text.length && !',}] \t\n\r'.includes(text[i])) i++;
  };
  /** Moves to the member or element `token` of the value at i; false when it has none. */
  const enter = (/** @type {string} */ token) => {
    space();
    const open = text[i];
    if (open !== '{' && open !== '[') return false;
    i++;
    for (let n = 0; ; n++) {
      space();
      if (text[i] === '}' || text[i] === ']' || i >= text.length) return false;
      let match = String(n) === token;
      if (open === '{') {
        const start = i;
        skipString();
        match = JSON.parse(text.slice(start, i)) === token;
        space();
        i++;  // the colon
      }
      space();
      if (match) return true;
      skipValue();
      space();
      if (text[i] === ',') i++;
    }
  };
  space();
  let start = i;
  let found = true;
  for (const token of tokens(pointer)) {
    const before = i;
    if (!enter(token)) {
      i = before;
      found = false;
      break;
    }
    start = i;
  }
  i = start;
  skipValue();
  return { start, end: i, found };
}

/**
 * A pointer in words, with steps and criteria named by their ids from `doc`.
 * @param {any} doc the flow document
 * @param {string} pointer
 * @returns {string}
 */
export function describe(doc, pointer) {
  const parts = tokens(pointer);
  if (!parts.length) return 'The flow';
  /** @type {string[]} */
  const words = [];
  let at = doc;
  for (let k = 0; k < parts.length; k++) {
    const part = parts[k];
    const item = at && typeof at === 'object' ? at[part] : undefined;
    const parent = k > 0 ? parts[k - 1] : '';
    const named = item && typeof item === 'object' && typeof item.id === 'string' ? ` “${item.id}”` : '';
    if (parent === 'steps' && /^\d+$/.test(part)) {
      words.splice(words.length - 1, 1, `Step ${Number(part) + 1}${named}`);
    } else if (parent === 'criteria' && /^\d+$/.test(part)) {
      words.splice(words.length - 1, 1, `Criterion ${Number(part) + 1}${named}`);
    } else if (parent === 'knockouts' && /^\d+$/.test(part)) {
      words.splice(words.length - 1, 1, `Knockout ${Number(part) + 1}${named}`);
    } else if (/^\d+$/.test(part)) {
      words.push(String(Number(part) + 1));
    } else {
      words.push(part.replace(/_/g, ' '));
    }
    at = item;
  }
  const text = words.join(' › ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}
