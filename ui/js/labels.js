// French labels for the codes the API uses (document types, roles, fiche fields).

export const TYPE_LABELS = {
  livret: "Livret",
  fiches: "Fiches action",
  veille: "Veille",
  glossary: "Glossaire",
  other: "Autre",
};

export const ROLE_LABELS = {
  pilote: "pilote",
  partenaire: "partenaire",
  mention: "mentionnée",
  programme: "programme",
};

export const FIELD_LABELS = {
  titre: "Titre",
  sous_titre: "Sous-titre",
  numero: "Numéro",
  programme: "Programme",
  contexte: "Contexte",
  objectifs: "Objectifs opérationnels",
  modalites: "Modalités de mise en œuvre",
  pilotes: "Pilote(s)",
  partenaires: "Partenaires associés",
  calendrier: "Calendrier",
  indicateurs: "Indicateurs d'évaluation",
};

export const YEAR_MODE_LABELS = {
  during: "calendrier en cours",
  start: "début du calendrier",
  end: "fin du calendrier",
};

// A count of pilotes, partenaires, indicateurs or objectifs (`understood.count`, kb/counting.py), as the chip says it.
const COUNT_WORDS = {
  pilotes: ["pilote", "pilotes"],
  partenaires: ["partenaire", "partenaires"],
  exterieurs: ["partenaire extérieur", "partenaires extérieurs"],
  indicateurs: ["indicateur", "indicateurs"],
  objectifs: ["objectif", "objectifs"],
  annees: ["an", "ans"],
};
// The superlatives of a calendrier: how long a fiche runs ("annees"), when it ends ("fin").
const SUPERLATIVES = {
  annees: { most: "Les plus longues", least: "Les plus courtes" },
  fin: { most: "Se terminent le plus tard", least: "Se terminent le plus tôt" },
};

export function countLabel(count) {
  const [one, many] = COUNT_WORDS[count.field] || [count.field, count.field];
  const noun = (n) => `${n} ${n > 1 ? many : one}`;
  const superlative = SUPERLATIVES[count.field]?.[count.op];
  if (superlative) return superlative;
  if (count.field === "annees" && count.op === "eq") return `Sur ${noun(count.n)}`;
  switch (count.op) {
    case "most": return `Le plus de ${many}`;
    case "least": return `Le moins de ${many}`;
    case "gt":
      if (count.n === 0) return `Au moins ${noun(1)}`;  // "des partenaires extérieurs"
      return count.n === 1 ? `Plusieurs ${many}` : `Plus de ${noun(count.n)}`;
    case "ge": return `Au moins ${noun(count.n)}`;
    case "lt": return `Moins de ${noun(count.n)}`;
    case "le": return `Au plus ${noun(count.n)}`;
    case "between": return `De ${count.n} à ${noun(count.upto)}`;
    default:
      if (count.n === 0) return `Sans ${one}`;
      return count.n === 1 ? `Un seul ${one}` : noun(count.n);
  }
}

export const FACET_LABELS = {
  type: "Type de document",
  axe: "Axe ou engagement",
  org: "Organisation",
  year: "Année",
};

export function typeLabel(type) {
  return TYPE_LABELS[type] || type || "Document";
}

export function roleLabel(role) {
  return ROLE_LABELS[role] || role;
}

export function fieldLabel(field) {
  return FIELD_LABELS[field] || field;
}

/** "› 2017 - 2018" → "2017 - 2018": the bullet is layout from the PDF. */
export function cleanBullet(text) {
  return (text || "").replace(/^[\s›•\-–]+/, "").trim();
}
