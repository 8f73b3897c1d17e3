"""Markup to plain text: the visible text of HTML, and of the HTML blocks inside Markdown.

Block tags become line or paragraph breaks so that the structure stage sees the
same layout a reader does; scripts, styles and the <title> are not body text.
The standard library's HTMLParser does the tokenising: it never raises on bad
markup, which a loader of uploaded files needs.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser


def html_to_text(markup: str) -> str:
    """Visible text of an HTML document or fragment, one block per line."""
    return convert_html(markup, markdown=False)[0]


_DROPPED = {"script", "style", "template", "noscript", "title"}
_BLOCKS = {
    "p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "table", "section",
    "article", "blockquote", "td", "th", "li", "header", "footer", "nav", "main", "aside",
    "dl", "dt", "dd", "pre", "hr", "figure", "figcaption", "caption", "form", "address",
}  # fmt: skip
_LINE, _PARAGRAPH = "\x00", "\x01"  # break markers; input NULs are removed first


class _TextExtractor(HTMLParser):
    """Collects the visible text; block tags become break markers resolved at the end."""

    def __init__(self, markdown: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.markdown = markdown
        self.out: list[str] = []
        self.skip = 0
        self.lists = 0
        self.in_title = False
        self.title: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _DROPPED:
            self.skip += 1
            self.in_title = tag == "title"
        elif tag == "tr":
            self.out.append(_PARAGRAPH)
        elif tag == "li":
            self.out.append(_LINE + "• ")
        elif tag in _BLOCKS:
            self.out.append(_LINE)
        if tag in ("ul", "ol"):
            self.lists += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCKS:  # <br/>, <hr/>
            self.out.append(_LINE)

    def handle_endtag(self, tag: str) -> None:
        if tag in _DROPPED:
            self.skip = max(self.skip - 1, 0)
            self.in_title = False
        elif tag == "tr":
            self.out.append(_PARAGRAPH)
        elif tag in _BLOCKS:
            self.out.append(_LINE)
        if tag in ("ul", "ol"):
            self.lists = max(self.lists - 1, 0)

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title.append(data)
        if self.skip:
            return
        if not self.markdown:
            self.out.append(self._bullets(re.sub(r"\s+", " ", data)))
            return
        # In Markdown an HTML block ends at a blank line (CommonMark), even if its tags stay open.
        blank = re.search(r"\n[ \t]*\n", data)
        if blank is None:
            self.out.append(self._bullets(data))
            return
        self.out.append(self._bullets(data[: blank.start()]))
        self.lists = 0
        self.out.append(data[blank.start() :])

    def _bullets(self, data: str) -> str:
        # Lists pasted as text inside <ul> keep their "•": each one starts a line.
        return re.sub(r"[ \t\n]*•[ \t]*", _LINE + "• ", data) if self.lists else data


def convert_html(markup: str, markdown: bool) -> tuple[str, str | None]:
    """Visible text of HTML (or of the HTML inside Markdown), and the <title> if there is one."""
    markup = markup.replace(_LINE, "").replace(_PARAGRAPH, "")
    if markdown:  # keep Markdown autolinks, which the HTML parser would take for tags
        markup = re.sub(r"<((?:https?|mailto):[^<>\s]+)>", r"\1", markup)
    parser = _TextExtractor(markdown)
    parser.feed(markup)
    parser.close()
    text = "".join(parser.out)
    if not markdown:
        text = re.sub(r"[ \t]+", " ", text)

    def breaks(match: re.Match[str]) -> str:
        found = match.group()
        return "\n\n" if _PARAGRAPH in found or found.count("\n") >= 2 else "\n"

    # A marker absorbs the whitespace around it, so breaks never stack into runs of blank lines.
    text = re.sub(r"[ \t\n]*[\x00\x01][\x00\x01 \t\n]*", breaks, text)
    if not markdown:
        text = re.sub(r"\n{3,}", "\n\n", "\n".join(line.strip() for line in text.split("\n"))).strip()
    title = " ".join("".join(parser.title).split()) or None
    return text, title
