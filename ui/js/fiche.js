// The fiche page (?fiche=28.2): every field of a fiche action, the
// organisations with their role and the line that proves it, and links to the
// fiche inside its document.

import { api, ApiError } from "./api.js";
import { el, srOnly } from "./dom.js";
import { cleanBullet, fieldLabel, roleLabel } from "./labels.js";
import { roleBadge } from "./render.js";
import { richText } from "./richtext.js";
import { showError, withLoading } from "./status.js";
import { docHref, ficheHref, glossaryHref } from "./urls.js";

const SECTIONS = [
  ["contexte", "contexte"],
  ["objectifs", "objectifs"],
  ["modalites", "modalites"],
  ["pilotes", "pilotes_text"],
  ["partenaires", "partenaires_text"],
  ["calendrier", "calendrier"],
  ["indicateurs", "indicateurs"],
];

/** Render fiche `number` into `view`. `back` is the last search's address, if any. */
export async function showFiche(view, number, { back }) {
  document.title = `Fiche ${number} — Recherche PMS`;
  let fiche;
  try {
    fiche = await withLoading(view, api.fiche(number), "Chargement de la fiche…");
  } catch (err) {
    const error = err instanceof ApiError ? err : new ApiError(0, "Erreur inattendue.");
    if (error.status === 404) error.message = `Aucune fiche action ne porte le numéro ${number}.`;
    view.replaceChildren(el("h1", { class: "page-title", tabindex: "-1", text: `Fiche ${number}` }));
    view.append(showError(el("div"), error, () => showFiche(view, number, { back })));
    return;
  }
  document.title = `Fiche ${fiche.number} : ${fiche.title} — Recherche PMS`;
  const siblings = await neighbours(fiche.number);
  view.replaceChildren(fichePage(fiche, back, siblings));
}

async function neighbours(number) {
  try {
    const { fiches } = await api.fichesList();
    const index = fiches.findIndex((f) => f.number === number);
    return { previous: fiches[index - 1] || null, next: index >= 0 ? fiches[index + 1] || null : null };
  } catch {
    return { previous: null, next: null };
  }
}

function fichePage(fiche, back, siblings) {
  const page = el("article", { class: "fiche-page", "aria-labelledby": "fiche-title" });
  page.append(el("nav", { class: "breadcrumb", "aria-label": "Fil d'Ariane" },
    back ? el("a", { href: back }, "← Retour aux résultats") : el("a", { href: "./" }, "← Accueil")));
  const documentLink = docHref(fiche.document.id, { fiche: fiche.number });
  page.append(el("header", { class: "fiche-header" },
    el("p", { class: "eyebrow", text: `Fiche action ${fiche.number}` }),
    el("h1", { id: "fiche-title", class: "page-title", tabindex: "-1" }, srOnly(`Fiche ${fiche.number} : `),
      fiche.title),
    fiche.subtitle ? el("p", { class: "subtitle", text: fiche.subtitle }) : null,
    el("dl", { class: "facts facts-inline" },
      fiche.axe ? [el("dt", { text: "Axe" }), el("dd", { text: fiche.axe })] : null,
      fiche.programme ? [el("dt", { text: "Programme" }), el("dd", { text: capitalise(fiche.programme) })] : null,
      el("dt", { text: "Calendrier" }), el("dd", { text: cleanBullet(fiche.calendrier).split("\n")[0] || "—" }),
      el("dt", { text: fiche.pages.length > 1 ? "Pages" : "Page" }), el("dd", { text: fiche.pages.join(", ") || "—" }),
      el("dt", { text: "Document" }), el("dd", {}, el("a", { href: documentLink }, fiche.document.title))),
    el("p", { class: "actions" },
      el("a", { class: "button", href: documentLink }, "Voir la fiche dans le document"))));

  const body = el("div", { class: "fiche-body" });
  for (const [field, key] of SECTIONS) {
    const text = fiche[key];
    if (!text) continue;
    const id = `champ-${field}`;
    const pageNumber = fiche.field_pages?.[field];
    body.append(el("section", { class: "fiche-field", "aria-labelledby": id },
      el("h2", { id, class: "field-title" }, fieldLabel(field),
        pageNumber ? el("span", { class: "page-ref", text: ` p. ${pageNumber}` }) : null),
      richText(text)));
  }
  page.append(body, organisationsTable(fiche), pager(siblings));
  return page;
}

function capitalise(text) {
  // Programmes are written in capitals in the PDF: sentence case reads better.
  const lower = text.toLocaleLowerCase("fr-FR");
  return lower.charAt(0).toLocaleUpperCase("fr-FR") + lower.slice(1);
}

/** One row per organisation, its roles merged, with the cited lines that prove them. */
function organisationsTable(fiche) {
  const byOrg = new Map();
  for (const entry of fiche.organisations || []) {
    const row = byOrg.get(entry.org) || { org: entry.org, name: entry.name, roles: [], lines: [] };
    if (!row.roles.includes(entry.role)) row.roles.push(entry.role);
    if (!row.lines.some((l) => l.citation === entry.citation)) row.lines.push(entry);
    byOrg.set(entry.org, row);
  }
  if (!byOrg.size) return null;
  const tbody = el("tbody");
  for (const row of byOrg.values()) {
    tbody.append(el("tr", {},
      el("th", { scope: "row" }, el("span", { class: "org-id", text: row.org })),
      el("td", { "data-label": "Nom", text: row.name && row.name !== row.org ? row.name : "—" }),
      el("td", { "data-label": "Rôle" }, el("span", { class: "badges" }, row.roles.map(roleBadge))),
      el("td", { "data-label": "Ligne citée" }, row.lines.map((line) => el("p", { class: "cited-line" },
        el("q", { text: line.citation }), line.page ? el("span", { class: "page-ref", text: ` p. ${line.page}` }) : null,
        srOnly(` (${roleLabel(line.role)})`))))));
  }
  return el("section", { class: "fiche-orgs", "aria-labelledby": "orgs-title" },
    el("h2", { id: "orgs-title", class: "field-title", text: "Organisations citées" }),
    el("p", { class: "hint" }, "Rôle de chaque organisation dans la fiche, avec la ligne qui l'établit. Les sigles sont ",
      el("a", { href: glossaryHref }, "expliqués dans le glossaire"), "."),
    el("div", { class: "table-wrap", tabindex: "0", role: "region", "aria-labelledby": "orgs-title" },
      el("table", { class: "table stack" },
        el("thead", {}, el("tr", {}, ["Sigle", "Nom complet", "Rôle", "Ligne citée"].map(
          (h) => el("th", { scope: "col", text: h })))),
        tbody)));
}

function pager({ previous, next }) {
  if (!previous && !next) return null;
  return el("nav", { class: "pager", "aria-label": "Fiches voisines" },
    previous ? el("a", { href: ficheHref(previous.number), rel: "prev" }, "← Fiche ", previous.number,
      srOnly(` : ${previous.title}`)) : el("span"),
    next ? el("a", { href: ficheHref(next.number), rel: "next" }, "Fiche ", next.number, srOnly(` : ${next.title}`),
      " →") : el("span"));
}
