// DOM helpers. Every piece of data from the server goes into the page through
// these functions as text (textContent / text nodes), never as HTML: the corpus
// contains HTML tags and uploaded documents may contain <script>.

/**
 * Create an element. `attrs` keys: `class`, `text` (textContent), `dataset`,
 * `on` ({event: handler}), booleans (set when true), anything else as attribute.
 * Children may be strings (turned into text nodes), nodes, arrays, null.
 */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = String(value);
    else if (key === "dataset") Object.assign(node.dataset, value);
    else if (key === "on") for (const [type, fn] of Object.entries(value)) node.addEventListener(type, fn);
    else if (value === true) node.setAttribute(key, "");
    else node.setAttribute(key, String(value));
  }
  append(node, children);
  return node;
}

/** Append children (strings become text nodes, arrays are flattened, null is skipped). */
export function append(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** Remove every child of `node`. */
export function clear(node) {
  node.replaceChildren();
  return node;
}

/** Sorted, clamped, merged [start, end] spans within a text of length `n`. */
export function normalizeSpans(spans, n) {
  const clean = (spans || [])
    .map(([s, e]) => [Math.max(0, Math.min(n, s | 0)), Math.max(0, Math.min(n, e | 0))])
    .filter(([s, e]) => e > s)
    .sort((a, b) => a[0] - b[0]);
  const merged = [];
  for (const span of clean) {
    const last = merged[merged.length - 1];
    if (last && span[0] <= last[1]) last[1] = Math.max(last[1], span[1]);
    else merged.push([...span]);
  }
  return merged;
}

/** Collapse runs of blank lines to one line break and other whitespace runs to a space (display only). */
export function tidy(text) {
  return text.replace(/[ \t\f\v\u00a0]*\n\s*/g, "\n").replace(/[ \t\f\v\u00a0]{2,}/g, " ");
}

/**
 * The text as a fragment with the `spans` wrapped in <mark>, built from text
 * nodes only. `tidyText` collapses whitespace in each piece, after cutting, so
 * the offsets still match the original text.
 */
export function highlighted(text, spans, { tidyText = true } = {}) {
  const fragment = document.createDocumentFragment();
  const show = (piece) => (tidyText ? tidy(piece) : piece);
  let at = 0;
  for (const [start, end] of normalizeSpans(spans, text.length)) {
    if (start > at) fragment.append(document.createTextNode(show(text.slice(at, start))));
    fragment.append(el("mark", { text: show(text.slice(start, end)) }));
    at = end;
  }
  if (at < text.length) fragment.append(document.createTextNode(show(text.slice(at))));
  return fragment;
}

/** Lowercase without accents, for comparisons ("Métropole" → "metropole"). */
export function fold(text) {
  return text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().replace(/[’‘`]/g, "'");
}

/**
 * Spans where any of `needles` occurs in `text`, accent- and case-insensitively,
 * on word boundaries. Folding keeps one character per character for the Latin
 * letters of the corpus, so the offsets are those of `text`.
 */
export function findSpans(text, needles) {
  const folded = fold(text);
  if (folded.length !== text.length) return [];
  const spans = [];
  for (const needle of needles.filter(Boolean)) {
    const target = fold(needle);
    let from = 0;
    while (target && (from = folded.indexOf(target, from)) !== -1) {
      const before = folded[from - 1];
      const after = folded[from + target.length];
      if (!isWordChar(before) && !isWordChar(after)) spans.push([from, from + target.length]);
      from += target.length;
    }
  }
  return spans;
}

function isWordChar(ch) {
  return ch !== undefined && /[\p{L}\p{N}]/u.test(ch);
}

/** Say something to screen-reader users through the polite live region. */
export function announce(message) {
  const region = document.getElementById("live");
  if (!region) return;
  region.textContent = "";
  // A fresh text node after a tick makes screen readers read a repeated message again.
  setTimeout(() => { region.textContent = message; }, 30);
}

/** French plural: "1 passage", "3 passages". */
export function plural(n, one, many = `${one}s`) {
  return `${n.toLocaleString("fr-FR")} ${n > 1 ? many : one}`;
}

/** Visually hidden text for screen readers. */
export function srOnly(text) {
  return el("span", { class: "visually-hidden", text });
}
