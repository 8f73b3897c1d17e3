// The home screen: what the tool does, example questions, and the documents
// in the index (each opens in the viewer).

import { api } from "./api.js";
import { el, plural } from "./dom.js";
import { typeBadge } from "./render.js";
import { docHref, glossaryHref, searchHref } from "./urls.js";

const EXAMPLES = [
  "Quelles fiches impliquent l'UDCCAS ?",
  "Qui pilote la fiche 13 ?",
  "Quelles fiches se terminent en 2018 ?",
  "pouvoir d'agir des personnes concernées",
  "accès aux droits",
];

export async function showHome(view) {
  document.title = "Recherche PMS — Projet Métropolitain des Solidarités";
  const docs = el("div", { class: "home-docs" });
  view.replaceChildren(el("div", { class: "home" },
    el("section", { class: "home-intro", "aria-labelledby": "home-title" },
      el("h1", { id: "home-title", class: "page-title", tabindex: "-1",
        text: "Rechercher dans le Projet Métropolitain des Solidarités" }),
      el("p", { class: "lead", text: "Posez une question ou tapez des mots-clés : la recherche trouve les passages des "
        + "livrets, des fiches action et de la veille, avec leur référence complète (document, fiche, section, page)." }),
      el("h2", { class: "section-title small", text: "Exemples de questions" }),
      el("ul", { class: "examples" }, EXAMPLES.map((q) => el("li", {}, el("a", { href: searchHref(q), text: q })))),
      el("p", {}, "Un sigle vous échappe ? Consultez le ", el("a", { href: glossaryHref }, "glossaire des sigles"), ".")),
    el("section", { class: "home-corpus", "aria-labelledby": "docs-title" },
      el("h2", { id: "docs-title", class: "section-title", text: "Documents consultables" }), docs)));
  try {
    const [documents, health] = await Promise.all([api.documents(), api.health().catch(() => null)]);
    const list = el("ul", { class: "doc-list" });
    for (const d of documents.filter((x) => !x.alternate_of)) {
      const meta = [d.date, d.pages > 1 ? `${d.pages} pages` : null, d.fiches ? plural(d.fiches, "fiche") : null]
        .filter(Boolean).join(" · ");
      list.append(el("li", { class: "doc-item" }, typeBadge(d.type), " ",
        el("a", { href: docHref(d.id), text: d.title }),
        meta ? el("span", { class: "muted doc-item-meta", text: meta }) : null));
    }
    docs.replaceChildren(list);
    if (health?.status === "ok") {
      docs.append(el("p", { class: "muted", text: `${plural(health.documents, "document")} · `
        + `${plural(health.chunks, "passage")} · ${plural(health.fiches, "fiche action", "fiches action")}` }));
    }
  } catch (err) {
    docs.replaceChildren(el("p", { class: "muted", text: err.indexing
      ? "La liste des documents s'affichera quand l'indexation sera terminée."
      : "La liste des documents n'a pas pu être chargée." }));
  }
}
