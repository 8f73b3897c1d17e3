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
