// The results screen: runs /api/search for the address's query and filters,
// then shows what was understood, the structured answer (fiche cards), the
// passages and the filters, or a clear "no result" / error / indexing state.

import { api, ApiError } from "./api.js";
import { renderUnderstood } from "./chips.js";
import { announce, el, plural } from "./dom.js";
import { renderOrganisations } from "./ranking.js";
import { renderActiveFilters, renderFacets, renderFiches, renderPassages } from "./render.js";
import { selection } from "./selection.js";
import { showError, withLoading } from "./status.js";
import { FILTERS, searchHref, withParams } from "./urls.js";

const answers = new Map(); // address → answer, so the back button shows results at once
let sequence = 0;
let controller = null;

/** Render the results of `params` (URLSearchParams with q) into `view`. */
export async function showSearch(view, params, { navigate }) {
  const q = params.get("q").slice(0, 500);
  const key = params.toString();
  document.title = `${q} — Recherche PMS`;
  const mine = ++sequence;
  controller?.abort();
  controller = new AbortController();
  const query = { q, k: 10 };
  for (const f of FILTERS) if (params.get(f)) query[f] = params.get(f);
  if (params.get("exact")) query.exact = "true";

  let answer = answers.get(key);
  if (!answer) {
    try {
      answer = await withLoading(view, api.search(query, { signal: controller.signal }));
    } catch (err) {
      if (err.name === "AbortError" || mine !== sequence) return;
      const error = err instanceof ApiError ? err : new ApiError(0, "Erreur inattendue.");
      view.replaceChildren(el("h1", { class: "visually-hidden", text: `Résultats pour « ${q} »` }));
      view.append(showError(el("div"), error, () => showSearch(view, params, { navigate })));
      return;
    }
    if (mine !== sequence) return;
    answers.set(key, answer);
    if (answers.size > 30) answers.delete(answers.keys().next().value);
  }
  const orgNames = await organisationNames();
  if (mine !== sequence) return;
  view.replaceChildren(resultsPage(answer, params, { navigate, orgNames }));
  const count = answer.results.length;
  announce(answer.fiches.length
    ? `${plural(answer.fiches.length, "fiche")} et ${plural(count, "passage")} trouvés.`
    : count ? `${plural(count, "passage")} trouvé${count > 1 ? "s" : ""}.` : "Aucun résultat.");
}

async function organisationNames() {
  try {
    const { organisations } = await api.organisations();
    return new Map(organisations.map((o) => [o.id, o.name]));
  } catch {
    return new Map();
  }
}

function resultsPage(answer, params, { navigate, orgNames }) {
  const q = params.get("q");
  const rerun = (question) => navigate(question ? searchHref(question, Object.fromEntries(
    FILTERS.map((f) => [f, params.get(f)]))) : "./");
  const page = el("div", { class: "results-page" });
  const head = el("div", { class: "results-head" },
    el("h1", { class: "results-h1", tabindex: "-1" }, "Résultats pour ", el("span", { class: "query-echo", text: `« ${q} »` })));
  // A slip was corrected against the index's words: say so, and offer the words as typed.
  const corrected = answer.understood && answer.understood.corrected;
  if (corrected) {
    head.append(el("p", { class: "corrected" }, "Recherche faite pour ",
      el("strong", { class: "corrected-query", text: `« ${corrected} »` }), ". ",
      el("a", { href: withParams(params, { exact: "1" }), class: "exact-link", text: `Chercher plutôt « ${q} »` })));
  }
  // The API's spans are offsets in the question it analysed: the corrected one, if any.
  const understood = renderUnderstood(answer.understood, corrected || answer.query, rerun);
  if (understood) head.append(understood);
  const filters = renderActiveFilters(params);
  if (filters) head.append(filters);
  page.append(head);

  const nothing = !answer.results.length && !answer.fiches.length;
  const layout = el("div", { class: "results-layout" });
  const facets = renderFacets(answer.facets || {}, params, orgNames);
  if (facets && !nothing) {
    const wide = window.matchMedia("(min-width: 960px)").matches;
    layout.classList.add("with-filters");
    layout.append(el("div", { class: "filters-col" },
      el("details", { class: "filters", open: wide },
        el("summary", { class: "filters-summary" }, el("h2", { class: "filters-title", text: "Filtrer les résultats" })),
        el("p", { class: "hint", text: "Les nombres comptent les passages trouvés." }),
        facets)));
  }
  const main = el("div", { class: "results-col" });
  if (nothing) {
    main.append(noResults(q, params));
    suggestAlternatives(q, main.querySelector(".alternatives"));
  } else {
    if (answer.organisations?.length) main.append(renderOrganisations(answer.organisations));
    if (answer.fiches.length) main.append(renderFiches(answer.fiches, answer.understood));
    else if (answer.understood?.intent === "list") main.append(noFiche());
    main.append(passagesSection(answer, params));
  }
  layout.append(main);
  page.append(layout);
  return page;
}

/** A "which fiches…" question that no fiche answers says so, rather than showing passages alone. */
function noFiche() {
  return el("section", { class: "notice notice-info no-fiche", role: "status" },
    el("h2", { class: "notice-title", text: "Aucune fiche action ne répond à toutes les conditions de la question" }),
    el("p", { text: "Les passages ci-dessous sont les plus proches de ses mots." }));
}

function passagesSection(answer, params) {
  const section = el("section", { class: "passages", "aria-labelledby": "passages-title" });
  const exportQuery = new URLSearchParams({ q: params.get("q"), k: "10" });
  if (params.get("type")) exportQuery.set("type", params.get("type"));
  section.append(el("div", { class: "section-head" },
    el("h2", { id: "passages-title", class: "section-title" },
      answer.results.length ? plural(answer.results.length, "passage cité", "passages cités") : "Aucun passage"),
    el("p", { class: "section-tools" },
      el("span", { class: "muted", text: `${Math.round(answer.took_ms)} ms` }), " · Exporter : ",
      el("a", { href: `/api/export?${exportQuery}&format=md`, download: "" }, "Markdown"), " · ",
      el("a", { href: `/api/export?${exportQuery}&format=csv`, download: "" }, "CSV"))));
  if (answer.results.length) {
    section.append(renderPassages(answer.results, { onToggleSelection: toggleSelection }));
  } else {
    section.append(el("p", { class: "muted", text: "Aucun passage ne correspond avec ces filtres." }));
  }
  return section;
}

function toggleSelection(result) {
  if (selection.has(result.id)) {
    selection.remove(result.id);
    announce("Passage retiré de la sélection.");
    return false;
  }
  selection.add(result);
  announce(`Passage ajouté à la sélection (${plural(selection.items().length, "passage")}).`);
  return true;
}

// Keep the "Ajouter / Retirer" buttons right when the selection panel changes.
selection.onChange(() => {
  document.querySelectorAll("article.result[data-id]").forEach((card) => {
    const button = card.querySelector("button[aria-pressed]");
    if (!button) return;
    const inSelection = selection.has(card.dataset.id);
    button.setAttribute("aria-pressed", String(inSelection));
    button.textContent = inSelection ? "Retirer de la sélection" : "Ajouter à la sélection";
  });
});

function noResults(q, params) {
  const tips = el("ul", { class: "tips" },
    el("li", { text: "Vérifiez l'orthographe des mots et des sigles." }),
    el("li", { text: "Essayez moins de mots, ou des mots plus généraux." }),
    el("li", { text: "Cherchez un sigle (UDCCAS), un numéro de fiche (fiche 28.2) ou un thème (accès aux droits)." }));
  const box = el("section", { class: "empty", "aria-labelledby": "empty-title" },
    el("h2", { id: "empty-title", class: "section-title" }, "Aucun résultat pour ",
      el("span", { class: "query-echo", text: `« ${q} »` })), tips);
  if (FILTERS.some((f) => params.get(f))) {
    box.append(el("p", {}, el("a", { class: "button", href: withParams(params, { type: null, axe: null, org: null,
      year: null }) }, "Relancer sans les filtres")));
  }
  box.append(el("div", { class: "alternatives" }));
  return box;
}

/** "Essayez plutôt": a shorter question and the suggestions for its words. */
async function suggestAlternatives(q, container) {
  const words = q.split(/[\s'’?!.,;:]+/).filter((w) => w.length >= 4);
  const tries = new Map();
  const shorter = [...words].sort((a, b) => b.length - a.length).slice(0, 2).join(" ");
  if (shorter && shorter.toLowerCase() !== q.toLowerCase()) tries.set(shorter, `« ${shorter} »`);
  for (const word of words.slice(0, 4)) {
    try {
      const { suggestions } = await api.suggest(word.slice(0, 100));
      for (const s of suggestions.slice(0, 3)) tries.set(s.value, s.label);
    } catch {
      // Suggestions are a bonus: without them the tips above remain.
    }
  }
  if (!tries.size || !container.isConnected) return;
  const list = el("ul", { class: "alternative-list" });
  for (const [value, label] of [...tries].slice(0, 6)) {
    list.append(el("li", {}, el("a", { href: searchHref(value), text: label })));
  }
  container.append(el("h3", { class: "alternatives-title", text: "Essayez plutôt" }), list);
}
