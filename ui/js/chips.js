// "Ce qui a été compris": one chip per element of `understood`. Removing a
// chip cuts the words that asked for it out of the question and searches again
// (the API has no switch to ignore a part of the question, so the question
// itself is what changes, and the user sees the new question in the box). The
// API says where those words are (`understood.spans`, kb/spans.py), so the
// page knows no French of its own; a chip without spans has no remove button.

import { el } from "./dom.js";
import { countLabel, fieldLabel, roleLabel, typeLabel, YEAR_MODE_LABELS } from "./labels.js";

/** `question` without the spans of `kind` (and of `key`, if given), tidied; null if there are none. */
export function withoutSpans(question, spans, kind, key = undefined) {
  const cut = (spans || []).filter((s) => s.kind === kind && (key === undefined || s.key === key))
    .sort((a, b) => b.start - a.start);
  if (!cut.length) return null;
  let text = question;
  for (const span of cut) text = `${text.slice(0, span.start)} ${text.slice(span.end)}`;
  const result = text
    .replace(/\s+([,.])/g, "$1")
    .replace(/^[\s,;:]+/, "")
    .replace(/\s{2,}/g, " ")
    .trim();
  return /^[?!.]?$/.test(result) ? "" : result;
}

function orgLabel(org) {
  return `${org.id}${org.name && org.name !== org.id ? ` (${org.name})` : ""}`;
}

/** The chips for an `understood` object: [{label, kind, without}] where `without` is the new question or null. */
export function understoodChips(understood, question) {
  const chips = [];
  if (!understood) return chips;
  const spans = understood.spans || [];
  const without = (kind, key) => withoutSpans(question, spans, kind, key);
  for (const org of understood.organisations || []) {
    chips.push({
      kind: "organisation",
      label: `Organisation : ${orgLabel(org)}`
        + (understood.org_roles?.[org.id] ? ` · ${roleLabel(understood.org_roles[org.id])}` : ""),
      without: without("organisation", org.id),
    });
  }
  for (const org of understood.excluded || []) {
    // "ni pilote ni partenaire": ruled out in those roles only.
    const roles = (understood.excluded_roles || []).map(roleLabel).join(" ni ");
    chips.push({ kind: "excluded", label: `Sans : ${orgLabel(org)}${roles ? ` · ni ${roles}` : ""}`,
      without: without("excluded", org.id) });
  }
  if (understood.entity?.length) {
    // What a list is about, in the words typed ("Sujet : santé mentale", "Sans : logement"). No ×: cutting
    // them would leave "quelles fiches parlent de ?".
    const typed = spans.filter((s) => s.kind === "entity").map((s) => question.slice(s.start, s.end));
    chips.push({ kind: "entity", label: `${understood.entity_negated ? "Sans" : "Sujet"} : `
      + (typed.length ? typed : understood.entity).join(" "), without: null });
  }
  if (understood.combine === "all") {
    chips.push({ kind: "combine", label: "Toutes ces organisations à la fois", without: null });
  }
  if (understood.count) {
    chips.push({ kind: "count", label: countLabel(understood.count), without: null });
  }
  if (understood.role) {
    // "n'est pas pilote": the API gives no span, as taking the role out would leave the negation dangling.
    chips.push({ kind: "role", label: `Rôle : ${understood.role_negated ? "pas " : ""}${roleLabel(understood.role)}`,
      without: without("role", understood.role) });
  }
  if (understood.fiche) {
    // "les pilotes des fiches 13 et 56": one chip, which takes every number out.
    const numbers = [understood.fiche, ...(understood.other_fiches || [])];
    chips.push({ kind: "fiche", label: `${numbers.length > 1 ? "Fiches" : "Fiche"} : ${numbers.join(", ")}`,
      without: without("fiche") });
  }
  if (understood.unknown_fiche) {
    chips.push({ kind: "unknown", label: `Le plan n'a pas de fiche ${understood.unknown_fiche}`,
      without: without("unknown_fiche", understood.unknown_fiche) });
  }
  if (understood.field) {
    // "fiches ayant des indicateurs sur les bénévoles": the field is where the list's words were looked for.
    const lead = understood.entity_field ? "Cherché dans le champ" : "Champ";
    chips.push({ kind: "field", label: `${lead} : ${fieldLabel(understood.field).toLowerCase()}`,
      without: without("field", understood.field) });
  }
  if (understood.year) {
    const mode = understood.year_mode && understood.year_mode !== "during"
      ? ` (${YEAR_MODE_LABELS[understood.year_mode] || understood.year_mode})` : "";
    const relation = { before: "avant ", after: "après ", between: "de ", by: "d'ici ", throughout: "toute la durée, de " }[
      understood.year_relation] || "";
    const upto = ["between", "throughout"].includes(understood.year_relation) && understood.year_to
      ? ` à ${understood.year_to}` : "";
    // "lancées en 2017 et terminées en 2018": two years, one chip, and no span.
    const end = understood.end_year ? `, fin en ${understood.end_year}` : "";
    chips.push({ kind: "year", label: `Année : ${relation}${understood.year}${upto}${mode}${end}`,
      without: without("year") });
  }
  if (understood.programme) {
    chips.push({ kind: "programme", label: `Programme : ${understood.programme}`, without: without("programme") });
  }
  if (understood.axe) {
    chips.push({ kind: "axe", label: `${understood.axe_negated ? "Hors " : ""}${understood.axe}`, without: without("axe") });
  }
  if (understood.doc_type) {
    chips.push({ kind: "type", label: `Type : ${typeLabel(understood.doc_type)}`, without: without("doc_type") });
  }
  return chips;
}

/**
 * The "what was understood" block; `onRemove(newQuestion)` runs the search
 * again. Returns null when nothing particular was understood.
 */
export function renderUnderstood(understood, question, onRemove) {
  const chips = understoodChips(understood, question);
  if (!chips.length) return null;
  const list = el("ul", { class: "chips", "aria-label": "Éléments compris" });
  for (const chip of chips) {
    const item = el("li", { class: `chip chip-${chip.kind}` }, el("span", { class: "chip-label", text: chip.label }));
    if (chip.without !== null && chip.without !== question) {
      item.append(el("button", {
        type: "button", class: "chip-remove", title: "Retirer de la question et relancer",
        "aria-label": `Retirer « ${chip.label} » de la question et relancer la recherche`,
        on: { click: () => onRemove(chip.without) },
      }, el("span", { "aria-hidden": "true", text: "×" })));
    }
    list.append(item);
  }
  return el("section", { class: "understood", "aria-labelledby": "understood-title" },
    el("h2", { id: "understood-title", class: "understood-title", text: "Compris dans votre question" }),
    list,
    el("p", { class: "hint", text: "Le bouton × retire l'élément de la question et relance la recherche." }));
}
