"""Document structure on the seeds: types, titles, glossary, livrets, citations, key figures, veille."""

from __future__ import annotations

import pytest

from ingest.parse import parse_file
from ingest.structure import header_title
from kb.models import DocumentType
from tests.conftest import ROOT

PDFS = ROOT / "tests" / "fixtures" / "pdfs"


def test_types_and_titles(parsed: dict) -> None:
    kinds = {k: (d.type, d.title) for k, d in parsed.items()}
    assert kinds["pms-2017-2022-developpement-social"] == (
        DocumentType.FICHES, "Projet Métropolitain des Solidarités 2017-2022 / Développement social")
    assert kinds["engagement-3-pouvoir-agir-professionnels"] == (
        DocumentType.LIVRET, "Engagement 3 – Renforcer le pouvoir d’agir des professionnels")
    assert kinds["engagement-2-pouvoir-agir-personnes"][0] is DocumentType.LIVRET
    assert kinds["veille-strategique-action-sociale-2018"][0] is DocumentType.VEILLE
    assert parsed["veille-strategique-action-sociale-2018"].date == "2018-09"
    veille_title = kinds["veille-strategique-action-sociale-2018"][1]
    assert veille_title == "Veille stratégique - synthèse pour les élus, septembre 2018"


@pytest.mark.parametrize(("header", "title"), [
    ("21 juin 2023 JOURNAL OFFICIEL DE LA RÉPUBLIQUE FRANÇAISE Texte 5 sur 95",
     "JOURNAL OFFICIEL DE LA RÉPUBLIQUE FRANÇAISE"),
    ("PROJET MÉTROPOLITAIN DES SOLIDARITÉS 2017-2022 / Développement social6",
     "PROJET MÉTROPOLITAIN DES SOLIDARITÉS 2017-2022 / Développement social"),
    ("20 I Atlas des politiques sociales et médico-sociales", "Atlas des politiques sociales et médico-sociales"),
    ("Rapport annuel 2019 - page 3/12", "Rapport annuel 2019"),
])
def test_a_running_header_gives_a_title_without_page_number_or_date(header: str, title: str) -> None:
    assert header_title(header) == title


def test_a_pdf_keeps_the_title_its_author_gave_and_dates_from_it() -> None:
    journal = parse_file(str(PDFS / "albert-pdf.pdf"), "jo", "albert-pdf.pdf")
    # Its running header would give "Journal Officiel de la République Française" only.
    assert journal.title == "Journal officiel de la République française - N° 142 du 21 juin 2023"
    assert journal.date == "2023-06"
    minutes = parse_file(str(PDFS / "pdfplumber-2023-06-20-PV.pdf"), "pv", "pv.pdf")
    assert minutes.title == "Comité de démolition - Procès-verbal de la séance publique du 20 juin 2023"
    assert minutes.date == "2023-06"  # the text says "le 20 juin", the title gives the year


def test_glossary_is_an_acronym_table(parsed: dict) -> None:
    glossary = {e.acronym: e for e in parsed["pms-2017-2022-developpement-social"].glossary}
    assert len(glossary) >= 50
    assert glossary["UDCCAS"].name == "Union Départementale des Centres Communaux d’Action Sociale"
    assert glossary["DHL"].category == "Organisation métropolitaine"
    assert glossary["Pôle PAPH"].name == "Pôle Personnes Âgées Personnes Handicapées"
    assert glossary["DR"].name.endswith("juridique)")


def test_livret_chantiers_projets_citations_figures(parsed: dict) -> None:
    doc = parsed["engagement-3-pouvoir-agir-professionnels"]
    assert doc.livret.engagement == "3"
    titles = [c.title for c in doc.livret.chantiers]
    assert titles == ["Agir sur l’attractivité des métiers sociaux et médico-sociaux",
                      "Adapter et repenser les pratiques d’intervention sociale et médico-sociale",
                      "Soutenir et faire avec les équipes"]
    first = doc.livret.chantiers[0]
    assert [p.number for p in first.projets] == ["1", "2", "3"]
    assert first.projets[1].title == "Renouveler les pratiques de recrutement"
    assert any(a.startswith("Diversifier les supports de publication") for a in first.projets[1].actions)
    quotes = {q.author: q for q in doc.quotes}
    assert "pouvoir d’agir des personnes" in quotes["Denis Piveteau, conseiller d’état"].text
    figures = {f.value: f for f in doc.figures}
    assert figures["30%"].label.startswith("des procédures de recrutement") and figures["30%"].source == "MDL, 2022"


def test_markdown_livret_with_html_tables(parsed: dict) -> None:
    doc = parsed["engagement-2-pouvoir-agir-personnes"]
    assert "<p>" not in doc.text and "style=" not in doc.text
    projets = [p.title for c in doc.livret.chantiers for p in c.projets]
    assert "Expérimenter la « conférence familiale »" in projets
    assert any(q.author == "Yann Le Bossé, psychologue" for q in doc.quotes)


def test_veille_sections_choices_and_testimonies(parsed: dict) -> None:
    veille = parsed["veille-strategique-action-sociale-2018"].veille
    assert [s.number for s in veille] == ["1", "2", "3", "4", "5"]
    assert veille[0].title.startswith("Le travail social est pris en tenaille")
    assert any(q.startswith("Faut-il faire le pari d’un virage préventif") for q in veille[0].questions)
    assert sum(len(s.paroles) for s in veille) >= 8


def test_every_block_is_inside_the_text(parsed: dict) -> None:
    for doc in parsed.values():
        for block in doc.blocks:
            assert 0 <= block.start < block.end <= len(doc.text)
