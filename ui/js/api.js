// Calls to the JSON API. Every failure becomes an ApiError with a status
// (0 when the server could not be reached) and a French message, so each view
// can show a clear state instead of a blank page.

export class ApiError extends Error {
  constructor(status, message, detail = null) {
    super(message);
    this.status = status;
    this.detail = detail;
  }

  /** True while the server is building its index (503 with status "indexing"). */
  get indexing() {
    return this.status === 503;
  }
}

const cache = new Map();

/** GET a JSON endpoint; `params` become the query string (empty values are left out). */
export async function getJSON(path, params = {}, { signal } = {}) {
  const url = new URL(path, window.location.origin);
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== "") url.searchParams.set(key, value);
  }
  let response;
  try {
    response = await fetch(url, { signal, headers: { Accept: "application/json" } });
  } catch (err) {
    if (err.name === "AbortError") throw err;
    throw new ApiError(0, "Le serveur ne répond pas. Vérifiez la connexion, puis réessayez.");
  }
  let body = null;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  if (!response.ok) {
    const detail = body && typeof body.detail === "string" ? body.detail : null;
    throw new ApiError(response.status, messageFor(response.status, detail), detail);
  }
  return body;
}

function messageFor(status, detail) {
  if (status === 503) return "L'index est en cours de construction : la recherche sera disponible dans un instant.";
  if (status === 404) return detail ? `Introuvable : ${detail}.` : "Cette page n'existe pas.";
  if (status === 422) return "La demande n'est pas valide (la question doit compter de 1 à 500 caractères).";
  if (status === 429) return "Trop de demandes en peu de temps : réessayez dans quelques secondes.";
  return `Le serveur a rencontré une erreur (${status}). Réessayez dans un instant.`;
}

/** GET once per page load: lists that do not change while the page is open. */
export function getCached(path) {
  if (!cache.has(path)) {
    const promise = getJSON(path);
    promise.catch(() => cache.delete(path));
    cache.set(path, promise);
  }
  return cache.get(path);
}

/** Forget cached lists (after the index was rebuilt). */
export function clearCache() {
  cache.clear();
}

export const api = {
  search: (params, options) => getJSON("/api/search", params, options),
  suggest: (q, options) => getJSON("/api/suggest", { q, limit: 8 }, options),
  fiche: (number) => getJSON(`/api/fiches/${encodeURIComponent(number)}`),
  document: (id) => getJSON(`/api/documents/${encodeURIComponent(id)}`),
  documents: () => getCached("/api/documents"),
  fichesList: () => getCached("/api/fiches"),
  organisations: () => getCached("/api/organisations"),
  health: () => getJSON("/api/health"),
};

/**
 * Poll /api/health until the index answers (200), then call `onReady`.
 * Returns a function that stops polling.
 */
export function waitForIndex(onReady, intervalMs = 2000) {
  let stopped = false;
  let timer = null;
  const tick = async () => {
    if (stopped) return;
    try {
      const health = await api.health();
      if (health && health.status === "ok") {
        stopped = true;
        clearCache();
        onReady(health);
        return;
      }
    } catch {
      // Still indexing, or the server is restarting: try again.
    }
    timer = setTimeout(tick, intervalMs);
  };
  timer = setTimeout(tick, intervalMs);
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
