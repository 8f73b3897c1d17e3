"""The fiches action of the PMS document: numbers, titles, pilots, calendars, programmes, pages."""

from __future__ import annotations

import pytest

from ingest.fiches import parse_years, sentence_case, split_organisations

# number -> (words of the title, pilotes, years of the calendrier)
EXPECTED = {
    "1.2": ("renforcer les actions de prévention", ["DSDS"], [2017, 2022]),
    "8.2": ("repérer et accompagner les adultes vulnérables", ["DSDS"], [2017, 2022]),
    "12": ("mieux lutter contre les violences intra-familiales", ["DSDS", "DPE", "DPMI"], [2017, 2022]),
    "13": ("lutter contre la précarité énergétique", ["DHL"], [2017, 2018]),
    "27": ("faire évoluer l’organisation du service social", ["DDSHE", "DSDS"], [2017, 2022]),
    "28.2": ("simplifier les procédures et processus d’accès aux droits", ["DDSHE"], [2017, 2022]),
    "31": ("développer les services dématérialisés", ["DDSHE", "DINSI"], [2017, 2022]),
    "32": ("réduire la fracture numérique", ["DINSI", "Politique de la ville", "DDSHE"], [2017, 2022]),
    "33": ("diversifier les formes d’accompagnement", ["DSDS"], [2017, 2022]),
    "34": ("mener des projets sociaux de territoire", ["DDSHE", "MDM"], [2017, 2022]),
    "41.2": ("développer les prises en charge partagées", ["DSDS"], [2018]),
    "55.2": ("faciliter le partage d’informations", ["DSDS", "MDM"], [2017, 2018]),
    "56": ("développer les échanges d’information", ["MDM", "UDCCAS", "DRTU", "DTP"], [2017, 2018]),
    "57": ("garantir un accueil, une information et une orientation", ["MDM", "UDCCAS", "DRTU", "DTP"], [2017, 2018]),
    "62": ("soutenir et accompagner les acteurs sociaux", ["DSDS"], [2017, 2021]),
    "63.2": ("favoriser le rapprochement entre la recherche", ["DSDS", "DDSHE"], [2017, 2021]),
    "64": ("former les acteurs sociaux aux problématiques émergentes", ["DSDS"], [2017, 2022]),
    "66.5": ("développer un outil partagé d’observation", ["DSDS"], [2017, 2022]),
    "67": ("échanger et coopérer à l’international", ["DARI", "DDSHE", "DHL"], [2017, 2022]),
    "70": ("reconnaître l’expertise d’usage", ["DDSHE", "DIE"], [2018, 2022]),
    "71": ("valoriser les associations et les bénévoles", ["DDSHE", "DSDS", "DIE", "DINSI", "Vie associative"],
           [2018, 2021]),
    "78": ("développer les parcours et clauses d’insertion", ["DIE", "DDSHE", "DE"], [2017, 2020]),
    "79": ("promouvoir l’économie circulaire", ["Développement Durable", "DDSHE"], [2017, 2022]),
    "80.2": ("favoriser les innovations sociales", ["DDSHE", "DIE"], [2017, 2022]),
}
PMIE = {"1.2", "28.2", "31", "32", "33", "41.2", "64", "70", "71", "78"}
PACTE = {"55.2", "56", "57"}


@pytest.fixture(scope="module")
def fiches(parsed: dict) -> dict:
    return {f.number: f for f in parsed["pms-2017-2022-developpement-social"].fiches}


def test_exactly_the_24_fiches_in_order(fiches: dict) -> None:
    assert list(fiches) == list(EXPECTED)


@pytest.mark.parametrize("number", list(EXPECTED))
def test_title_pilots_and_calendar(fiches: dict, number: str) -> None:
    title, pilotes, years = EXPECTED[number]
    fiche = fiches[number]
    assert fiche.title.lower().startswith(title), fiche.title
    assert fiche.pilotes == pilotes
    assert fiche.years == years
    assert fiche.pages and 16 <= fiche.pages[0] <= 45


def test_programmes_are_attached_to_their_fiches(fiches: dict) -> None:
    assert {n for n, f in fiches.items() if f.programme and "INSERTION" in f.programme} == PMIE
    assert {n for n, f in fiches.items() if f.programme and "PACTE" in f.programme} == PACTE


def test_fields_found_whatever_the_reading_order(fiches: dict) -> None:
    # 31: its pilot block follows a stray "FICHE ACTION" line; 8.2: its number follows its subtitle.
    assert fiches["31"].pilotes == ["DDSHE", "DINSI"]
    assert fiches["8.2"].subtitle == "Mieux repérer et accompagner les personnes vulnérables"
    assert "UDCCAS" in fiches["41.2"].partenaires and fiches["41.2"].calendrier.endswith("2018")
    assert fiches["41.2"].pages == [28]
    assert "Quartiers « prioritaires » identifiés" in fiches["32"].indicateurs
    assert fiches["13"].contexte.startswith("La loi reconnaît la précarité énergétique")


def test_helpers() -> None:
    assert parse_years("› 2017 : séminaire › 2018 : généralisation") == [2017, 2018]
    assert split_organisations("› Métropole : MDM / UDCCAS / DRTU (DTP)") == ["MDM", "UDCCAS", "DRTU", "DTP"]
    members = split_organisations("› Partenaires : ESS (Alterincub, Rhonalpia), EM")
    assert members == ["ESS (Alterincub, Rhonalpia)", "EM"]
    assert sentence_case("GARANTIR UN ACCUEIL DE QUALITÉ POUR LE CCAS", frozenset({"CCAS", "DE"})) == \
        "Garantir un accueil de qualité pour le CCAS"
