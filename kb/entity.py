"""What a list question with no known name is about: "quelles fiches concernent le logement ?".

Its words, less those that only frame a list ("quelles fiches", "concernent"),
and the field it names: named after "fiches" ("les fiches ayant des indicateurs
sur les bénévoles"), a field is where the words must be printed.
"""

from __future__ import annotations

import re

from kb.analyzer import STOPWORDS, terms
from kb.lexicon import fold, straight_apostrophes

# Words that shape a list question without naming what it is about.
_FRAME = frozenset(terms(
    "quelle quelles fiche fiches action actions dans lesquelles sont pilotée pilotées pilote piloté pilotes "
    "partenaire partenaires associé associée associés associées implique impliquent mentionne mentionnent cite "
    "citent intervient interviennent intervenir concerne concernent rattachée rattachées rattaché liée liées "
    "lié participe participent apparaît apparaissent elle il ils elles "
    "liste lister toutes tous rôle role qui où ou avec "
    "combien donne donnez moi citez énumérer porte portent portant parle parlent traite traitent "
    "traitant aborde abordent évoque évoquent vise visent cible ciblent touche touchent adresse adressent agit "
    "agissent propos sujet thème thématique relative relatives relatif relatifs lien matière question questions "
    "contient contiennent comporte comportent prévoit prévoient impliquant mentionnant citant concernant "
    "associant intervenant participant relève relèvent relevant associe associent mobilise mobilisent "
    "mobilisant engage engagent engageant inclut incluent incluant sollicite sollicitent sollicitant figure "
    "figurent figurant trouve trouvent retrouve retrouvent faveur pms compte comptent existe existent total nombre "
    "aucun aucune jamais parmi "  # said of the fiches: "ne mentionnent aucune association"
    # Asked politely: "je voudrais les fiches sur…", "pouvez-vous me donner…", "trouver les actions…".
    # Not "recherche" nor "besoin": "les fiches sur la recherche", "… sur les besoins des usagers".
    "voudrais voudrait souhaite souhaiterais cherche trouver donner indiquer pouvez pourriez merci svp "
    # Said of the fiches: "quelles fiches cherchent des financements européens ?".
    "cherchent cherchant proposent proposant souhaitent veulent permettent permettant "
    # "dans quelles fiches est-il prévu de recourir à des services civiques ?"
    "prévu prévue prévus prévues recourir recourt recourent appel "
    # "à la fois les bailleurs sociaux et les PIMMS": both, said again.
    "fois ensemble conjointement soient citée citées cités nommée nommées mentionnée mentionnées "
    "font mention mentions référence références"))  # "quelles fiches ne font aucune mention des MDM ?"
# Generic nouns before a name ("l'association Soliha"): what the list is about only when nothing else is named
# ("les fiches impliquant des associations").
_GENERIC = frozenset(terms("association organisme structure direction service projet projets dispositif "
                           "dispositifs chantier chantiers acteur acteurs"))
# Of those, the heads of a Métropole service's name: "la direction de la communication" names a service, and
# "communication" alone is that service only in a pilote or partenaires line ("Métropole : …, Communication").
SERVICE_HEADS = frozenset(terms("direction service"))
# Only with "de": "le service de la communication", not "le service social", which is no service's name.
_SERVICE_OF_RE = re.compile(r"\b(?:direction|service)s?\s+(?:de la|de l'|du|des|de|d')\s*\w", re.IGNORECASE)
# Names that are also common nouns, and what makes them the noun: "l'État" is not "un état des lieux", nor
# "cet état de fait" (folded text). Read only when the name is asked alone.
_COMMON_NOUN_RE = {"etat": re.compile(r"\betats? (?:des?|du|d')\b")}
# The words of a list's other conditions (a year, an axe, a count): what is left beside them is its notion
# ("les fiches sur le logement qui se terminent en 2020", "les fiches de l'axe 2 qui parlent du numérique").
# (Read after _FRAME and the stop words, which hold "prévues", "nombre", "entre", "plus", "tout"…)
_CONDITION = frozenset(terms(
    "axe axes hors numéro année années an ans période durée calendrier échéance "
    "termine terminent terminant terminé terminée terminés terminées finit finissent fini finie finies "
    "achève achèvent achevant achevé achevée achevées arrête arrêtent arrêtée arrêtées fin "
    "commence commencent commençant commencé commencée commencées débute débutent débutant débutée débutées "
    "démarre démarrent démarrant démarrée démarrées lancé lancée lancées lancés "
    "déroule déroulent cours encore toujours tjrs active actives actif actifs court courent couvre couvrent "
    "dure durent durant pendant jusqu jusque vont va ici après avant depuis partir "
    "seront sera longue longues courte courtes long "
    "plusieurs moins seul seule seuls seules unique uniques copilote copilotes nb "
    "deux trois quatre cinq six sept huit neuf dix ayant maximum minimum exactement "
    "plan projet tôt tard co partagé partagée pilotage excluant exclusion exclure"))
# Said of a name ruled out ("fiches non pilotées par la DSDS", "toutes sauf celles de la DSDS"), not of a notion
# ("le non-recours").
_RULED_OUT = frozenset(terms("non sauf excepté exception"))  # "sans", "mais": stop words; "hors": a condition
# What introduces a list's notion beside other conditions, and the words it names, up to the next clause.
_TOPIC_RE = re.compile(r"\b(?:sur|concernant|avec|autour d[eu]s?|li[ée]e?s? (?:à|a)|relati(?:f|ve)s? (?:à|a)|"
                       # Verbs only: "associent", not "associations" nor "associatifs".
                       r"(?:(?:parl|trait|abord|évoqu|evoqu|port|concern|vis|cibl)\w*"
                       r"|(?:mentionn|impliqu|associ|cit)(?:e|ent|ant)\b) (?:sur|de|du|des|d')?)\s*"
                       r"(?P<notion>.+?)\s*(?=\bqui\b|\bque\b|\bdont\b|\bet (?:se|s'|qui|sont|ont)\b|[,;?]|$)",
                       re.IGNORECASE)
# Without a topic word, what follows "fiches" up to the next clause: "fiches numérique qui démarrent en 2018".
_AFTER_FICHES_RE = re.compile(r"\b(?:fiches?|actions?)\b(?P<notion>[^,;?]*?)(?=\bqui\b|\bque\b|\bdont\b|[,;?]|$)",
                              re.IGNORECASE)
_SOMEWHERE_RE = re.compile(r"\b(?:qq|quelque)\s*part\b", re.IGNORECASE)
FICHES_WORD_RE = re.compile(r"\b(?:fiches?|actions?)\b")
# After the last name of a list question, "et" (or "ou") and a notion the table does not know: "les fiches
# impliquant les CCAS et les communes". A verb after "et" is another condition ("… la CAF et se terminent en 2022").
_JOINED_NOTION_RE = re.compile(r"\s*(?P<joint>,|\bet\b|\bou\b)\s*(?:les|la|le|l'|des|du|de la|de l')\s*"
                               r"(?P<notion>[^,;?]+?)\s*\??\s*$")
# Before a list question's first name, a notion and "et" (or "ou"): "… par le dév durable ou la DHL".
_NOTION_BEFORE_RE = re.compile(r"(?P<notion>[^,;?]+?)\s*(?P<joint>\bet\b|\bou\b)\s*"
                               r"(?:les|la|le|l'|des|du|de la|de l')?\s*$", re.IGNORECASE)
# A field named after "fiches" is where a list's notion must be printed: "fiches ayant des indicateurs sur
# les bénévoles", "fiches dont le contexte parle de pauvreté". Named before, it is what to show of the
# fiches listed: "les objectifs des fiches sur le logement".
_SCOPING_FIELDS = tuple((name, re.compile(pattern)) for name, pattern in (
    ("objectifs", r"\bobjectifs?(?: operationnels?)?\b|\bpour (?:but|finalite)\b"),
    ("indicateurs", r"\bindicateurs?(?: d'evaluation)?\b"),
    ("modalites", r"\bmodalites(?: de mise en oeuvre)?\b|\bmise en oeuvre\b"),
    ("contexte", r"\bcontexte\b")))


# The plan itself, which every fiche belongs to: no notion a fiche must print.
_THE_PLAN = frozenset(terms("plan pms projet métropolitain des solidarités"))


def list_entity(question: str) -> tuple[list[str], list[list[str]]]:
    """What a list question with no known name is about: its words, and its notions joined by "et"."""
    def content(text: str) -> list[str]:
        return [t for t in terms(text) if t not in _FRAME and t not in STOPWORDS]

    question = _SOMEWHERE_RE.sub(" ", question)  # "la DRTU est-elle pilote qq part ?"
    specific = [t for t in content(question) if t not in _GENERIC]

    def named(text: str) -> list[str]:
        words = content(text)
        # A service's head stays before its name ("la direction du sport"): the fiches must print both.
        service = bool(_SERVICE_OF_RE.search(straight_apostrophes(text)))
        return [t for i, t in enumerate(words) if t not in _GENERIC or not specific
                or (service and t in SERVICE_HEADS and i + 1 < len(words) and words[i + 1] not in _GENERIC)]

    groups = [words for part in re.split(r",|\bet\b", question) if (words := named(part))]
    entity = named(question)
    if set(entity) <= _THE_PLAN:
        # "combien de fiches compte le plan ?", "les fiches du PMS": every fiche is the plan's.
        return [], []
    return entity, groups if len(groups) > 1 else []


def names_common_noun(line: str, word: str) -> bool:
    """Whether `word` in `line` is only ever the common noun it is also ("état" in "état des lieux")."""
    noun = _COMMON_NOUN_RE.get(word)
    low = fold(line)
    return bool(noun) and len(re.findall(rf"\b{word}s?\b", low)) == len(noun.findall(low))


def notion_beside(question: str, titles: str | None, held: bool = False, typed: bool = False
                  ) -> tuple[list[str], list[list[str]]]:
    """The notion a list question names beside a year, an axe, a count or names, and its groups; ([], []) if none.

    Only words a topic word introduces ("sur le logement", "qui parlent du numérique", "avec le conseil de
    dev"), or else, if `typed` (no name is asked), those right after "fiches" ("fiches numérique qui …"), up to
    the next clause, less those of the conditions and of the `titles` of the axe or programme
    named: a question of a year or a count alone ("fiches avec exactement 3 pilotes") has none. When a role
    is asked (`held`), what holds it is the notion, wherever it is said: "dans quelles fiches de l'axe 2 les
    centres sociaux sont-ils partenaires ?" (a generic noun alone, "des directions", is no one in particular).
    """
    own = _CONDITION | set(terms(titles or "")) | (_RULED_OUT if held else frozenset())
    said = [question] if held else [m.group("notion") for m in _TOPIC_RE.finditer(straight_apostrophes(question))]
    if typed and not said:
        said = _keywords_after_fiches(question)
    entity, groups = list_entity(" , ".join(said)) if said else ([], [])

    def notion(words: list[str]) -> list[str]:
        return [t for t in words if t not in own and not t.isdigit() and not (held and t in _GENERIC)]

    kept = [words for group in groups if (words := notion(group))]
    return notion(entity), kept if len(kept) > 1 else []


def _keywords_after_fiches(question: str) -> list[str]:
    """The words typed right after "fiches", if they begin with a content word: "fiches numérique qui …",
    not a clause ("fiches où la Métropole est seule pilote")."""
    found = _AFTER_FICHES_RE.search(question)
    notion = found.group("notion") if found else ""
    words = notion.split()
    return [notion] if words and fold(words[0]) not in STOPWORDS else []


def either_notions(question: str) -> list[list[str]]:
    """The notions a list question offers as alternatives ("les Petits frères des pauvres ou les Restos du
    cœur"), two or more; else []. "où" is no "ou", and a part with no content word ("fiches ou …", typed
    for "fiches où …") offers nothing."""
    parts = [words for part in re.split(r"\bou\b", question)
             if (words := [t for t in terms(part) if t not in _FRAME and t not in STOPWORDS])]
    return parts if len(parts) > 1 else []


def joined_notion(after: str) -> tuple[list[str], bool]:
    """The notion `after` (the folded words after a list question's last name) joins, or [], and whether
    it is joined by "ou" (either) rather than "et" (both)."""
    found = _JOINED_NOTION_RE.match(after)
    words = [t for t in terms(found["notion"]) if t not in _FRAME and t not in STOPWORDS] if found else []
    return ([], False) if not found or any(t.isdigit() for t in words) else (words, found["joint"] == "ou")


def notion_before(before: str) -> tuple[list[str], bool]:
    """The notion `before` (the words before a list question's first name, as typed) joins to that name, or [],
    and whether by "ou" (either) rather than "et" (both): "fiches pilotées par le dév durable ou la DHL".
    "où" is no "ou" ("les projets où la CAF…"), and a generic noun alone is no notion."""
    found = _NOTION_BEFORE_RE.search(straight_apostrophes(before))
    words = [t for t in terms(found["notion"]) if t not in _FRAME and t not in STOPWORDS and t not in _CONDITION
             and t not in _GENERIC and not t.isdigit()] if found else []
    return ([], False) if not found else (words, found["joint"].lower() == "ou")


def field_after_fiches(low: str) -> tuple[str, re.Match[str]] | None:
    """The field a folded list question names after "fiches", and where; None if it names none."""
    fiches = FICHES_WORD_RE.search(low)
    found = [(name, m) for name, pattern in _SCOPING_FIELDS
             if fiches and (m := pattern.search(low, fiches.end()))]
    return min(found, key=lambda f: f[1].start()) if found else None


def without_words(entity: list[str], groups: list[list[str]], words: list[str]
                  ) -> tuple[list[str], list[list[str]]]:
    """The entity and its groups less `words` (a field's own: "indicateurs d'évaluation")."""
    own = set(words)
    kept = [[t for t in group if t not in own] for group in groups]
    return [t for t in entity if t not in own], [group for group in kept if group]
