// A tiny element builder: no innerHTML anywhere, so nothing a flow or a visitor types can
// become markup, and nothing needs 'unsafe-inline' under a Content-Security-Policy.

/**
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Record<string, string | boolean | number | ((e: any) => void)>} [attrs]
 *   "onclick"-style keys add listeners; booleans set or omit the attribute
 * @param {Array<Node | string | null | undefined | false>} children
 * @returns {HTMLElementTagNameMap[K]}
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (value === true) el.setAttribute(key, '');
    else if (value !== false) el.setAttribute(key, String(value));
  }
  for (const child of children) {
    if (child !== null && child !== undefined && child !== false) el.append(child);
  }
  return el;
}

let counter = 0;
/** @param {string} prefix @returns {string} an id unique within the page */
export function uid(prefix) {
  counter += 1;
  return `leadq-${prefix}-${counter}`;
}
