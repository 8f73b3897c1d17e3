// Copy plain text: the asynchronous Clipboard API when the page may use it,
// else a hidden textarea and execCommand("copy") (older browsers, plain http).

import { announce, tidy } from "./dom.js";

/** Copy `text`; resolves to true when it worked, and tells screen-reader users. */
export async function copyText(text, doneMessage = "Copié dans le presse-papiers.") {
  let ok = false;
  if (navigator.clipboard && window.isSecureContext) {
    try {
      await navigator.clipboard.writeText(text);
      ok = true;
    } catch {
      ok = false;
    }
  }
  if (!ok) ok = legacyCopy(text);
  announce(ok ? doneMessage : "La copie a échoué : sélectionnez le texte et copiez-le avec Ctrl+C.");
  return ok;
}

function legacyCopy(text) {
  const area = document.createElement("textarea");
  area.value = text;
  area.setAttribute("readonly", "");
  area.className = "offscreen";
  document.body.append(area);
  const focused = document.activeElement;
  area.select();
  let ok = false;
  try {
    ok = document.execCommand("copy");
  } catch {
    ok = false;
  }
  area.remove();
  if (focused instanceof HTMLElement) focused.focus();
  return ok;
}

/** A passage ready to paste in an e-mail: the text in quotes, then its full reference. */
export function citationText(passage) {
  const text = tidy(passage.text).replace(/\s+/g, " ").trim();
  return `« ${text} »\n— ${passage.citation}`;
}

/** Briefly change a button's label to confirm an action ("Copié !"). */
export function flash(button, label, ms = 1800) {
  const original = button.dataset.label || button.textContent;
  button.dataset.label = original;
  button.textContent = label;
  clearTimeout(Number(button.dataset.timer));
  button.dataset.timer = String(setTimeout(() => { button.textContent = original; }, ms));
}
