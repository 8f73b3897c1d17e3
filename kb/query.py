"""Query analysis: what a question asks, before any retrieval.

It recognises organisations (kb/orgquery.py: acronym or full name, with one
typo allowed in names of 5 letters or more: "UDCAS"), fiche references ("fiche 13",
"l'action 28.2"), fiche fields ("calendrier", "qui pilote"), roles
("pilotées par", "partenaire", "implique"), list intents ("quelles
fiches…"), programmes, axes ("les fiches de l'axe 2"), years ("se terminent
en 2018") and document types.
Accents and case never matter.
"""

from __future__ import annotations

import re

from kb.analyzer import terms, tokens
from kb.catalog import AXE_RE, NUMBERED_DOCUMENT_RE, Catalog
from kb.counting import read_count
from kb.entity import (
    FICHES_WORD_RE,
    either_notions,
    field_after_fiches,
    joined_notion,
    list_entity,
    notion_before,
    notion_beside,
    without_words,
)
from kb.fichenumbers import NUMBER, NUMBER_WORDS, fiche_numbers, known_fiche
from kb.fields import field_asked
from kb.lexicon import straight_apostrophes
from kb.models import DocumentType
from kb.orgquery import EXCLUDE_LEAD, OrgRef, combine_organisations, find_organisations, role_match, said_at
from kb.spans import ARTICLES, Located, Span, merged
from kb.titles import axe_by_words
from kb.understood import Understood
from kb.years import WHOLE_PLAN_RE, read_years, year_said

_LIST_RE = re.compile(
    r"^(?:quelles?|quels?|lister?|(?:la\s+)?liste|dans quelles?|toutes les|les|donnez?|donne-moi|citez|enum[ée]rer?)\s+"
    r"(?:(?:sont|des|les|de|moi|toutes)\s+)*(?:fiches?|actions?)\b"
    r"|^(?:fiches?|actions?)\s+(?:action\s+)?(?:toujours\s+|tjrs\s+|encore\s+)?(?:s'|se\s+|non\s+)?"
    r"(?:pilot|rattach|impliqu|mention|associ|cit|"
    r"li[ée]e?s?|qui|ou|où|dont|avec|concern|partenaire|port[ée]e?s?|lanc|termin|commenc|d[ée]marr|"
    r"ach[ée]v|pr[ée]vu|en cours|activ|mobilis|engag|inclu|sollicit|co-?pilot)"
    # Keywords typed as in a catalogue: "fiches UDCCAS", "les fiches 2019" (a plural, not "fiche 13").
    rf"|^(?:les\s+|toutes\s+les\s+)?fiches\b(?!\s*{NUMBER_WORDS}{NUMBER}\b)|\bfiches(?:\s+actions?)?\s*$"
    r"|\bquelles?\s+(?:fiches?|actions?)\b"
    r"|^parmi\s+(?:les|ces|toutes les)\s+(?:fiches?|actions?)\b"  # "parmi les actions que pilote la DIE, lesquelles…"
    # Asked politely: "pouvez-vous me donner la liste des actions…", "je cherche les fiches…".
    r"|\bliste\s+(?:des|de toutes les)\s+(?:fiches?|actions?)\b"
    r"|\b(?:donner|lister|citer|indiquer|trouver|cherche|voudrais|souhaite)\s+(?:moi\s+)?(?:les|toutes les)\s+"
    r"(?:fiches|actions)\b"
    r"|\bcombien\s+(?:y\s+a-t-il\s+|existe-t-il\s+|(?:il\s+)?existe\s+|(?:il\s+)?y\s+a\s+|compte-t-on\s+)?de\s+(?:fiches?|actions?)\b")
# "Quels projets impliquent la CAF ?": a list when the question names what the fiches must involve;
# without an organisation, "quels projets…" may as well ask for a livret's "projets phares".
_SOFT_LIST_RE = re.compile(r"^(?:quels?|dans quels?|liste des|tous les)\s+(?:sont\s+les\s+)?"
                           r"(?:projets?|dispositifs?|chantiers?)\b")
# Also after a first clause: "dans l'axe 2, où intervient la DRTU ?".
_WHERE = r"(?:^|,\s*)o[uù] (?:intervient|interviennent|apparait|apparaissent|figure|figurent)\b"
_WHERE_RE = re.compile(_WHERE)
_IN_PLAN_RE = re.compile(_WHERE + r"|^o[uù] agit\b|\b(?:role|place|associee?|impliquee?|"
                         r"intervient|participe|intervention|participation)\b.*\b(?:dans|au|du)\s+(?:le\s+)?"
                         r"(?:pms|plan|projet metropolitain des solidarites)\b")
_ANY_FICHE_RE = re.compile(r"\b(?:une|aucune|plusieurs|certaines|des)\s+(?:fiches?|actions?)(?:[\s-]+actions?)?"
                           r"(?:\s+(?:du|dans le)\s+(?:pms|plan))?\s*\??$")
_NEITHER_RE = re.compile(r"\bni\s+(pilote|partenaire)s?\s+ni\s+(pilote|partenaire)s?\b")
_INVOLVED_RE = re.compile(r"\b(?:impliqu|mentionn|cit[ée]|figur|appara|particip|intervien)")
_SOME_FICHES_RE = re.compile(r"\b(?:des|les)\s+(?:fiches|actions)\s+(?:avec|qui|ou|où|dont|sur|pilot|impliqu|associ|"
                             r"mentionn|cit|concern|portant)")
# A negation just before the role's words, within the same clause.
_NEGATION_RE = re.compile(r"(?:\bn'|\bne\b|\bpas\b|\bsans\b|\bnon\b)[^,;?]{0,20}$")
# Said of the fiches themselves: "fiches sans …", "actions qui ne parlent pas de …". Not "les fiches pour les sans
# domicile" nor "sur le non-recours", where the word belongs to the notion.
_NEGATED_LIST_RE = re.compile(r"\b(?:fiches?|actions?)\s+(?:qui\s+)?(?:sans\b(?!-)|n'|ne\b|non\b(?!-)|pas\b)")
# "hors axe 2", "sauf l'axe 2", "en dehors de l'axe 2", "pas dans l'axe 2": the axe is ruled out.
_AXE_EXCLUDED = (r"\b(?:hors|sauf|sans|except[ée]|en dehors|pas|en excluant|excluant|a l'exclusion)\s+"
                 r"(?:de\s+|d'|dans\s+)?(?:l'|la\s+|les\s+)?\s*")
_AXE_EXCLUDED_RE = re.compile(f"{_AXE_EXCLUDED}$")
# Fields a fiche has and an axe has not: "les pilotes de l'axe 3" are its fiches'.
_FICHE_ONLY_FIELDS = ("pilotes", "partenaires", "calendrier", "indicateurs")
# The words that only introduce a field ("Quelle est la durée") or a role ("qui sont pilotées par").
_FIELD_LEAD = r"\b(?:le|la|les|l'|quel(?:le)?s?\s+(?:est|sont)\s+(?:le|la|les|l'))\s*"
_ROLE_LEAD = r"(?:\bqui\s+)?(?:\b(?:sont|est|en)\s+)?(?:\bco-?)?"
# "l'engagement 2" names a livret; "engagement associatif" does not.
_TYPES = ((DocumentType.LIVRET, r"\blivrets?\b|\bengagements?\s*(?:n°\s*)?\d"),
          (DocumentType.VEILLE, r"\bveille\b|\b[ée]tudes?\b"),
          (DocumentType.GLOSSARY, r"\bglossaire\b|\bsigles?\b|\bacronymes?\b|\bsignifi|\bveut dire\b|\babr[ée]viation"))
# "Qu'est-ce que la MDM ?": asked of an acronym alone, a definition question wants its expansion.
_DEFINITION_RE = re.compile(r"qu'?est[- ]ce qu|c'est quoi|\bd[ée]finition\b|\bd[ée]signe\b")
# "Qui pilote le plus de fiches ?", "quels partenaires reviennent le plus souvent ?": organisations ranked by
# their number of fiches. Asked of who, about the fiches, the plan or a role: "qui est le plus impliqué dans la lutte
# contre la précarité ?" is a passage question.
_RANKING_RE = re.compile(r"\b(?:le|la|les) plus\b")
_RANKED_WHO_RE = re.compile(r"^(?:qui\b|quel(?:le)?s?\s+(?:(?:est|sont)\s+)?(?:l'|la |le |les )?(?:organisations?|"
                            r"directions?|structures?|partenaires?|acteurs?|organismes?|services?|pilotes?)\b)")
_RANKED_ABOUT_RE = re.compile(r"\b(?:fiches?|actions?|pms|plan|pilot\w*|partenaires?)\b")

def _without_names(question: str, orgs: list[OrgRef]) -> str:
    """The question with a comma where it names each of `orgs`, so that no notion runs over a name."""
    for org in orgs:
        question = re.sub(rf"(?<!\w){re.escape(org.matched)}(?!\w)", " , ", question, flags=re.IGNORECASE)
    return question


def _only_acronyms(question: str, orgs: list[OrgRef]) -> bool:
    """True when the question names organisations by acronym only and asks of nothing else."""
    if not orgs or any(not o.matched.isupper() for o in orgs):
        return False
    named = {t for o in orgs for t in terms(o.matched)}
    rest = [t for t in terms(question) if t not in named]
    return len(rest) <= 2  # "qu'est-ce que", "definition", "désigne" and the like


def analyze(question: str, catalog: Catalog) -> Understood:
    """Everything the question says about what it wants."""
    question = straight_apostrophes(question)
    q = " ".join(question.split())
    located = Located(question)
    low = located.low
    u = Understood()
    if _LIST_RE.search(low):
        u.intent = "list"
    typed = fiche_numbers(low, catalog)
    numbers = list(dict.fromkeys(number for number, _, _ in typed))
    resolved: dict[str, str | None] = {}
    if numbers:
        resolved = {number: known_fiche(number, catalog) for number in numbers}
        known = list(dict.fromkeys(fiche for fiche in resolved.values() if fiche))
        if known:
            u.fiche, u.other_fiches = known[0], known[1:]
        u.unknown_fiche = next((number for number, fiche in resolved.items() if not fiche), None)
    role = role_match(low)
    u.role = role[0] if role else None
    field_said: re.Match[str] | None = None
    # Asked in the negative: "où la CAF n'est pas pilote", "partenaire mais pas pilote".
    u.role_negated = bool(role and _NEGATION_RE.search(low[:role[1].start()]))
    if u.intent == "passage":
        u.field, field_said = field_asked(low, of_fiche=u.fiche is not None)
    if _SOME_FICHES_RE.search(low):
        u.intent = "list"  # "y a-t-il des fiches sur le numérique ?"
    soft_list = u.intent == "passage" and bool(_SOFT_LIST_RE.search(low))
    u.organisations = find_organisations(q, catalog, listing=u.intent == "list" or soft_list)
    # "la CAF est-elle partenaire de fiches ?": fiches, in the plural, asked of an organisation, are a
    # list of them. Not "actions", a word of every kind of question ("comment la CAF coordonne ses actions").
    plural = u.intent == "passage" and not u.fiche and bool(re.search(r"\bfiches\b", low))
    # "Où intervient l'ARS ?", "le rôle de l'UDCCAS dans le PMS": where an organisation acts in the plan is
    # the list of its fiches, each with its roles.
    plural = plural or (u.intent == "passage" and not u.fiche and bool(_IN_PLAN_RE.search(low)))
    # "la CAF pilote-t-elle une fiche ?", "l'ARS est-elle impliquée dans une action ?": asked yes or no,
    # answered by the list of the fiches where it holds that role, or none. Not "… d'une action sur le
    # logement", whose topic a list of the organisation's fiches would drop.
    yes_no = bool(u.role or _INVOLVED_RE.search(low)) and bool(_ANY_FICHE_RE.search(low))
    # "la MDM est-elle pilote ?": a name and a role, and nothing else asked.
    named = {t for o in u.organisations for t in terms(o.matched)}
    yes_no = yes_no or bool(u.role and u.organisations and not set(list_entity(q)[0]) - named)
    plural = plural or (u.intent == "passage" and not u.fiche and yes_no)
    # The axe named, read once: for a catalogue's keywords below, and as the list's axe further on.
    axe_said = re.search(r"\baxe\b", low)
    axe_named = catalog.axe_named(q) if axe_said else None
    # "SDMIS", "la Caisse d'Allocations Familiales": a name and nothing else asks where the plan names it,
    # its fiches and every passage naming it.
    if u.intent == "passage" and not u.fiche and u.organisations and not set(terms(q)) - named:
        u.bare = "names"
    # "axe 3 DSDS", "axe 4 pilote DSDS": names, an axe and a role at most, typed as in a catalogue, ask for
    # the axe's fiches naming them.
    elif u.intent == "passage" and not u.fiche and u.organisations and axe_named and \
            not set(terms(q)) - named - set(terms(axe_named)) - set(terms(role[1].group(0) if role else "")):
        soft_list = True
    if (soft_list or plural or u.bare) and u.organisations:
        u.intent = "list"
        u.field = None
    elif u.intent == "passage" and not u.fiche and (yes_no or _WHERE_RE.search(low)):
        # The same of a name the table does not know: "où intervient la direction du Développement Durable ?",
        # "la politique de la ville pilote-t-elle une action ?" list the fiches printing it.
        u.intent, u.field = "list", None
    if u.fiche and not (u.field or u.organisations) and u.intent == "passage":
        # "fiche 13", "FA 41.2": the fiche itself, its passages as printed; "fiches 13 et 56": both.
        rest = "".join(ch if not any(a <= i < b for _, a, b in typed) else " " for i, ch in enumerate(low))
        u.bare = "fiches" if not set(terms(rest)) - {"fiche", "action", "fa"} else None
    if u.intent == "passage" and not (u.organisations or u.fiche) and _RANKING_RE.search(low) and \
            _RANKED_WHO_RE.search(low) and _RANKED_ABOUT_RE.search(low):
        u.intent, u.field = "organisations", None
    if u.intent == "list" and u.organisations:
        combined = combine_organisations(q, u.organisations)
        u.organisations, u.combine, u.excluded, u.org_roles = (combined.wanted, combined.combine, combined.excluded,
                                                                combined.roles)
        if u.organisations and (neither := _NEITHER_RE.search(low)):
            # "où les MDM ne sont ni pilotes ni partenaires": the fiches where they hold neither role, those
            # that only name them included.
            u.excluded, u.organisations, u.excluded_roles = u.excluded + u.organisations, [], \
                list(dict.fromkeys(neither.groups()))
            u.role, u.role_negated = None, False
        elif not u.organisations:
            u.role_negated = False  # "pas pilotées par la DSDS" rules the DSDS's fiches out: said once
        else:
            # "les fiches impliquant les CCAS et les communes": the fiches naming both; "la DARI ou la DRH" either.
            last = max(found.end() for o in u.organisations + u.excluded if (found := said_at(low, o)))
            notion, either = joined_notion(low[last:])
            if not notion:
                # "… le dév durable ou la DHL": the notion may come first.
                first = min(found.start() for o in u.organisations if (found := said_at(low, o)))
                notion, either = notion_before(located.typed(0, first)) if first > 0 else ([], False)
            if notion and u.combine in (None, "any" if either else "all"):
                u.entity, u.combine = notion, "any" if either else u.combine
    if axe_said:
        u.axe = axe_named
        u.axe_negated = bool(u.axe and _AXE_EXCLUDED_RE.search(low[:axe_said.start()]))
        # "Les fiches de l'axe 2" lists them, and so do "les pilotes de l'axe 3", which only its fiches have;
        # "les objectifs de l'axe 2" is a passage question. (A field named after "axe" may be the words of
        # its title: "l'axe gagner en cohérence par les partenariats".)
        of_fiches = u.field in _FICHE_ONLY_FIELDS and field_said is not None and field_said.start() < axe_said.start()
        # "axe 2", "Axe 4 : favoriser l'inclusion sociale et urbaine": the axe alone, its fiches beside the passages.
        if u.axe and u.intent == "passage" and not (u.fiche or u.field or u.organisations) and \
                not set(terms(q)) - set(terms(u.axe)):
            u.bare = "axe"
        if u.axe and not u.fiche and (of_fiches or FICHES_WORD_RE.search(low) or u.bare == "axe"):
            u.intent = "list"
            u.field = u.field if of_fiches else None
    said: list[str] = []  # the acronyms that named the programme ("les fiches du PMIE")
    count_said = read_count(low)
    # "plus de 10 partenaires", "plusieurs pilotes": the role's word is the count's, not said of a name.
    role_of_count = bool(role and count_said and count_said[1].start() <= role[1].start() < count_said[1].end())
    if u.intent == "list":
        programmes = {o.id: catalog.programme_named(o.name) for o in u.organisations}
        # "… du PMIE, lesquelles comptent plus de 10 partenaires": the programme still holds no role.
        if role_of_count or u.role not in ("pilote", "partenaire"):
            u.programme = catalog.programme_named(q) or next((p for p in programmes.values() if p), None)
        elif (named := catalog.programme_named(q)) and named not in programmes.values():
            # A programme holds no role: "pilotées par le PMIE" asks of the organisation's name; but in "les
            # fiches du pacte de cohérence pilotées par les MDM", the role is the MDM's, the programme a condition.
            u.programme = named
        elif any(u.org_roles.get(o.id) for o in u.organisations):
            # "pmie : actions pilotées par la dsds": the role is another's, the programme's acronym a condition.
            u.programme = next((p for oid, p in programmes.items() if p and not u.org_roles.get(oid)), None)
        # A programme is also in the acronym table (PMIE): it is then the condition, not an organisation.
        if u.programme:
            said = [o.matched for o in u.organisations if programmes[o.id] == u.programme]
            u.organisations = [o for o in u.organisations if programmes[o.id] != u.programme]
    counted = count_said if u.intent == "list" or not u.fiche else None
    if counted and u.intent != "list":
        # "la fiche avec le moins de partenaires" asks which fiches, as "quelle fiche…" does.
        superlative = counted[0].op in ("most", "least") and FICHES_WORD_RE.search(low)
        counted = counted if superlative else None
        if counted:
            u.intent, u.field = "list", None
    # "fiches 13 et 56 pilotes", "les fiches de l'axe 2 pilotées par…": a fiche's, an axe's or a
    # livret's number is not how many pilotes.
    if counted:
        labels = [(start, end) for _, start, end in typed] + \
            [m.span() for pattern in (AXE_RE, NUMBERED_DOCUMENT_RE) for m in pattern.finditer(low)]
        if any(start < counted[1].end() and counted[1].start() < end for start, end in labels):
            counted = None
    if counted:
        u.count = counted[0]
        if not role or role_of_count:
            # No role but the count's words: "plusieurs pilotes" asks how many, of no one in
            # particular; "la CAF copilote-t-elle" asks of the CAF as a pilote.
            u.role = "pilote" if u.organisations and u.count.field == "pilotes" else None
            u.role_negated = u.role_negated and u.role is not None  # "pas de partenaires" is the count's
    if years := read_years(low):
        u.year, u.year_mode, u.year_relation, u.year_to, u.end_year = \
            years.year, years.mode, years.relation, years.upto, years.end_year
    plan = catalog.plan_years() if u.intent == "list" and not u.year and WHOLE_PLAN_RE.search(low) else None
    if plan:
        u.year, u.year_to, u.year_mode, u.year_relation = plan[0], plan[1], "during", "throughout"
    for doc_type, pattern in _TYPES:
        if re.search(pattern, low):
            u.doc_type = doc_type.value
            break
    u.document = catalog.document_named(q) if u.doc_type == DocumentType.LIVRET.value else None
    if not u.doc_type and _DEFINITION_RE.search(low) and _only_acronyms(q, u.organisations):
        u.doc_type = DocumentType.GLOSSARY.value
    asked = q
    if u.count and count_said:
        # The count's words are no notion: "aucun partenaire extérieur à la Métropole".
        found = count_said[1]
        asked = f"{located.typed(0, found.start())} {located.typed(found.end(), len(low))}"
    if u.intent == "list" and not (u.organisations or u.excluded or u.programme):
        # Beside a year, an axe or a count, a notion is what their words leave: "les fiches de l'axe 2 qui
        # parlent du numérique".
        beside = bool(u.year or u.end_year or u.axe or u.count)
        u.entity, u.entity_groups = notion_beside(asked, u.axe, bool(u.role), typed=True) if beside else \
            list_entity(asked)
        if not beside and not u.entity_groups and (either := either_notions(q)):
            u.entity_groups, u.combine = either, "any"
        # "quelles fiches ont des indicateurs sur les bénévoles ?": the field's words leave the entity and,
        # named after "fiches", say where it is looked for.
        scoped = None if u.field else field_after_fiches(low)
        field_at = scoped[1] if scoped else field_said
        # The field's words as typed: "modalités" lemmatises, "modalites" not.
        own = terms(located.typed(field_at.start(), field_at.end())) if field_at else []
        if own and (rest := without_words(u.entity, u.entity_groups, own))[0]:
            u.entity, u.entity_groups = rest
            if scoped:
                u.field = u.entity_field = scoped[0]
                field_said = None  # no span: cutting it would leave "quelles fiches ont des sur les bénévoles ?"
        if u.entity and _NEGATED_LIST_RE.search(low):
            # The role is part of what is missing ("sans partenaire associatif"), not asked in the negative.
            u.entity_negated, u.role_negated = True, False
    elif u.intent == "list" and not u.entity and (u.organisations or u.excluded):
        # Beside names, a notion a topic word introduces ("sur les violences intrafamiliales, dans quelles fiches
        # les CCAS sont-ils partenaires ?"); with names only ruled out, whatever else the question names
        # ("les bailleurs … sans que les CCAS soient cités").
        rest = _without_names(asked, u.organisations + u.excluded)
        u.entity, u.entity_groups = notion_beside(rest, f"{u.axe or ''} {u.programme or ''}", not u.organisations)
        u.entity_anywhere = bool(u.entity)
    for number, start, end in typed:
        located.add("fiche" if resolved[number] else "unknown_fiche", resolved[number] or number, start, end)
    u.spans = _locate(u, located, role, field_said, said, catalog.axe_titles)
    return u


def _locate(u: Understood, at: Located, role: tuple[str, re.Match[str]] | None, field_said: re.Match[str] | None,
            programme_said: list[str], axe_titles: dict[str, str]) -> list[Span]:
    """Where the question says each element of `u`, with the words that introduce it: `understood.spans`.

    `role` and `field_said` are the analysis's own matches of the role and field words.
    """
    for kind, orgs in (("organisation", u.organisations), ("excluded", u.excluded)):
        for org in orgs:
            found = said_at(at.low, org)
            if not found:
                continue
            if kind == "excluded":
                # "où la DRTU n'apparaît pas" has no span: cutting the name would leave the rest dangling.
                if re.search(f"(?:{EXCLUDE_LEAD})$", at.low[:found.start()]):
                    at.add_match(kind, org.id, found, before=EXCLUDE_LEAD)
            elif (joined := re.search(rf"\b(?:et|ou)\s+{ARTICLES}$", at.low[:found.start()])) and \
                    at.typed(joined.start(), joined.start() + 2).lower() in ("et", "ou"):  # not "où"
                at.add_match(kind, org.id, found, before=rf"\b(?:et|ou)\s+{ARTICLES}")  # "… et l'ARS"
            else:
                at.add_match(kind, org.id, found, after=r"\s*,|\s+(?:et|ou)\b")  # "l'UDCCAS et …"
    if u.field:
        at.add_match("field", u.field, field_said, before=_FIELD_LEAD)
    if u.role and role and role[0] == u.role and not u.role_negated:
        said = at.add_match("role", u.role, role[1], before=_ROLE_LEAD, after=r"\s+(?:par|de|avec)\b")
        # "Quels sont les partenaires de l'action 13 ?": the role's words are the field's, and cutting
        # them alone would leave "Quels sont les l'action 13 ?".
        if said and any(s.kind == "field" and s.start < said.end and said.start < s.end for s in at.spans):
            at.spans.remove(said)
    if u.year and not u.end_year:
        at.add_match("year", str(u.year), *year_said(at.low, u.year, u.year_relation))
    if u.programme:
        for words in [u.programme, *programme_said]:
            at.add_words("programme", u.programme, words)
    if u.axe:
        lead = _AXE_EXCLUDED if u.axe_negated else ARTICLES
        if not at.add_match("axe", u.axe, AXE_RE.search(at.low), before=lead) and \
                (by_words := axe_by_words(at.low, axe_titles)):
            at.add("axe", u.axe, by_words[1], by_words[2], before=lead)  # "l'axe inclusion sociale"
    if u.entity:
        # What a list is about, as typed, for the page to show ("Sujet : santé mentale"); the question's
        # other words would dangle without it, so it has no remove button.
        wanted = set(u.entity)
        at.spans += [Span("entity", " ".join(u.entity), t.start, t.end)
                     for t in tokens(at.question) if t.term in wanted]
    if u.doc_type:
        for found in re.finditer(dict(_TYPES).get(DocumentType(u.doc_type), "(?!)"), at.low):
            at.add_match("doc_type", u.doc_type, found, before=rf"(?:\bque\s+)?{ARTICLES}")
    return merged(at.spans)
