"""What the analysis of a question read: the `understood` object every answer carries.

kb/query.py fills it; the search, the lists and the ranking read it, and the page
shows it ("Sujet : logement", "Hors axe 2") so that a misreading can be taken out.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from dataclasses import field as _field

from kb.counting import Count
from kb.orgquery import OrgRef
from kb.spans import Span


@dataclass
class Understood:
    """The analysis returned with every answer, so the page can show what was understood."""

    # "passage", "list" (which fiches…) or "organisations" (who pilots the most fiches…).
    intent: str = "passage"
    organisations: list[OrgRef] = _field(default_factory=list)
    # "any": the fiches naming one of the organisations; "all": those naming each ("l'UDCCAS et l'ARS").
    combine: str | None = None
    # Organisations the fiches must not name ("sans la DRTU").
    excluded: list[OrgRef] = _field(default_factory=list)
    # The role asked of each organisation when it differs ("pilotées par la DSDS, impliquant la CAF").
    org_roles: dict[str, str | None] = _field(default_factory=dict)
    # The roles the excluded organisations must not hold, when not any: "ni pilote ni partenaire".
    excluded_roles: list[str] = _field(default_factory=list)
    # The role is asked in the negative ("n'est pas pilote"): fiches naming the organisation in another role.
    role_negated: bool = False
    fiche: str | None = None
    # "les pilotes des fiches 13 et 56": the fiches named after the first.
    other_fiches: list[str] = _field(default_factory=list)
    # A fiche number the plan does not have ("fiche 99"): said, rather than answered with another fiche.
    unknown_fiche: str | None = None
    field: str | None = None
    role: str | None = None
    programme: str | None = None
    axe: str | None = None
    # "les fiches du PMIE hors axe 2": the fiches of the other axes.
    axe_negated: bool = False
    # The field a list's entity must be named in ("fiches ayant des indicateurs sur les bénévoles"); else None.
    entity_field: str | None = None
    # The fiches not naming the entity are asked: "fiches sans partenaire associatif", "… ne parlent pas de …".
    entity_negated: bool = False
    # The entity may be named anywhere in a fiche: the role asked is the organisations' ("sur les violences
    # intrafamiliales, dans quelles fiches les CCAS sont-ils partenaires ?").
    entity_anywhere: bool = False
    # How many pilotes or partenaires the fiches have (kb/counting.py): "plusieurs pilotes" is pilotes > 1,
    # "sans partenaire" partenaires = 0, "le plus de partenaires" the fiches listing the most.
    count: Count | None = None
    year: int | None = None
    year_mode: str | None = None
    # "se terminent avant 2020": the calendrier's end is before (or after) the year, not in it;
    # "throughout": "sur toute la durée du plan", every year from `year` to `year_to`.
    year_relation: str | None = None
    # "entre 2019 et 2021": the last year of the span (year_relation "between"), both years included.
    year_to: int | None = None
    # "lancées en 2017 et terminées en 2018": the year the calendrier ends, besides the year it starts.
    end_year: int | None = None
    doc_type: str | None = None
    # The document named by its numbered title ("les projets phares de l'engagement 3"): its id.
    document: str | None = None
    entity: list[str] = _field(default_factory=list)
    # The entity's notions when the question joins several with "et" ("logement et santé"); else empty.
    entity_groups: list[list[str]] = _field(default_factory=list)
    # The question as searched, when unknown words were corrected ("lutet" -> "lutte").
    corrected: str | None = None
    # The question only names something, as a search box is typed: "names" ("SDMIS", "la CAF"), its fiches
    # and the passages naming it from anywhere; "fiches" ("fiche 13"), their cards, one fiche's passages in
    # reading order; "axe" ("axe 2"), its fiches beside the passages.
    bare: str | None = None
    # Where the question says each element above (kb/spans.py): what the page cuts to take one out.
    spans: list[Span] = _field(default_factory=list)

    def to_json(self) -> dict[str, object]:
        """The `understood` object of the search contract."""
        return asdict(self)
