// Every screen has an address (query string), so it can be shared and the
// back button works:  ?q=…&type=…&axe=…&org=…&year=…   a search (&exact=1: no spelling correction)
//                     ?fiche=28.2                      a fiche
//                     ?doc=<id>&start=…&end=…          the document viewer at a passage
//                     ?doc=<id>&fiche=28.2 | &page=23  the viewer at a fiche or a page
//                     ?page=glossaire                  the glossary

export const FILTERS = ["type", "axe", "org", "year"];

function build(entries) {
  const params = new URLSearchParams();
  for (const [key, value] of entries) {
    if (value !== null && value !== undefined && value !== "") params.set(key, String(value));
  }
  const query = params.toString();
  return query ? `?${query}` : "./";
}

/** The current params with some changed (null removes one). */
export function withParams(params, changes) {
  const merged = new Map(params);
  for (const [key, value] of Object.entries(changes)) merged.set(key, value);
  return build(merged);
}

export function searchHref(q, filters = {}) {
  return build([["q", q], ...FILTERS.map((f) => [f, filters[f]])]);
}

export function ficheHref(number) {
  return build([["fiche", number]]);
}

export function passageHref(result) {
  return build([["doc", result.document.id], ["start", result.start], ["end", result.end]]);
}

export function docHref(id, extra = {}) {
  return build([["doc", id], ...Object.entries(extra)]);
}

export const glossaryHref = "?page=glossaire";
