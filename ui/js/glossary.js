// The glossary (?page=glossaire): every acronym with its full name, its
// category and the fiches where the organisation appears (with its roles),
// from /api/organisations, with a filter box.

import { api, ApiError } from "./api.js";
import { announce, el, fold, plural } from "./dom.js";
import { roleLabel } from "./labels.js";
import { showError, withLoading } from "./status.js";
import { ficheHref, searchHref } from "./urls.js";

function compareFiches(a, b) {
  return Number.parseFloat(a) - Number.parseFloat(b) || a.localeCompare(b);
}

export async function showGlossary(view) {
  document.title = "Glossaire des sigles — Recherche PMS";
  let organisations;
  try {
    ({ organisations } = await withLoading(view, api.organisations(), "Chargement du glossaire…"));
  } catch (err) {
    const error = err instanceof ApiError ? err : new ApiError(0, "Erreur inattendue.");
    view.replaceChildren(el("h1", { class: "page-title", tabindex: "-1", text: "Glossaire des sigles" }));
    view.append(showError(el("div"), error, () => showGlossary(view)));
    return;
  }
  const sorted = [...organisations].sort((a, b) => (a.acronym || a.id).localeCompare(b.acronym || b.id, "fr"));
  const tbody = el("tbody");
  const rows = sorted.map((org) => {
    const fiches = Object.entries(org.fiches || {}).sort(([a], [b]) => compareFiches(a, b));
    const row = el("tr", { id: `sigle-${org.id.replace(/[^\w-]/g, "_")}` },
      el("th", { scope: "row" }, el("a", { href: searchHref(`Quelles fiches impliquent ${org.acronym || org.id} ?`),
        class: "org-id", title: `Rechercher les fiches de ${org.name}` }, org.acronym || org.id)),
      // An acronym the fiches print without spelling it out ("DRH") has no name of its own.
      el("td", { "data-label": "Nom" }, org.name && org.name !== (org.acronym || org.id)
        ? el("span", { text: org.name }) : el("span", { class: "muted", text: "non développé dans le plan" }),
        org.aliases?.length ? el("span", { class: "muted aliases", text: ` (aussi : ${org.aliases.join(", ")})` }) : null),
      el("td", { class: "category", "data-label": "Catégorie", text: org.category || "—" }),
      el("td", { "data-label": "Fiches" }, fiches.length ? el("ul", { class: "inline-list" }, fiches.map(([number, roles]) => el("li", {},
        el("a", { href: ficheHref(number) }, "Fiche ", number),
        el("span", { class: "muted", text: ` (${roles.map(roleLabel).join(", ")})` }))))
        : el("span", { class: "muted", text: "aucune fiche" })));
    row.dataset.search = fold(`${org.id} ${org.acronym || ""} ${org.name} ${(org.aliases || []).join(" ")}`);
    return row;
  });
  tbody.append(...rows);
  const count = el("p", { class: "muted", id: "glossary-count", "aria-live": "polite",
    text: plural(rows.length, "sigle") });
  const filter = el("input", { id: "glossary-filter", type: "search", class: "input", autocomplete: "off",
    "aria-describedby": "glossary-count" });
  filter.addEventListener("input", () => {
    const needle = fold(filter.value.trim());
    let shown = 0;
    for (const row of rows) {
      row.hidden = Boolean(needle) && !row.dataset.search.includes(needle);
      if (!row.hidden) shown += 1;
    }
    count.textContent = needle ? `${plural(shown, "sigle")} sur ${rows.length}` : plural(rows.length, "sigle");
    if (!shown) announce("Aucun sigle ne correspond.");
  });
  view.replaceChildren(el("article", { class: "glossary", "aria-labelledby": "glossary-title" },
    el("nav", { class: "breadcrumb", "aria-label": "Fil d'Ariane" }, el("a", { href: "./" }, "← Accueil")),
    el("h1", { id: "glossary-title", class: "page-title", tabindex: "-1", text: "Glossaire des sigles" }),
    el("p", { class: "lead", text: "Les organisations citées dans le Projet Métropolitain des Solidarités : sigle, nom "
      + "complet et fiches action où elles apparaissent, avec leur rôle." }),
    el("div", { class: "filter-row" }, el("label", { for: "glossary-filter", text: "Filtrer par sigle ou par nom" }),
      filter, count),
    el("div", { class: "table-wrap", tabindex: "0", role: "region", "aria-labelledby": "glossary-title" },
      el("table", { class: "table stack glossary-table" },
        el("caption", { class: "visually-hidden", text: "Sigles, noms complets, catégories et fiches action" }),
        el("thead", {}, el("tr", {}, ["Sigle", "Nom complet", "Catégorie", "Fiches action"].map(
          (h) => el("th", { scope: "col", text: h })))),
        tbody))));
}
