// Entry point: wires the search box, the selection panel and the router.
// The address (query string) is the whole state of the screen: links are
// shareable, and history.pushState + popstate make the back button work.

import { api, waitForIndex } from "./api.js";
import { el } from "./dom.js";
import { showDocument } from "./viewer.js";
import { showFiche } from "./fiche.js";
import { showGlossary } from "./glossary.js";
import { showHome } from "./home.js";
import { showSearch } from "./search.js";
import { setupSearchBox } from "./searchbox.js";
import { setupSelectionPanel } from "./selection.js";
import { cancelPolling } from "./status.js";
import { passageHref, searchHref } from "./urls.js";

const view = document.getElementById("view");
// Address of the last results page, for "← Retour aux résultats" (kept across reloads of the tab).
const LAST_SEARCH = "pms-recherche.last-search";
let lastSearch = readSession(LAST_SEARCH);
let firstRender = true;

const searchBox = setupSearchBox({
  form: document.getElementById("search-form"),
  input: document.getElementById("q"),
  listbox: document.getElementById("suggestions"),
  // A new question starts without filters: filters belong to the previous answer.
  onSearch: (text) => navigate(searchHref(text)),
});

setupSelectionPanel({
  panel: document.getElementById("selection"),
  toggle: document.getElementById("selection-toggle"),
  counter: document.getElementById("selection-count"),
  openPassage: passageHref,
});

/** Go to an address of the app (pushState) and render it. */
export function navigate(href, { replace = false } = {}) {
  const url = new URL(href, window.location.href);
  if (url.origin !== window.location.origin) {
    window.location.assign(url);
    return;
  }
  // Remember where the reader was, to come back to the same place.
  history.replaceState({ ...(history.state || {}), scroll: window.scrollY }, "");
  if (replace) history.replaceState({ scroll: 0 }, "", url);
  else history.pushState({ scroll: 0 }, "", url);
  render({ scroll: 0 });
}

// Links inside the app (href="?…" or "./") are followed without reloading the page.
document.addEventListener("click", (event) => {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey
      || event.altKey) return;
  const link = event.target.closest("a[href]");
  if (!link || link.hasAttribute("download") || link.target) return;
  const href = link.getAttribute("href");
  if (!(href.startsWith("?") || href === "./" || href === "/")) return;
  event.preventDefault();
  navigate(href);
});

window.addEventListener("popstate", (event) => render({ scroll: event.state?.scroll ?? 0 }));

function setCurrentNav(name) {
  document.querySelectorAll("[data-nav]").forEach((link) => {
    if (link.dataset.nav === name) link.setAttribute("aria-current", "page");
    else link.removeAttribute("aria-current");
  });
}

async function render({ scroll = 0 } = {}) {
  cancelPolling();
  const params = new URLSearchParams(window.location.search);
  const q = (params.get("q") || "").trim();
  const isFirst = firstRender;
  firstRender = false;
  document.body.dataset.view = params.get("doc") ? "document" : params.get("fiche") ? "fiche"
    : params.get("page") === "glossaire" ? "glossary" : q ? "search" : "home";
  setCurrentNav(document.body.dataset.view === "glossary" ? "glossary" : "search");
  if (params.get("doc")) {
    await showDocument(view, params, { back: lastSearch });
    focusHeading(isFirst);
    return; // the viewer scrolls to its passage itself
  }
  if (params.get("fiche")) {
    await showFiche(view, params.get("fiche"), { back: lastSearch });
    focusHeading(isFirst);
  } else if (params.get("page") === "glossaire") {
    await showGlossary(view);
    focusHeading(isFirst);
  } else if (q) {
    searchBox.setValue(q);
    lastSearch = window.location.search;
    writeSession(LAST_SEARCH, lastSearch);
    await showSearch(view, params, { navigate });
    if (isFirst) searchBox.focus();
    // A filter link or a chip was used: its element is gone, so give the focus to the results' title.
    else if (document.activeElement === document.body) view.querySelector("h1")?.focus({ preventScroll: true });
  } else {
    searchBox.setValue("");
    await showHome(view);
    searchBox.focus();
  }
  window.scrollTo(0, scroll);
}

// After moving to another screen, put the focus on its title so screen
// readers announce it; on the first load the search box keeps it instead.
function focusHeading(isFirst) {
  if (isFirst && !document.getElementById("doc-title")) return;
  const heading = view.querySelector("h1");
  if (heading && !view.querySelector(".target-start")) heading.focus({ preventScroll: true });
}

// Storage may be refused (privacy settings): the page works without it.
function readSession(key) {
  try {
    return sessionStorage.getItem(key);
  } catch {
    return null;
  }
}

function writeSession(key, value) {
  try {
    sessionStorage.setItem(key, value);
  } catch {
    // nothing to do
  }
}

/** While the server builds its index, say so at the top of every screen, then refresh. */
async function watchIndex() {
  try {
    await api.health();
  } catch (err) {
    if (!err.indexing) return;
    const banner = el("div", { class: "banner", role: "status" },
      el("span", { class: "spinner", "aria-hidden": "true" }),
      "Indexation des documents en cours : la recherche sera disponible dans un instant.");
    document.getElementById("banner-slot").replaceChildren(banner);
    waitForIndex(() => {
      banner.remove();
      render({ scroll: window.scrollY });
    });
  }
}

history.scrollRestoration = "manual";
render();
watchIndex();
