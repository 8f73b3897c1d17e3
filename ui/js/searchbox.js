// The search box: an ARIA 1.2 combobox whose listbox shows /api/suggest
// answers while typing (debounced). Arrow keys move, Enter picks the active
// suggestion or searches, Escape closes the list.

import { api } from "./api.js";
import { announce, clear, el } from "./dom.js";

const DEBOUNCE_MS = 150;
const KIND_LABELS = { organisation: "Organisation", fiche: "Fiche", document: "Document" };

/**
 * Wire the combobox. `onSearch(text)` runs a search; it is called on Enter,
 * on submit and when a suggestion is picked.
 */
export function setupSearchBox({ form, input, listbox, onSearch }) {
  let options = [];
  let active = -1;
  let timer = null;
  let controller = null;
  let lastAsked = "";

  const close = () => {
    listbox.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  };

  const setActive = (index) => {
    active = index;
    [...listbox.children].forEach((option, i) => option.setAttribute("aria-selected", String(i === index)));
    if (index >= 0) {
      const option = listbox.children[index];
      input.setAttribute("aria-activedescendant", option.id);
      option.scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  };

  const show = (found) => {
    options = found;
    clear(listbox);
    if (!found.length) {
      close();
      return;
    }
    found.forEach((s, i) => {
      listbox.append(el("li", {
        id: `suggestion-${i}`, role: "option", class: `suggestion suggestion-${s.kind}`, "aria-selected": "false",
        on: {
          // mousedown, not click: the input keeps its focus (no blur closing the list first).
          mousedown: (event) => { event.preventDefault(); pick(i); },
        },
      }, el("span", { class: "suggestion-kind", text: KIND_LABELS[s.kind] || s.kind }),
      el("span", { class: "suggestion-label", text: s.label })));
    });
    listbox.hidden = false;
    input.setAttribute("aria-expanded", "true");
    active = -1;
    announce(`${found.length} suggestion${found.length > 1 ? "s" : ""} : flèche bas pour les parcourir.`);
  };

  // What to ask /api/suggest: the whole text, or, in a longer question, the word being typed.
  const fetchSuggestions = async () => {
    const text = input.value;
    const whole = text.trim();
    if (!whole || whole === lastAsked) return;
    lastAsked = whole;
    controller?.abort();
    controller = new AbortController();
    const { signal } = controller;
    try {
      let found = (await api.suggest(whole.slice(0, 100), { signal })).suggestions.map((s) => ({ ...s, scope: "all" }));
      const last = lastWord(text);
      if (!found.length && last && last.word.length >= 2 && last.start > 0) {
        found = (await api.suggest(last.word, { signal })).suggestions
          .filter((s) => s.kind !== "document").map((s) => ({ ...s, scope: "word" }));
      }
      if (input.value === text && document.activeElement === input) show(found);
    } catch (err) {
      if (err.name !== "AbortError") close();
    }
  };

  const pick = (index) => {
    const s = options[index];
    if (!s) return;
    input.value = s.scope === "word" ? replaceLastWord(input.value, s.value) : s.value;
    lastAsked = input.value.trim();
    close();
    onSearch(input.value.trim());
  };

  input.addEventListener("input", () => {
    clearTimeout(timer);
    if (!input.value.trim()) {
      lastAsked = "";
      close();
      return;
    }
    timer = setTimeout(fetchSuggestions, DEBOUNCE_MS);
  });

  input.addEventListener("keydown", (event) => {
    const open = !listbox.hidden && options.length > 0;
    if (event.key === "ArrowDown") {
      event.preventDefault();
      if (!open) {
        lastAsked = "";
        fetchSuggestions();
        return;
      }
      setActive(active + 1 >= options.length ? 0 : active + 1);
    } else if (event.key === "ArrowUp" && open) {
      event.preventDefault();
      setActive(active <= 0 ? options.length - 1 : active - 1);
    } else if (event.key === "Enter" && open && active >= 0) {
      event.preventDefault();
      pick(active);
    } else if (event.key === "Escape" && open) {
      // Only close the list: the browser's default (emptying a search field) would lose the question.
      event.preventDefault();
      close();
    } else if (event.key === "Tab") {
      close();
    }
  });

  input.addEventListener("blur", () => setTimeout(close, 100));

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    clearTimeout(timer);
    controller?.abort();
    close();
    const text = input.value.trim();
    if (text) onSearch(text);
    else input.focus();
  });

  return {
    setValue(text) {
      input.value = text;
      lastAsked = text.trim();
      close();
    },
    focus() {
      input.focus();
    },
  };
}

/** The word being typed at the end of `text` and where it starts ("l'UDCC" → "UDCC": apostrophes split words). */
function lastWord(text) {
  const match = /([\p{L}\p{N}][\p{L}\p{N}.-]*)\s*$/u.exec(text);
  return match ? { word: match[1], start: match.index } : null;
}

function replaceLastWord(text, value) {
  const last = lastWord(text);
  if (!last) return `${text} ${value}`.trim();
  const before = text.slice(0, last.start);
  // "la fiche 28" + "fiche 28.2" → "la fiche 28.2", not "la fiche fiche 28.2".
  const cleaned = /fiches?\s*$/i.test(before) ? value.replace(/^fiche\s+/i, "") : value;
  return `${before}${cleaned}`;
}
