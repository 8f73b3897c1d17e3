// Rendering of a search answer: the structured answer (fiche cards), the
// cited passages and the facets. Pure functions from data to DOM; text always
// goes in as text nodes (see dom.js).

import { citationText, copyText, flash } from "./clipboard.js";
import { el, findSpans, highlighted, plural, srOnly } from "./dom.js";
import { cleanBullet, fieldLabel, FACET_LABELS, roleLabel, typeLabel } from "./labels.js";
import { selection } from "./selection.js";
import { ficheHref, passageHref, withParams } from "./urls.js";

/** A role badge: pilote / partenaire / mentionnée / programme. */
export function roleBadge(role) {
  return el("span", { class: `badge role role-${role}`, text: roleLabel(role) });
}

/** A document type badge. */
export function typeBadge(type) {
  return el("span", { class: `badge type type-${type}`, text: typeLabel(type) });
}

/** The structured answer: one card per fiche, in the API's order. */
export function renderFiches(fiches, understood) {
  const names = (understood?.organisations || []).flatMap((o) => [o.id, o.matched, o.name]);
  const heading = el("h2", { id: "fiches-title", class: "section-title" },
    plural(fiches.length, "fiche action répond", "fiches action répondent"), " à la question");
  const list = el("ol", { class: "fiche-cards" });
  fiches.forEach((fiche) => list.append(el("li", {}, ficheCard(fiche, names))));
  return el("section", { class: "answer", "aria-labelledby": "fiches-title" }, heading, list);
}

function ficheCard(fiche, names) {
  const titleId = `fiche-card-${fiche.number.replace(".", "-")}`;
  const card = el("article", { class: "card fiche-card", "aria-labelledby": titleId },
    el("p", { class: "fiche-number", text: `Fiche ${fiche.number}` }),
    el("h3", { class: "fiche-card-title", id: titleId },
      el("a", { href: ficheHref(fiche.number) }, srOnly(`Fiche ${fiche.number} : `), fiche.title)),
    el("div", { class: "badges", role: "group", "aria-label": "Rôles" }, fiche.roles.map(roleBadge)));
  const facts = el("dl", { class: "facts" });
  if (fiche.calendrier) facts.append(el("dt", { text: "Calendrier" }), el("dd", { text: cleanBullet(fiche.calendrier) }));
  if (fiche.pilotes?.length) facts.append(el("dt", { text: "Pilote(s)" }), el("dd", { text: fiche.pilotes.join(", ") }));
  if (fiche.partenaires?.length) {
    // How many, not who: the whole list is on the fiche, and "le plus de partenaires" is answered by the number.
    facts.append(el("dt", { text: "Partenaires" }),
      el("dd", { text: plural(fiche.partenaires.length, "partenaire associé", "partenaires associés") }));
  }
  if (fiche.axe) facts.append(el("dt", { text: "Axe" }), el("dd", { text: fiche.axe }));
  card.append(facts);
  if (fiche.citations?.length) {
    const cited = el("ul", { class: "fiche-citations", "aria-label": "Lignes citées" });
    for (const c of fiche.citations) {
      const spans = findSpans(c.text, [c.organisation, ...names]);
      cited.append(el("li", {},
        el("q", {}, highlighted(c.text, spans)),
        " ", el("span", { class: "page-ref", text: c.page ? `p. ${c.page}` : "" })));
    }
    card.append(cited);
  }
  card.append(el("p", { class: "card-link" },
    el("a", { href: ficheHref(fiche.number), class: "more" }, "Voir la fiche ", fiche.number,
      srOnly(` : ${fiche.title}`))));
  return card;
}

/** The list of passages. */
export function renderPassages(results, { onToggleSelection }) {
  const list = el("ol", { class: "results" });
  results.forEach((result, index) => list.append(el("li", {}, passageCard(result, index, onToggleSelection))));
  return list;
}

function passageTitle(result) {
  if (result.fiche) {
    return { text: `Fiche ${result.fiche}${result.fiche_title ? ` — ${result.fiche_title}` : ""}`,
      href: ficheHref(result.fiche) };
  }
  const path = result.section_path || [];
  return { text: path.length ? path[path.length - 1] : result.document.title, href: passageHref(result) };
}

function passageCard(result, index, onToggleSelection) {
  const titleId = `result-${index}`;
  const title = passageTitle(result);
  const where = [result.field ? fieldLabel(result.field) : null,
    !result.fiche && result.section_path?.length > 1 ? result.section_path[0] : null,
    result.document.alternate_of ? "version OCR" : null].filter(Boolean).join(" · ");
  const inSelection = selection.has(result.id);
  const selectButton = el("button", {
    type: "button", class: "button secondary", "aria-pressed": String(inSelection),
    "aria-describedby": titleId,
  }, inSelection ? "Retirer de la sélection" : "Ajouter à la sélection");
  selectButton.addEventListener("click", () => {
    const added = onToggleSelection(result);
    selectButton.setAttribute("aria-pressed", String(added));
    selectButton.textContent = added ? "Retirer de la sélection" : "Ajouter à la sélection";
  });
  const copyButton = el("button", { type: "button", class: "button secondary", "aria-describedby": titleId },
    "Copier la citation");
  copyButton.addEventListener("click", async () => {
    if (await copyText(citationText(result), "Citation copiée.")) flash(copyButton, "Citation copiée ✓");
  });
  return el("article", { class: "card result", "aria-labelledby": titleId, dataset: { id: result.id } },
    el("div", { class: "result-meta" }, typeBadge(result.document.type),
      where ? el("span", { class: "result-where", text: where }) : null),
    el("h3", { class: "result-title", id: titleId }, el("a", { href: title.href, text: title.text })),
    el("blockquote", { class: "passage" }, highlighted(result.text, result.highlights)),
    el("p", { class: "citation", text: result.citation }),
    el("div", { class: "actions" },
      el("a", { class: "button", href: passageHref(result), "aria-describedby": titleId }, "Ouvrir",
        srOnly(" dans le document")),
      copyButton, selectButton));
}

/**
 * The filters: one group per facet with counts; a chosen value is shown as
 * active and its link removes it. `params` is the current URLSearchParams.
 */
export function renderFacets(facets, params, orgNames) {
  const groups = [
    ["type", facets.type, (v) => typeLabel(v)],
    ["axe", facets.axe, (v) => v],
    ["org", facets.organisation, (v) => v],
    ["year", facets.year, (v) => v],
  ];
  const body = el("div", { class: "facets" });
  for (const [param, counts, label] of groups) {
    const entries = Object.entries(counts || {});
    const current = params.get(param);
    if (current && !entries.some(([v]) => v === current)) entries.unshift([current, null]);
    if (!entries.length) continue;
    const titleId = `facet-${param}`;
    const list = el("ul", { class: `facet-values facet-${param}`, "aria-labelledby": titleId });
    for (const [value, count] of entries) {
      const activeNow = current === value;
      const href = withParams(params, { [param]: activeNow ? null : value });
      const fullName = param === "org" ? orgNames.get(value) : null;
      list.append(el("li", {}, el("a", {
        href, class: `facet-link${activeNow ? " active" : ""}`, title: fullName || null,
        "aria-current": activeNow ? "true" : null,
      }, el("span", { class: "facet-label", text: label(value) }),
      fullName ? srOnly(` (${fullName})`) : null,
      count !== null ? el("span", { class: "count", text: String(count) }) : null,
      count !== null ? srOnly(count > 1 ? " résultats" : " résultat") : null,
      activeNow ? el("span", { class: "facet-remove", "aria-hidden": "true", text: "×" }) : null,
      activeNow ? srOnly(" (filtre actif : retirer)") : null)));
    }
    body.append(el("div", { class: "facet" }, el("h3", { id: titleId, class: "facet-title", text: FACET_LABELS[param] }),
      list));
  }
  return body.children.length ? body : null;
}

/** Active filters as removable chips ("Type : Livret ×"). */
export function renderActiveFilters(params) {
  const active = ["type", "axe", "org", "year"].filter((p) => params.get(p));
  if (!active.length) return null;
  const list = el("ul", { class: "chips", "aria-label": "Filtres actifs" });
  for (const param of active) {
    const value = params.get(param);
    const text = `${FACET_LABELS[param]} : ${param === "type" ? typeLabel(value) : value}`;
    list.append(el("li", { class: "chip chip-filter" }, el("span", { class: "chip-label", text }),
      el("a", { class: "chip-remove", href: withParams(params, { [param]: null }), "aria-label": `Retirer le filtre ${text}` },
        el("span", { "aria-hidden": "true", text: "×" }))));
  }
  if (active.length > 1) {
    list.append(el("li", {}, el("a", { class: "clear-filters",
      href: withParams(params, { type: null, axe: null, org: null, year: null }) }, "Retirer tous les filtres")));
  }
  return el("div", { class: "active-filters" }, el("span", { class: "active-filters-label", text: "Filtres :" }), list);
}
