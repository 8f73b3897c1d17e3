// Fiche fields come as lines with the PDF's bullets: "•" for an item, "›" for
// a sub-item (or an item when there is no "•"). Turn them into real lists —
// from text nodes only — so screen readers announce them as lists.

import { el } from "./dom.js";

const TOP = /^[•●▪]\s*/;
const SUB = /^[›»\-–]\s*/;

export function richText(text, className = "rich") {
  const box = el("div", { class: className });
  let top = null; // <ul> of "•" items
  let topItem = null; // last "•" item, which gets the "›" sub-items
  let sub = null; // <ul> of "›" items
  for (const raw of (text || "").split("\n")) {
    const line = raw.trim();
    if (!line) continue;
    if (TOP.test(line)) {
      if (!top) {
        top = el("ul", { class: "list-top" });
        box.append(top);
      }
      topItem = el("li", {}, el("span", { text: line.replace(TOP, "") }));
      top.append(topItem);
      sub = null;
    } else if (SUB.test(line)) {
      if (!sub) {
        sub = el("ul", { class: topItem ? "list-sub" : "list-plain" });
        (topItem || box).append(sub);
      }
      sub.append(el("li", { text: line.replace(SUB, "") }));
    } else {
      box.append(el("p", { text: line }));
      top = topItem = sub = null;
    }
  }
  return box;
}
