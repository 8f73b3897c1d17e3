// The document viewer (?doc=<id>&start=&end=, or &fiche=28.2, or &page=23):
// the whole text by page and section, a table of contents, the chosen passage
// highlighted and scrolled into view, and a word on alternate (OCR) versions.
// The text is cut at offsets and inserted as text nodes only.

import { api, ApiError } from "./api.js";
import { el, fold, srOnly } from "./dom.js";
import { typeBadge } from "./render.js";
import { showError, withLoading } from "./status.js";
import { docHref, ficheHref } from "./urls.js";

/** Render the viewer for `params` into `view`. */
export async function showDocument(view, params, { back }) {
  const id = params.get("doc");
  document.title = "Document — Recherche PMS";
  let doc;
  try {
    doc = await withLoading(view, api.document(id), "Chargement du document…");
  } catch (err) {
    const error = err instanceof ApiError ? err : new ApiError(0, "Erreur inattendue.");
    if (error.status === 404 || error.status === 422) {
      error.status = 404;
      error.message = "Ce document n'existe pas ou n'est plus dans l'index.";
    }
    view.replaceChildren(el("h1", { class: "page-title", tabindex: "-1", text: "Document" }));
    view.append(showError(el("div"), error, () => showDocument(view, params, { back })));
    return;
  }
  document.title = `${doc.title} — Recherche PMS`;
  const titles = await documentTitles();
  const target = targetRange(doc, params);
  const page = viewerPage(doc, target, titles, back);
  view.replaceChildren(page);
  // After layout: bring the passage (or the page) into view and give it the focus for screen readers.
  requestAnimationFrame(() => {
    const mark = page.querySelector(".target-start");
    const pageTarget = target.page ? page.querySelector(`#page-${target.page}`) : null;
    const goal = mark || pageTarget;
    if (goal) {
      goal.scrollIntoView({ block: mark && target.kind === "passage" ? "center" : "start" });
      goal.focus({ preventScroll: true });
    }
    // Show the current section in the table of contents too (scrolling the list only, not the page).
    const current = page.querySelector('.toc-link[aria-current="location"]');
    const toc = page.querySelector(".toc");
    if (current && toc) {
      toc.scrollTop += current.getBoundingClientRect().top - toc.getBoundingClientRect().top - 120;
    }
  });
}

async function documentTitles() {
  try {
    return new Map((await api.documents()).map((d) => [d.id, d.title]));
  } catch {
    return new Map();
  }
}

function norm(text) {
  return fold(text).replace(/œ/g, "oe").replace(/\s+/g, " ").trim();
}

/** What to highlight: a passage (start/end), a fiche's section, or nothing but a page. */
function targetRange(doc, params) {
  const n = doc.text.length;
  const start = Number.parseInt(params.get("start"), 10);
  const end = Number.parseInt(params.get("end"), 10);
  if (Number.isFinite(start) && Number.isFinite(end) && end > start && start >= 0 && start < n) {
    return { kind: "passage", start, end: Math.min(end, n), page: null };
  }
  const fiche = params.get("fiche");
  if (fiche) {
    const pattern = new RegExp(`^fiche action\\s+${fiche.replace(".", "\\.")}(?![\\d.])`);
    const index = doc.toc.findIndex((t) => pattern.test(norm(t.title)));
    if (index >= 0) {
      const entry = doc.toc[index];
      const next = doc.toc.slice(index + 1).find((t) => t.level <= entry.level);
      return { kind: "fiche", start: entry.start, end: next ? next.start : n, page: null, fiche };
    }
  }
  const pageNumber = Number.parseInt(params.get("page"), 10);
  return { kind: "page", start: null, end: null, page: Number.isFinite(pageNumber) ? pageNumber : null };
}

function pageAt(doc, offset) {
  let found = null;
  for (const span of doc.page_spans) if (span.start <= offset) found = span.number;
  return found;
}

function viewerPage(doc, target, titles, back) {
  const page = el("article", { class: "viewer", "aria-labelledby": "doc-title" });
  page.append(el("nav", { class: "breadcrumb", "aria-label": "Fil d'Ariane" },
    back ? el("a", { href: back }, "← Retour aux résultats") : el("a", { href: "./" }, "← Accueil")));
  const meta = [doc.date ? `Date : ${doc.date}` : null, doc.page_spans.length > 1 ? `${doc.pages} pages` : null,
    `${doc.passages} passages`, doc.fiches ? `${doc.fiches} fiches action` : null, `Fichier : ${doc.file}`]
    .filter(Boolean).join(" · ");
  const header = el("header", { class: "doc-header" },
    el("p", { class: "eyebrow" }, typeBadge(doc.type)),
    el("h1", { id: "doc-title", class: "page-title", tabindex: "-1", text: doc.title }),
    el("p", { class: "muted", text: meta }));
  header.append(...versionNotices(doc, titles));
  if (target.start !== null) {
    const where = pageAt(doc, target.start);
    header.append(el("div", { class: "notice notice-passage" },
      el("p", {}, target.kind === "fiche" ? `La fiche ${target.fiche} est surlignée` : "Le passage cité est surligné",
        where && doc.page_spans.length > 1 ? ` (page ${where})` : "", ". "),
      el("p", {}, el("button", { type: "button", class: "button secondary", on: { click: () => {
        const mark = document.querySelector(".target-start");
        mark?.scrollIntoView({ block: "center", behavior: "smooth" });
        mark?.focus({ preventScroll: true });
      } } }, "Aller au passage"),
      target.kind === "fiche" ? [" ", el("a", { class: "button secondary", href: ficheHref(target.fiche) },
        `Fiche ${target.fiche} champ par champ`)] : null)));
  }
  page.append(header);
  const text = documentText(doc, target);
  page.append(el("div", { class: "doc-layout" }, tableOfContents(doc, target, text), text));
  return page;
}

function versionNotices(doc, titles) {
  const notices = [];
  if (doc.alternate_of) {
    notices.push(el("div", { class: "notice notice-info", role: "note" },
      el("p", {}, el("strong", { text: "Copie numérisée (OCR). " }),
        "Ce texte a été obtenu par reconnaissance de caractères et peut contenir des erreurs. La version de référence est ",
        el("a", { href: docHref(doc.alternate_of), text: `« ${titles.get(doc.alternate_of) || doc.alternate_of} »` }),
        ".")));
  }
  if (doc.alternates?.length) {
    notices.push(el("div", { class: "notice notice-info", role: "note" },
      el("p", {}, el("strong", { text: "Autre version disponible. " }),
        "Ce document est la version de référence ; il en existe aussi une copie numérisée (OCR) : ",
        doc.alternates.map((id, i) => [i ? ", " : "",
          el("a", { href: docHref(id), text: `« ${titles.get(id) || id} »` })]), ".")));
  }
  return notices;
}

/** The table of contents (sections of level 1 and 2) and a page list, as links into the text. */
function tableOfContents(doc, target, text) {
  const list = el("ol", { class: "toc-list" });
  const currentIndex = target.start === null ? -1
    : doc.toc.reduce((best, t, i) => (t.level <= 2 && t.start <= target.start ? i : best), -1);
  doc.toc.forEach((entry, index) => {
    if (entry.level > 2) return;
    const link = el("a", { href: `#s-${index}`, class: `toc-link level-${entry.level}`,
      "aria-current": index === currentIndex ? "location" : null }, entry.title,
      entry.page && doc.page_spans.length > 1 ? el("span", { class: "toc-page", text: ` p. ${entry.page}` }) : null);
    link.addEventListener("click", (event) => {
      event.preventDefault();
      jumpTo(text.querySelector(`#s-${index}`));
    });
    list.append(el("li", {}, link));
  });
  const nav = el("nav", { class: "toc", "aria-labelledby": "toc-title" });
  const wide = window.matchMedia("(min-width: 960px)").matches;
  const details = el("details", { class: "toc-details", open: wide },
    el("summary", {}, el("h2", { id: "toc-title", class: "toc-title", text: "Table des matières" })));
  if (list.children.length) details.append(list);
  if (doc.page_spans.length > 1) {
    const select = el("select", { id: "page-select" }, el("option", { value: "", text: "—" }),
      doc.page_spans.map((p) => el("option", { value: String(p.number), text: `Page ${p.number}` })));
    select.addEventListener("change", () => {
      if (select.value) jumpTo(text.querySelector(`#page-${select.value}`));
    });
    details.append(el("p", { class: "page-jump" }, el("label", { for: "page-select", text: "Aller à la page " }), select));
  }
  nav.append(details);
  return nav;
}

function jumpTo(node) {
  if (!node) return;
  node.scrollIntoView({ block: "start" });
  node.focus({ preventScroll: true });
}

/** The headings found in the text: [{start, end, level, index}] ranges, or insertions (start === end). */
function headings(doc) {
  return doc.toc.map((entry, index) => {
    const lineEnd = doc.text.indexOf("\n", entry.start);
    const line = doc.text.slice(entry.start, lineEnd === -1 ? doc.text.length : lineEnd);
    const hashes = /^#+\s*/.exec(line)?.[0].length || 0;
    const same = norm(line.slice(hashes)) === norm(entry.title);
    return { index, level: entry.level, title: entry.title, skip: same ? hashes : 0,
      start: entry.start, end: same ? entry.start + line.length : entry.start };
  });
}

/**
 * The text, cut into pages, paragraphs (at blank lines), headings and the
 * highlighted range, from text nodes only.
 */
function documentText(doc, target) {
  const text = doc.text;
  const heads = headings(doc);
  const pages = doc.page_spans.length > 1 ? doc.page_spans : [];
  const cuts = new Set([0, text.length]);
  pages.forEach((p) => cuts.add(Math.min(p.start, text.length)));
  heads.forEach((h) => { cuts.add(h.start); cuts.add(h.end); cuts.add(h.start + h.skip); });
  for (const m of text.matchAll(/\n[ \t]*\n\s*/g)) {
    cuts.add(m.index);
    cuts.add(m.index + m[0].length);
  }
  if (target.start !== null) {
    cuts.add(target.start);
    cuts.add(target.end);
  }
  const points = [...cuts].filter((c) => c >= 0 && c <= text.length).sort((a, b) => a - b);
  const body = el("div", { class: "doc-text", id: "doc-text" });
  let container = el("div", { class: "doc-page" });
  body.append(container);
  let pageIndex = 0;
  let heading = null; // the heading element being filled, and where it ends
  let para = null; // the paragraph being filled
  let markCount = 0;

  for (let i = 0; i < points.length - 1; i += 1) {
    const a = points[i];
    const b = points[i + 1];
    while (pageIndex < pages.length && pages[pageIndex].start <= a) {
      const number = pages[pageIndex].number;
      container = el("div", { class: "doc-page", id: `page-${number}`, tabindex: "-1", dataset: { page: number } },
        el("p", { class: "page-label", "aria-hidden": "true", text: `Page ${number}` }), srOnly(`Page ${number}`));
      body.append(container);
      para = null;
      pageIndex += 1;
    }
    for (const h of heads) {
      if (h.start !== a) continue;
      const node = el(`h${Math.min(h.level + 1, 4)}`, { class: `doc-heading level-${h.level}${h.end === h.start
        ? " synthetic" : ""}`, id: `s-${h.index}`, tabindex: "-1" });
      if (h.end === h.start) {
        node.textContent = h.title;
        if (target.kind === "fiche" && a >= target.start && a < target.end) node.classList.add("in-target");
      }
      container.append(node);
      para = null;
      heading = h.end > h.start ? { node, end: h.end } : null;
    }
    const inHeading = heading !== null && a < heading.end;
    if (!inHeading) heading = null;
    if (inHeading && heads.some((h) => h.start === a && h.skip && b === a + h.skip)) continue; // "# " of Markdown
    let piece = text.slice(a, b);
    if (!inHeading && /^\s*$/.test(piece)) {
      if (/\n[ \t]*\n/.test(piece)) para = null; // a blank line: the paragraph ends
      if (!para) continue;
    }
    if (!inHeading && !para) {
      piece = piece.replace(/^\s+/, "");
      if (!piece) continue;
      para = el("p", { class: "doc-p" });
      container.append(para);
    }
    const inTarget = target.start !== null && a >= target.start && b <= target.end;
    const block = inHeading ? heading.node : para;
    if (inTarget && target.kind === "fiche") {
      // A whole fiche is too long to paint yellow: its blocks get a bar in the margin instead.
      block.classList.add("in-target");
      block.append(document.createTextNode(piece));
      continue;
    }
    const node = inTarget
      ? el("mark", { class: "passage-mark", id: markCount ? null : "passage", text: piece })
      : document.createTextNode(piece);
    if (inTarget) markCount += 1;
    block.append(node);
  }
  body.querySelectorAll(".doc-page").forEach((page) => {
    if (!page.id && !page.querySelector(".doc-p, .doc-heading")) page.remove();
  });
  const first = body.querySelector("#passage") || body.querySelector(".in-target");
  if (first) {
    first.classList.add("target-start");
    first.tabIndex = -1;
    first.prepend(srOnly(target.kind === "fiche" ? `Début de la fiche ${target.fiche} : ` : "Début du passage surligné : "));
  }
  return el("div", { class: "doc-main" }, body);
}
