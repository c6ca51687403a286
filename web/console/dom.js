// Building the console's DOM without innerHTML: every text a visitor or a flow supplied
// stays text, and nothing needs 'unsafe-inline' under the page's Content-Security-Policy.

/**
 * An element with properties (`className`, `textContent`, `onclick`, …) and attributes
 * (keys with a dash or listed in `attrs`), then its children.
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {{attrs?: Record<string, string>} & Record<string, any>} [props]
 * @param {Array<Node | string | null | undefined | false>} children
 * @returns {HTMLElementTagNameMap[K]}
 */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  const { attrs, ...rest } = props;
  Object.assign(node, rest);
  for (const [name, value] of Object.entries(attrs || {})) node.setAttribute(name, value);
  node.append(...children.filter((c) => c !== null && c !== undefined && c !== false)
    .map((c) => /** @type {Node | string} */ (c)));
  return node;
}

/**
 * A table with a caption, a header row and one row per item. Each cell carries its
 * column's heading (data-label), which a `stack` table shows beside the value on a phone,
 * where the rows become cards.
 * @template T
 * @param {string} caption
 * @param {string[]} headings
 * @param {T[]} items
 * @param {(item: T) => Array<Node | string>} cells
 * @param {string} [className]
 * @returns {HTMLTableElement}
 */
export function table(caption, headings, items, cells, className = '') {
  return el('table', { className },
    el('caption', { textContent: caption }),
    el('thead', {}, el('tr', {}, ...headings.map((text) => el('th', { textContent: text, attrs: { scope: 'col' } })))),
    el('tbody', {}, ...items.map((item) => el('tr', {}, ...cells(item).map((c, i) =>
      el('td', { attrs: { 'data-label': headings[i] || '' } }, c))))));
}

/**
 * A description list of name/value pairs.
 * @param {Record<string, unknown>} object
 * @returns {HTMLDListElement}
 */
export function pairs(object) {
  const list = el('dl', { className: 'pairs' });
  for (const [name, value] of Object.entries(object)) {
    list.append(el('dt', { textContent: name }),
      el('dd', { textContent: typeof value === 'string' ? value : JSON.stringify(value) }));
  }
  if (!list.childElementCount) list.append(el('dd', { textContent: '—' }));
  return list;
}
