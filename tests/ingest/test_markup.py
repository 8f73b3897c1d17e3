"""HTML to text: a line of the corpus as it came from the web export, lists, breaks and entities."""

from __future__ import annotations

from ingest.markup import convert_html, html_to_text

# A fiche's line from the corpus's HTML export, with a list pasted as text inside <ul>.
REAL_LINE = (
    "<p>1</p> <p>Déployer un plan de formation ambitieux autour du développement du pouvoir d'agir</p>"
    '\t<ul style="list-style-type: none"> • Sensibiliser largement les élus et les managers au '
    "développement du pouvoir d'agir • Déployer des formations – actions avec les professionnels de "
    "terrain, en partant de problématiques concrètes « ici et maintenant »"
)


def test_html_to_text_on_the_corpus_line() -> None:
    text = html_to_text(REAL_LINE)
    assert text.splitlines() == [
        "1",
        "Déployer un plan de formation ambitieux autour du développement du pouvoir d'agir",
        "• Sensibiliser largement les élus et les managers au développement du pouvoir d'agir",
        "• Déployer des formations – actions avec les professionnels de terrain, en partant de "
        "problématiques concrètes « ici et maintenant »",
    ]


def test_html_to_text_lists_and_blank_lines() -> None:
    text = html_to_text("<div><p>a</p><p></p><p></p><br><br><p>b</p><ol><li>un</li><li>deux</li></ol></div>")
    assert text == "a\nb\n• un\n• deux"
    assert html_to_text("x &lt;y&gt; &nbsp; z   <br/>w") == "x <y> z\nw"


def test_markdown_keeps_autolinks_and_ends_html_blocks_at_a_blank_line() -> None:
    text, title = convert_html("Voir <https://www.grandlyon.com>.\n\n<div>\nbloc\n\nsuite *md*", markdown=True)
    assert "https://www.grandlyon.com" in text and title is None
    assert text.endswith("suite *md*")
