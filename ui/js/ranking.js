// "Qui pilote le plus de fiches ?": the organisations ranked by their number of
// fiches (answer.organisations), each leading to the list of its fiches and to
// each fiche, so every count can be checked.

import { el, plural } from "./dom.js";
import { roleLabel } from "./labels.js";
import { ficheHref, glossaryHref, searchHref } from "./urls.js";

const SHOWN = 10;

/** The question that lists an organisation's fiches in the role counted. */
function listQuestion(org) {
  if (org.role === "pilote") return `Quelles fiches sont pilotées par ${org.id} ?`;
  if (org.role === "partenaire") return `Quelles fiches ont ${org.id} pour partenaire ?`;
  return `Quelles fiches impliquent ${org.id} ?`;
}

/** The ranked organisations, the first SHOWN of them, with a link to the whole table. */
export function renderOrganisations(organisations) {
  const role = organisations[0]?.role;
  const heading = el("h2", { id: "organisations-title", class: "section-title" },
    "Organisations par nombre de fiches", role ? ` (${roleLabel(role)})` : "");
  const list = el("ol", { class: "ranked-organisations" });
  for (const org of organisations.slice(0, SHOWN)) {
    const fiches = el("span", { class: "ranked-fiches" });
    org.fiches.forEach((number, i) => {
      if (i) fiches.append(", ");
      fiches.append(el("a", { href: ficheHref(number), text: number }));
    });
    list.append(el("li", { class: "ranked-organisation" },
      el("a", { href: searchHref(listQuestion(org)), class: "ranked-name" }, el("strong", { text: org.id }),
        org.name && org.name !== org.id ? ` (${org.name})` : ""),
      ` : ${plural(org.fiche_count, "fiche", "fiches")} — `, fiches));
  }
  const more = organisations.length > SHOWN
    ? el("p", { class: "hint" }, `Et ${organisations.length - SHOWN} autres : voir le `,
      el("a", { href: glossaryHref, text: "glossaire" }), ".")
    : null;
  return el("section", { class: "answer organisations", "aria-labelledby": "organisations-title" },
    heading, list, more);
}
