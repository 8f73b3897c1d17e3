"""Which field of a fiche a passage question asks for: "qui pilote…", "le calendrier de…", "comment mesurer…".

The words of each field are read anywhere in the question; the first said
wins. Some words ask for a field only of a fiche the question names ("qui
est responsable de la fiche 13", not "le responsable de secteur"), and
"comment…" or "pourquoi…" of a fiche ask for its modalités or its contexte.
"""

from __future__ import annotations

import re

_FIELDS = (
    # "Quand" asks for a calendrier with a calendrier's verb ("quand se termine l'action sur…") or of a fiche
    # named (below); "quand la Métropole a-t-elle adopté son programme ?" asks for a date in the text.
    # So does "en quelle année": "en quelle année ont lieu les premières élections métropolitaines ?" does not.
    # "La date d'adoption du programme", "la date de la loi" ask for a date in the text; "la date de fin",
    # "les dates de la fiche 13" for a calendrier.
    ("calendrier", r"\bcalendrier|\b[ée]ch[ée]anc|\b(?:quand|en quelle ann[ée]e)\b(?=.*\b(?:commenc|termin|d[ée]marr|"
                   r"ach[eè]v|fini|lanc|pr[ée]vu|d[ée]roul|dur))|\bd[ée]lais?\b|\bdur[ée]e\b|"
                   r"\bdates?\b(?!\s+(?:d'|de |du )(?!\s*(?:d[ée]but|fin|d[ée]marrage|lancement|r[ée]alisation|mise en|"
                   r"(?:la |l'|cette |chaque )?(?:fiche|action)s?)\b))|"
                   r"\bp[ée]riode\b|\bplanning\b|\bjusqu'?\s*(?:a|à)?\s*quand\b"),
    # "qui est responsable de l'action sur…", "qui s'occupe de la fiche…": of a fiche, named or not.
    ("pilotes", r"\bqui (?:co-?)?pilote|\b(?:co-?)?pilot[ée]?e?s?\b|\b(?:co-?)?pilotes?\b|\bporteurs?\b|\bqui porte|"
                r"\b(?:responsables?|qui s'occupe|qui est en charge)"
                r"(?= d[eu']\s*(?:la |l')?(?:fiche|action|projet)\b)"),
    # "avec quels acteurs la Métropole travaille-t-elle pour…", "avec qui…".
    ("partenaires", r"\bpartenaires?\b|\bavec (?:quels?|quelles?) (?:acteurs|structures|organismes|institutions)\b|"
                    r"\bavec qui\b|\bqui (?:est|sont|sera|seront) associ[ée]"),
    # "comment saura-t-on si … a réussi ?" asks how success is measured.
    # Not "l'évaluation des politiques publiques", "les mesures du plan national": of something else than an action.
    ("indicateurs", r"\bindicateurs?\b|\b[ée]valu(?:er|[ée]e?s?)\b|"
                    r"\b[ée]valuations?\b(?!\s+des\s+(?!(?:fiches|actions|projets|dispositifs)\b))|"
                    r"\bmesur(?:er|[ée]e?s?)\b(?!\s+(?:du|des|de|d')\b)|"
                    r"\bcrit[eè]res? de (?:r[ée]ussite|succ[eè]s)|\bcomment (?:saura|savoir|sait|verra|juger)\b"
                    r"[^?]*\b(?:r[ée]ussi|march[ée]|fonctionn[ée]|atteint)"),
    ("objectifs", r"\bobjectifs?\b|\bbut\b|\bfinalit"),
    ("modalites", r"\bmodalit[ée]s\b|\bmise en (?:oe|œ)uvre\b|\bconcr[eè]tement\b"),
    ("contexte", r"\bcontexte\b"),
)
# Asked of a fiche the question names, and only then, these ask for a field too: "qui est
# responsable de la fiche 13" wants its pilotes, but "le responsable de secteur" is a job.
# "qui contacter pour la fiche 13 ?", "l'interlocuteur de l'action 56": the pilotes answer for the fiche; so
# does "le pilotage de la fiche 27", not "le comité de pilotage du plan".
_FICHE_FIELD_WORDS = (("pilotes", r"\b(?:co-?)?pilotage\b|\bresponsables?\b|"
                                  r"\bqui (?:s'occupe|est en charge|mene|conduit)|\bcontact(?:er)?\b|"
                                  r"\bs'adresser\b|\binterlocut(?:eur|rice)s?\b|\breferent(?:e|s|es)?\b"),
                      ("modalites", r"\bmoyens\b"), ("calendrier", r"\bquand\b|\ben quelle ann[ée]e\b"),
                      # "partenariat avec Emmaüs Connect" is what an action does, unless of a fiche named.
                      ("partenaires", r"\bpartenariats?\b"))
# "Comment…" and "pourquoi…" of a fiche ask for its modalités or its contexte, unless a field is named.
_FIELD_QUESTIONS = (("modalites", r"\bcomment\b.*\bfiche"), ("contexte", r"\bpourquoi\b.*\bfiche"))


def field_asked(low: str, of_fiche: bool) -> tuple[str | None, re.Match[str] | None]:
    """The field a folded passage question asks for, and the words that said it (None for "comment…")."""
    # The field asked first wins: "indicateurs de la fiche « … en partenariat avec … »" asks for
    # indicateurs, whatever the fiche's title says after.
    found = [(m, name) for name, pattern in _FIELDS if (m := re.search(pattern, low))]
    if of_fiche and not found:
        found = [(m, name) for name, pattern in _FICHE_FIELD_WORDS if (m := re.search(pattern, low))]
    # "Comment … la fiche" gets no span: "comment" is the question itself.
    asked = found or [(m, name) for name, pattern in _FIELD_QUESTIONS if (m := re.search(pattern, low))]
    first = min(asked, key=lambda f: (f[0].start(), f[1])) if asked else None
    return (first[1], first[0] if found else None) if first else (None, None)
