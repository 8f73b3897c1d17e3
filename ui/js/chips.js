// "Ce qui a été compris": one chip per element of `understood`. Removing a
// chip takes the words that produced it out of the question and searches again
// (the API has no switch to ignore a part of the question, so the question
// itself is what changes, and the user sees the new question in the box). A
// chip whose words cannot be found in the question has no remove button.

import { el } from "./dom.js";
import { fieldLabel, roleLabel, typeLabel, YEAR_MODE_LABELS } from "./labels.js";

// Word boundaries that know accented letters (JavaScript's \b does not).
const B = "(?<![\\p{L}\\p{N}])";
const E = "(?![\\p{L}\\p{N}])";
// "fiche", "l'action n°" … before a fiche number, and the end of that number ("28" is not "28.2").
const FICHE_WORDS = `${B}(?:fiches?|actions?|fa)\\s*-?\\s*(?:action\\s*)?(?:n\\s*°|no\\.?|num[ée]ro)?\\s*`;
const END_NUMBER = "(?![\\d.,]?\\d)";
const ARTICLE = `(?:${B}(?:de la|de l['’]|du|des|de|d['’]|la|le|les|l['’]|par|avec)\\s*)?`;

const ROLE_WORDS = {
  pilote: `(?:qui\\s+)?(?:sont\\s+)?(?:pilot\\p{L}*|port[ée]e?s?)(?:\\s+par)?`,
  partenaire: `(?:en\\s+)?(?:partenaires?|partenariats?|associ[ée]e?s?)(?:\\s+(?:de|avec))?`,
  mention: `(?:mentionn\\p{L}*|cit[ée]e?s?)`,
};
const FIELD_WORDS = {
  calendrier: "calendrier|[ée]ch[ée]anc\\p{L}*|quand|dates?|d[ée]lais?|dur[ée]e|p[ée]riode|planning|en quelle ann[ée]e",
  pilotes: "qui pilote|pilot\\p{L}*|porteurs?|qui porte|responsables?|qui (?:s['’]occupe|est en charge|m[èe]ne|conduit)",
  partenaires: "partenaires?|partenariats?",
  indicateurs: "indicateurs?|[ée]valuation|mesurer?",
  objectifs: "objectifs?|but|finalit\\p{L}*",
  modalites: "modalit[ée]s|mise en (?:oe|œ)uvre|moyens",
  contexte: "contexte",
};
const TYPE_WORDS = {
  livret: "livrets?|engagements?",
  veille: "veille|[ée]tudes?",
  glossary: "glossaire|sigles?|acronymes?|que signifie|que veut dire",
};

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** `question` without what matches `pattern` (case-insensitive), tidied; null if nothing matched. */
export function removeFromQuestion(question, pattern) {
  const regexp = new RegExp(pattern, "giu");
  if (!regexp.test(question)) return null;
  const result = question.replace(regexp, " ")
    .replace(/\s+([,.])/g, "$1")
    .replace(/^[\s,;:]+/, "")
    .replace(/\s{2,}/g, " ")
    .trim();
  return result === "?" ? "" : result;
}

/** The chips for an `understood` object: [{label, kind, without}] where `without` is the new question or null. */
export function understoodChips(understood, question) {
  const chips = [];
  if (!understood) return chips;
  for (const org of understood.organisations || []) {
    const name = escapeRegExp(org.matched);
    chips.push({
      kind: "organisation",
      label: `Organisation : ${org.id}${org.name && org.name !== org.id ? ` (${org.name})` : ""}`
        + (understood.org_roles?.[org.id] ? ` · ${roleLabel(understood.org_roles[org.id])}` : ""),
      // With the "et" or "ou" that joined it to another name: "l'UDCCAS et l'ARS" -> "l'UDCCAS".
      without: removeFromQuestion(question, `${B}(?:et|ou)\\s+${ARTICLE}${B}${name}${E}`
        + `|${ARTICLE}${B}${name}${E}(?:\\s*,|\\s+(?:et|ou)${E})?`),
    });
  }
  for (const org of understood.excluded || []) {
    chips.push({
      kind: "excluded",
      label: `Sans : ${org.id}${org.name && org.name !== org.id ? ` (${org.name})` : ""}`,
      without: removeFromQuestion(question,
        `${B}(?:sans|mais pas|hors|sauf|except[ée]|à l['’]exception d\\p{L}*|pas|ni|non)\\s+${ARTICLE}${B}${escapeRegExp(org.matched)}${E}`),
    });
  }
  if (understood.combine === "all") {
    chips.push({ kind: "combine", label: "Toutes ces organisations à la fois", without: null });
  }
  if (understood.pilotage) {
    chips.push({ kind: "pilotage", label: understood.pilotage === "shared" ? "Plusieurs pilotes" : "Un seul pilote",
      without: null });
  }
  if (understood.role && understood.role_negated) {
    // "n'est pas pilote": taking the role's words out would leave the negation dangling.
    chips.push({ kind: "role", label: `Rôle : pas ${roleLabel(understood.role)}`, without: null });
  } else if (understood.role) {
    chips.push({ kind: "role", label: `Rôle : ${roleLabel(understood.role)}`,
      without: ROLE_WORDS[understood.role] ? removeFromQuestion(question, `${B}${ROLE_WORDS[understood.role]}${E}`)
        : null });
  }
  if (understood.fiche && understood.other_fiches?.length) {
    // "les pilotes des fiches 13 et 56": one chip; taking one number out would leave "et" dangling.
    chips.push({ kind: "fiche", label: `Fiches : ${[understood.fiche, ...understood.other_fiches].join(", ")}`,
      without: null });
  } else if (understood.fiche) {
    // "fiche 28" may have been read as fiche 28.2: the typed number is removed either way.
    const [major, minor] = understood.fiche.split(".");
    const number = minor ? `${escapeRegExp(major)}(?:[.,]${escapeRegExp(minor)})?` : escapeRegExp(major);
    chips.push({ kind: "fiche", label: `Fiche : ${understood.fiche}`,
      without: removeFromQuestion(question, `(?:${B}(?:la|les|l['’])\\s*)?(?:${FICHE_WORDS})?${B}${number}${END_NUMBER}`) });
  }
  if (understood.unknown_fiche) {
    chips.push({ kind: "unknown", label: `Le plan n'a pas de fiche ${understood.unknown_fiche}`,
      without: removeFromQuestion(question,
        `(?:${B}(?:la|les|l['’])\\s*)?${FICHE_WORDS}${escapeRegExp(understood.unknown_fiche)}${END_NUMBER}`) });
  }
  if (understood.field) {
    chips.push({ kind: "field", label: `Champ : ${fieldLabel(understood.field).toLowerCase()}`,
      without: FIELD_WORDS[understood.field]
        ? removeFromQuestion(question, `(?:${B}(?:le|la|les|l['’]|quel(?:le)?s?\\s+(?:est|sont)\\s+(?:le|la|les))\\s*)?` +
          `${B}(?:${FIELD_WORDS[understood.field]})${E}`) : null });
  }
  if (understood.year) {
    const mode = understood.year_mode && understood.year_mode !== "during"
      ? ` (${YEAR_MODE_LABELS[understood.year_mode] || understood.year_mode})` : "";
    const relation = { before: "avant ", after: "après ", between: "de ", by: "d'ici ", throughout: "toute la durée, de " }[
      understood.year_relation] || "";
    const upto = ["between", "throughout"].includes(understood.year_relation) && understood.year_to
      ? ` à ${understood.year_to}` : "";
    // "lancées en 2017 et terminées en 2018": two years, one chip, which cannot take one of them out alone.
    const end = understood.end_year ? `, fin en ${understood.end_year}` : "";
    chips.push({ kind: "year", label: `Année : ${relation}${understood.year}${upto}${mode}${end}`,
      without: end ? null : understood.year_relation === "throughout"
        ? removeFromQuestion(question,
          `(?:${B}(?:sur|pendant|durant)\\s+)?${B}toute?\\s+(?:la\\s+)?(?:durée|période|long)\\s+d[ue]\\s+(?:plan|pms|projet)${E}`)
        : removeFromQuestion(question, upto
        ? `(?:${B}(?:entre|de)\\s+${understood.year}\\s+(?:et|à)\\s+${understood.year_to}`
          + `|${B}${understood.year}\\s*[-–/]\\s*${understood.year_to})${E}`
        : `(?:${B}(?:en|pour|de|depuis|avant|après|dès|jusqu['’]en|d['’]ici|à partir de)\\s+)?${B}${understood.year}${E}`) });
  }
  if (understood.programme) {
    chips.push({ kind: "programme", label: `Programme : ${understood.programme}`,
      without: removeFromQuestion(question, `${ARTICLE}${B}${escapeRegExp(understood.programme)}${E}`) });
  }
  if (understood.axe) {
    chips.push({ kind: "axe", label: understood.axe,
      without: removeFromQuestion(question, `${ARTICLE}${B}axe\\s*(?:n\\s*°\\s*)?\\d{1,2}${E}`) });
  }
  if (understood.doc_type) {
    chips.push({ kind: "type", label: `Type : ${typeLabel(understood.doc_type)}`,
      without: TYPE_WORDS[understood.doc_type]
        ? removeFromQuestion(question, `${ARTICLE}${B}(?:${TYPE_WORDS[understood.doc_type]})${E}`) : null });
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
