// Waiting, error and "index being built" states, shared by every view, so
// that no answer — slow, failed or refused — ever leaves a blank page.

import { waitForIndex } from "./api.js";
import { el } from "./dom.js";

const LOADING_DELAY_MS = 300;

/**
 * Show a loading indicator in `container` only if `promise` takes longer than
 * 300 ms (a flash of "loading" for a fast answer is more distracting than useful).
 */
export async function withLoading(container, promise, label = "Recherche en cours…") {
  container.setAttribute("aria-busy", "true");
  const timer = setTimeout(() => {
    container.prepend(el("div", { class: "loading", role: "status", id: "loading" },
      el("span", { class: "spinner", "aria-hidden": "true" }), label));
  }, LOADING_DELAY_MS);
  try {
    return await promise;
  } finally {
    clearTimeout(timer);
    container.removeAttribute("aria-busy");
    document.getElementById("loading")?.remove();
  }
}

let stopPolling = null;

/**
 * Replace `container`'s content with the message of `error`. While the server
 * is indexing (503), poll /api/health and call `retry` as soon as it is ready.
 */
export function showError(container, error, retry) {
  if (stopPolling) stopPolling();
  stopPolling = null;
  const box = el("div", { class: `notice ${error.indexing ? "notice-info" : "notice-error"}`, role: "alert" });
  if (error.indexing) {
    box.append(
      el("h2", { class: "notice-title" }, el("span", { class: "spinner", "aria-hidden": "true" }),
        "Indexation en cours"),
      el("p", { text: "Le serveur prépare l'index des documents : la recherche sera disponible dans un instant." }),
      el("p", { class: "muted", text: "Cette page se mettra à jour d'elle-même dès que l'index sera prêt." }),
    );
    stopPolling = waitForIndex(() => {
      stopPolling = null;
      retry();
    });
  } else {
    box.append(
      el("h2", { class: "notice-title", text: error.status === 404 ? "Introuvable" : "Un problème est survenu" }),
      el("p", { text: error.message || "Erreur inattendue." }),
    );
    if (error.status !== 404 && error.status !== 422) {
      box.append(el("p", {}, el("button", { type: "button", class: "button", on: { click: retry } }, "Réessayer")));
    }
  }
  container.replaceChildren(box);
  return box;
}

/** Stop polling /api/health (when the user leaves the view). */
export function cancelPolling() {
  if (stopPolling) stopPolling();
  stopPolling = null;
}
