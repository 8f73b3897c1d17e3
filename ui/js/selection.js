// The "Sélection": passages collected across searches (for a training module),
// kept in localStorage, exported as Markdown with their citations or copied.

import { citationText, copyText, flash } from "./clipboard.js";
import { announce, clear, el, plural, tidy } from "./dom.js";
import { typeLabel } from "./labels.js";

const KEY = "pms-recherche.selection.v1";
const listeners = new Set();

function load() {
  try {
    const items = JSON.parse(localStorage.getItem(KEY) || "[]");
    return Array.isArray(items) ? items.filter((i) => i && typeof i.id === "string") : [];
  } catch {
    return [];
  }
}

let items = load();

function save() {
  try {
    localStorage.setItem(KEY, JSON.stringify(items));
  } catch {
    // Private mode or full storage: the selection still works for this page.
  }
  listeners.forEach((fn) => fn(items));
}

// Another tab changed the selection: follow it.
window.addEventListener("storage", (event) => {
  if (event.key === KEY) {
    items = load();
    listeners.forEach((fn) => fn(items));
  }
});

export const selection = {
  items: () => items.slice(),
  has: (id) => items.some((i) => i.id === id),
  /** Keep only what the export and the panel need from a search result. */
  add(result) {
    if (this.has(result.id)) return;
    items.push({
      id: result.id, text: result.text, citation: result.citation, page: result.page ?? null,
      fiche: result.fiche ?? null, start: result.start, end: result.end,
      document: { id: result.document.id, title: result.document.title, type: result.document.type },
    });
    save();
  },
  remove(id) {
    items = items.filter((i) => i.id !== id);
    save();
  },
  clear() {
    items = [];
    save();
  },
  onChange(fn) {
    listeners.add(fn);
  },
};

/** The selection as a Markdown document. */
export function toMarkdown(list, now = new Date()) {
  const date = now.toLocaleDateString("fr-FR", { day: "numeric", month: "long", year: "numeric" });
  const lines = ["# Sélection de passages — Projet Métropolitain des Solidarités", "",
    `Exportée le ${date} · ${plural(list.length, "passage")}`, ""];
  list.forEach((item, index) => {
    const text = tidy(item.text).split("\n").map((line) => `> ${line.trim()}`.trimEnd());
    lines.push(`## ${index + 1}. ${item.citation}`, "", ...text, "",
      `*Source : ${item.citation} (${typeLabel(item.document.type)})*`, "");
  });
  return lines.join("\n");
}

/** Start a download of `text` as a file (a blob link: no server round trip). */
export function download(filename, text, type = "text/markdown;charset=utf-8") {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = el("a", { href: url, download: filename, class: "offscreen" });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Fill the <aside> panel and keep it, and the header counter, in sync. */
export function setupSelectionPanel({ panel, toggle, counter, openPassage }) {
  const list = panel.querySelector("#selection-list");
  const empty = panel.querySelector("#selection-empty");
  const actions = panel.querySelector("#selection-actions");
  const exportButton = panel.querySelector("#selection-export");
  const copyButton = panel.querySelector("#selection-copy");
  const clearButton = panel.querySelector("#selection-clear");
  const closeButton = panel.querySelector("#selection-close");

  const render = () => {
    const current = selection.items();
    counter.textContent = String(current.length);
    // The visible name is "Sélection 2"; screen readers also hear what is counted.
    toggle.querySelector(".counter-unit").textContent = current.length > 1 ? " passages" : " passage";
    empty.hidden = current.length > 0;
    actions.hidden = current.length === 0;
    clear(list);
    current.forEach((item, index) => {
      list.append(el("li", { class: "selection-item" },
        el("p", { class: "selection-citation" }, el("span", { class: "selection-rank", text: `${index + 1}.` }),
          " ", item.citation),
        el("p", { class: "selection-text", text: excerpt(item.text) }),
        el("div", { class: "selection-item-actions" },
          el("a", { class: "link-button", href: openPassage(item), "aria-label": `Ouvrir le passage ${index + 1}` },
            "Ouvrir"),
          el("button", {
            type: "button", class: "link-button danger", "aria-label": `Retirer le passage ${index + 1}`,
            on: { click: () => {
              selection.remove(item.id);
              announce("Passage retiré de la sélection.");
              // The button is gone: keep the focus in the panel, on the next item's button or the title.
              const next = list.querySelectorAll(".selection-item button")[index];
              (next || panel.querySelector("h2")).focus();
            } },
          }, "Retirer"))));
    });
  };

  const setOpen = (open, { focus = true } = {}) => {
    panel.hidden = !open;
    toggle.setAttribute("aria-expanded", String(open));
    document.body.classList.toggle("selection-open", open);
    if (open && focus) panel.querySelector("h2").focus();
    if (!open && focus) toggle.focus();
  };

  toggle.addEventListener("click", () => setOpen(panel.hidden));
  closeButton.addEventListener("click", () => setOpen(false));
  // Escape closes the panel when the focus is in it (or lost on the page's body).
  document.addEventListener("keydown", (event) => {
    const where = document.activeElement;
    if (event.key === "Escape" && !panel.hidden && (panel.contains(where) || where === document.body)) setOpen(false);
  });
  exportButton.addEventListener("click", () => {
    const stamp = new Date().toISOString().slice(0, 10);
    download(`selection-pms-${stamp}.md`, toMarkdown(selection.items()));
    announce("Fichier Markdown téléchargé.");
  });
  copyButton.addEventListener("click", async () => {
    const text = selection.items().map(citationText).join("\n\n");
    if (await copyText(text, "Sélection copiée.")) flash(copyButton, "Copié !");
  });
  clearButton.addEventListener("click", () => {
    if (window.confirm("Vider la sélection ?")) {
      selection.clear();
      announce("Sélection vidée.");
    }
  });
  selection.onChange(render);
  render();
  return { setOpen };
}

function excerpt(text, max = 220) {
  const flat = tidy(text).replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1).trimEnd()}…` : flat;
}
