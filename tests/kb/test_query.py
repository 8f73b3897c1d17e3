"""Query analysis on the questions users type."""

from __future__ import annotations

import pytest

from kb.counting import Count
from kb.query import analyze

MORE_THAN_ONE = Count("pilotes", "gt", 1)
ONE = Count("pilotes", "eq", 1)


@pytest.fixture(scope="module")
def catalog(corpus_index):  # type: ignore[no-untyped-def]
    corpus_index.service.refresh()
    return corpus_index.service.catalog


@pytest.mark.parametrize(("question", "expected"), [
    ("Quelles fiches impliquent l'UDCCAS ?", {"intent": "list", "orgs": ["UDCCAS"], "role": None}),
    ("quelles fiches impliquent l'UDCAS", {"intent": "list", "orgs": ["UDCCAS"]}),
    ("fiches pilotées par la DINSI", {"intent": "list", "orgs": ["DINSI"], "role": "pilote"}),
    ("Quelles actions sont pilotées par la Direction de l'Habitat et du Logement ?",
     {"intent": "list", "orgs": ["DHL"], "role": "pilote"}),
    ("dans quelles fiches la caisse d'allocations familiales est partenaire", {"orgs": ["CAF"], "role": "partenaire"}),
    ("qui pilote la fiche 13", {"intent": "passage", "fiche": "13", "field": "pilotes"}),
    ("Quel est le calendrier de l'action 41.2 ?", {"fiche": "41.2", "field": "calendrier"}),
    ("Quelle est la durée de l'action 64 ?", {"fiche": "64", "field": "calendrier"}),
    ("qui est responsable de la fiche 13 ?", {"fiche": "13", "field": "pilotes"}),
    # Several fiches in one question, in the order asked; a number the plan lacks is said.
    ("Quels sont les pilotes des fiches 13 et 56 ?", {"fiche": "13", "other_fiches": ["56"], "field": "pilotes"}),
    ("calendrier de la fiche 13, de la fiche 28 ou de l'action 41.2",
     {"fiche": "13", "other_fiches": ["28.2", "41.2"], "field": "calendrier"}),
    ("fiche 13 et 2018", {"fiche": "13", "other_fiches": []}),
    ("pilote des fiches 13 et 99", {"fiche": "13", "other_fiches": [], "unknown_fiche": "99"}),
    ("qui s'occupe de la fiche-action 56 ?", {"fiche": "56", "field": "pilotes"}),
    ("qui contacter pour la fiche 13 ?", {"fiche": "13", "field": "pilotes"}),
    ("qui copilote la fiche 27 ?", {"fiche": "27", "field": "pilotes"}),
    ("qui assure le pilotage de la fiche 27 ?", {"fiche": "27", "field": "pilotes"}),
    ("le comité de pilotage du plan", {"field": None}),
    ("à qui s'adresser pour l'action 56 ?", {"fiche": "56", "field": "pilotes"}),
    ("comment contacter les MDM", {"field": None}),
    # A fiche number after a field's word, without "fiche", as typed in a search box; a year or a count is none.
    ("pilote 41.2", {"fiche": "41.2", "field": "pilotes"}),
    ("objectifs 62", {"fiche": "62", "field": "objectifs"}),
    ("indicateurs de la 13", {"fiche": "13", "field": "indicateurs"}),
    ("calendrier 2018", {"fiche": None, "field": "calendrier"}),
    ("qui pilote 99", {"fiche": None, "unknown_fiche": None}),
    ("FA 13 pilote", {"fiche": "13", "field": "pilotes"}),
    ("moyens de la fiche 34", {"fiche": "34", "field": "modalites"}),
    # Without a fiche, the same words are not a field: "le responsable de secteur" is a job.
    ("rôle du responsable de secteur", {"field": None}),
    ("les moyens humains du service social", {"field": None}),
    ("qui s'occupe des personnes âgées isolées ?", {"field": None}),
    ("la fiche 56 se termine en quelle année ?", {"fiche": "56", "field": "calendrier"}),
    # "En quelle année" asks for a calendrier with a calendrier's verb or of a fiche named, not of an event.
    ("en quelle année se termine l'action sur le numérique ?", {"field": "calendrier"}),
    ("En quelle année ont lieu les premières élections métropolitaines ?", {"field": None}),
    ("indicateurs d'évaluation de la fiche sur la fracture numérique", {"field": "indicateurs", "fiche": None}),
    ("Quelles fiches se terminent en 2018 ?", {"intent": "list", "year": 2018, "year_mode": "end"}),
    ("fiches qui commencent en 2018", {"year": 2018, "year_mode": "start"}),
    ("Quelles fiches sont rattachées au Programme Métropolitain d'Insertion pour l'Emploi ?",
     {"intent": "list", "programme": "PROGRAMME MÉTROPOLITAIN D’INSERTION POUR L’EMPLOI"}),
    ("Dans quelles fiches l'association Soliha intervient-elle ?", {"intent": "list", "entity": ["soliha"]}),
    ("precarite energetique", {"intent": "passage", "orgs": [], "fiche": None, "field": None}),
    ("citation de Yann Le Bossé", {"intent": "passage", "orgs": []}),
    ("que dit la veille sur le bénévolat", {"doc_type": "veille"}),
    ("que signifie ESAT", {"doc_type": "glossary"}),
    ("qu'est-ce que la MDM ?", {"doc_type": "glossary", "orgs": ["MDM"]}),
    ("MONALISA isolement des personnes âgées", {"doc_type": None}),
    ("qu'est-ce que la polyvalence de secteur ?", {"doc_type": None}),
    # The many ways of asking for a list.
    ("liste des fiches où apparaît la CAF", {"intent": "list", "orgs": ["CAF"]}),
    ("Quels projets impliquent la Caisse d'Allocations Familiales ?", {"intent": "list", "orgs": ["CAF"]}),
    ("quels projets impliquent la caf", {"intent": "list", "orgs": ["CAF"]}),
    ("quelles fiches mentionnent l'ars", {"intent": "list", "orgs": ["ARS"]}),
    ("Quels sont les projets phares de l'engagement 2 ?", {"intent": "passage", "doc_type": "livret"}),
    ("prouver son engagement associatif auprès d'un employeur", {"doc_type": None}),
    ("fiches lancées en 2017", {"intent": "list", "year": 2017, "year_mode": "start"}),
    ("Quelles fiches ont une échéance en 2018 ?", {"year": 2018, "year_mode": "end"}),
    ("Quelles actions portent sur l'isolement des personnes âgées ?",
     {"intent": "list", "entity": ["isolement", "personne", "agee"]}),
    ("quelles fiches traitent des violences conjugales", {"entity": ["violence", "conjugale"], "entity_groups": []}),
    ("fiches action se terminant en 2020", {"intent": "list", "year": 2020, "year_mode": "end"}),
    ("actions s'achevant en 2019", {"intent": "list", "year": 2019, "year_mode": "end"}),
    ("fiches actives en 2021", {"intent": "list", "year": 2021, "year_mode": "during"}),
    # Before or after a year, not in it.
    ("Quelles fiches se terminent avant 2020 ?", {"year": 2020, "year_mode": "end", "year_relation": "before"}),
    ("fiches en cours après 2021", {"year": 2021, "year_mode": "during", "year_relation": "after"}),
    ("Quelles fiches se terminent en 2020 ?", {"year": 2020, "year_relation": None}),
    ("Quelles fiches se terminent entre 2019 et 2021 ?",
     {"year": 2019, "year_to": 2021, "year_mode": "end", "year_relation": "between"}),
    ("Quelles fiches se déroulent sur 2017-2018 ?", {"year": 2017, "year_to": 2018, "year_relation": "between"}),
    ("Quelles fiches seront achevées d'ici 2020 ?", {"year": 2020, "year_mode": "end", "year_relation": "by"}),
    ("Quelles fiches s'arrêtent en 2020 ?", {"year": 2020, "year_mode": "end"}),
    # The plan's whole period, from the catalogue's earliest calendrier to its latest.
    ("Quelles fiches couvrent toute la durée du plan ?",
     {"year": 2017, "year_to": 2022, "year_relation": "throughout"}),
    # Each year takes the words just before it.
    ("fiches lancées en 2017 et terminées en 2018", {"year": 2017, "year_mode": "start", "end_year": 2018}),
    ("Quelles fiches se terminent en 2018 et commencent en 2017 ?", {"year": 2017, "end_year": 2018}),
    ("la liste des fiches avec les MDM", {"intent": "list", "orgs": ["MDM"]}),
    # A generic noun is what the list is about only when nothing else is named.
    ("fiches impliquant des associations", {"intent": "list", "entity": ["association"]}),
    ("Quelles fiches impliquent les acteurs de l'économie sociale et solidaire ?",
     {"entity": ["economie", "sociale", "solidaire"]}),
    ("quelles fiches parlent de logement et de santé ?",
     {"entity": ["logement", "sante"], "entity_groups": [["logement"], ["sante"]]}),
    ("comment évaluer la fiche 13 ?", {"fiche": "13", "field": "indicateurs"}),
    ("indicateurs de la fiche mener des projets sociaux de territoire, en partenariat avec les acteurs",
     {"field": "indicateurs"}),
    # The only action numbered 28 is 28.2; the plan has no fiche 99, and says so.
    ("qui pilote la fiche 28", {"fiche": "28.2", "field": "pilotes", "unknown_fiche": None}),
    ("indicateurs de la fiche 99", {"fiche": None, "unknown_fiche": "99", "field": "indicateurs"}),
    # An axe, by number or by its title: its fiches are a list; its objectives are a passage.
    ("fiches de l'axe 2", {"intent": "list", "axe": "Axe 2 : Offrir un parcours adapté et continu à l’usager"}),
    ("Quelles actions relèvent de l'axe n°3 ?", {"intent": "list", "entity": [],
                                                 "axe": "Axe 3 : Renforcer les partenariats pour gagner en cohérence"}),
    ("quelles fiches pour l'axe gagner en cohérence par les partenariats",
     {"axe": "Axe 3 : Renforcer les partenariats pour gagner en cohérence"}),
    ("les objectifs de l'axe 2", {"intent": "passage", "field": "objectifs", "axe": "Axe 2 : Offrir un parcours "
                                                                                   "adapté et continu à l’usager"}),
    ("Quels sont les 4 axes stratégiques du PMS ?", {"intent": "passage", "axe": None}),
    # An axe has no pilotes, partenaires, calendrier or indicateurs of its own: its fiches have them.
    ("qui sont les pilotes de l'axe 3 ?", {"intent": "list", "field": "pilotes",
                                          "axe": "Axe 3 : Renforcer les partenariats pour gagner en cohérence"}),
    ("quel est le calendrier des actions de l'axe 1 ?", {"intent": "list", "field": "calendrier"}),
    ("fiches de l'axe 7", {"axe": None}),
    # An axe by the words of its title right after "axe", as typed in a search box.
    ("fiches de l'axe inclusion sociale",
     {"intent": "list", "axe": "Axe 4 : Favoriser l’inclusion sociale et urbaine"}),
    ("quelles fiches de l'axe prévention impliquent la CAF",
     {"orgs": ["CAF"], "axe": "Axe 1 : Développer la prévention à destination de tous"}),
    ("quel axe parle des usagers ?", {"axe": None}),
    # Names and an axe, typed as in a catalogue: the axe's fiches naming them.
    ("axe 3 DSDS", {"intent": "list", "orgs": ["DSDS"], "axe": "Axe 3 : Renforcer les partenariats pour gagner en "
                                                                 "cohérence"}),
    ("axe 4 pilote DSDS", {"intent": "list", "orgs": ["DSDS"], "role": "pilote"}),
    ("la DSDS dans l'axe 3 pour le logement", {"intent": "passage"}),
    # The count's words are no notion, beside names too.
    ("fiches pilotées par la DSDS avec des partenaires extérieurs", {"intent": "list", "orgs": ["DSDS"],
                                                                     "role": "pilote", "entity": []}),
    # A programme holds no role: the question asks of the organisation named so.
    ("Quelles fiches sont pilotées par le Programme Métropolitain d'Insertion pour l'Emploi ?",
     {"intent": "list", "programme": None, "role": "pilote"}),
    # A role asked in the negative, of an organisation the fiches name.
    ("fiches où la CAF n'est pas pilote", {"intent": "list", "orgs": ["CAF"], "role": "pilote", "role_negated": True}),
    ("Dans quelles fiches la DRTU est-elle partenaire mais pas pilote ?", {"role": "pilote", "role_negated": True}),
    ("quelles fiches la DSDS ne pilote-t-elle pas ?", {"orgs": ["DSDS"], "role_negated": True}),
    ("Sans la DRTU, quelles fiches sont pilotées par la DSDS ?", {"role": "pilote", "role_negated": False}),
    # Its acronym names the programme: it is then the condition, not an organisation besides it.
    ("Quelles actions du PMIE se terminent en 2020 ?",
     {"intent": "list", "programme": "PROGRAMME MÉTROPOLITAIN D’INSERTION POUR L’EMPLOI", "orgs": [], "year": 2020}),
    ("Quelles fiches sont rattachées au Programme Métropolitain d'Insertion pour l'Emploi ?",
     {"programme": "PROGRAMME MÉTROPOLITAIN D’INSERTION POUR L’EMPLOI", "orgs": []}),
    # A role's word inside a count is the count's: the programme still holds no role, and stays the condition.
    ("Parmi les fiches du Programme Métropolitain d'Insertion pour l'Emploi, lesquelles comptent plus de 10 "
     "partenaires associés ?", {"programme": "PROGRAMME MÉTROPOLITAIN D’INSERTION POUR L’EMPLOI", "orgs": [],
                                "role": None}),
    # Verbs of involvement frame the list; they are not what it is about.
    ("Quelles fiches mobilisent les bailleurs sociaux ?", {"intent": "list", "entity": ["bailleur", "social"]}),
    ("fiches engageant la CAF", {"intent": "list", "orgs": ["CAF"]}),
    ("Les fiches où figure Soliha", {"intent": "list", "entity": ["soliha"]}),
    ("Quelles fiches du PMS concernent le logement ?", {"intent": "list", "entity": ["logement"]}),
    # Fiches in the plural, asked of a name, are a list of them; a field asked of them is kept.
    ("Y a-t-il des fiches avec Soliha ?", {"intent": "list", "entity": ["soliha"]}),
    ("Est-ce que la CAF est partenaire de fiches ?", {"intent": "list", "orgs": ["CAF"], "role": "partenaire"}),
    ("Comment la CAF coordonne-t-elle ses actions avec la Métropole ?", {"intent": "passage", "orgs": ["CAF"]}),
    # Asked yes or no of one fiche or more, in a role or at all: the list answers, even when empty.
    ("la CAF pilote-t-elle une fiche ?", {"intent": "list", "orgs": ["CAF"], "role": "pilote"}),
    ("est-ce que l'ARS est partenaire d'une action du PMS ?",
     {"intent": "list", "orgs": ["ARS"], "role": "partenaire"}),
    ("l'UDCCAS est-elle impliquée dans des actions ?", {"intent": "list", "orgs": ["UDCCAS"], "role": None}),
    ("la CAF est-elle partenaire d'une action sur le logement ?", {"intent": "passage", "orgs": ["CAF"]}),
    ("Le Centre National de la Fonction Publique Territoriale est-il partenaire d'une fiche action ?",
     {"intent": "list", "orgs": ["CNFPT"], "role": "partenaire"}),
    # Every year of a span, or any of them.
    ("Quelles fiches couvrent toute la période 2017-2022 ?",
     {"year": 2017, "year_to": 2022, "year_relation": "throughout"}),
    ("fiches de 2017 à 2022", {"year": 2017, "year_to": 2022, "year_relation": "between"}),
    # "Quand" asks for a calendrier of a fiche or with a calendrier's verb; else for a date in the text.
    ("quand se termine l'action sur la précarité énergétique ?", {"field": "calendrier"}),
    ("fiche 13 quand ?", {"fiche": "13", "field": "calendrier"}),
    ("Quand la Métropole a-t-elle adopté son Programme Métropolitain d'Insertion ?", {"field": None}),
    ("date d'adoption du programme métropolitain d'insertion", {"field": None}),
    ("date de fin de l'action sur la précarité énergétique", {"field": "calendrier"}),
    ("dates de la fiche 13", {"fiche": "13", "field": "calendrier"}),
    ("quelle est la date de démarrage ?", {"field": "calendrier"}),
    # Evaluation or measures of something other than an action are not its indicateurs.
    ("les usagers veulent participer à l'évaluation des politiques publiques", {"field": None}),
    ("mesures du plan national en lien avec le PMS", {"field": None}),
    ("évaluation des actions collectives", {"field": "indicateurs"}),
    ("comment mesure-t-on l'action contre la précarité énergétique ?", {"field": "indicateurs"}),
    # "Qui est associé à…" asks for the partenaires, as "qui pilote…" for the pilotes.
    ("qui est associé à la fiche sur l'organisation du service social métropolitain ?", {"field": "partenaires"}),
    # "Partenariat" is what an action does, unless asked of a fiche.
    ("partenariat emmaus connect pour l'inclusion numérique", {"field": None}),
    ("quels partenariats pour la fiche 13 ?", {"fiche": "13", "field": "partenaires"}),
    # A fiche's field asked of a fiche named by its subject.
    ("qui est responsable de l'action sur les démarches sociales en ligne ?", {"field": "pilotes"}),
    ("avec quels acteurs la Métropole travaille-t-elle pour encourager le bénévolat ?", {"field": "partenaires"}),
    ("jusqu'à quand court le projet sur l'économie circulaire ?", {"field": "calendrier"}),
    ("comment concrètement la Métropole compte-t-elle réduire la fracture numérique ?", {"field": "modalites"}),
    ("le responsable de secteur", {"field": None}),
    # "sans copilote" is one pilote; "ni pilote ni partenaire" rules both roles out.
    ("Quelles fiches la DSDS pilote-t-elle seule, sans copilote ?", {"orgs": ["DSDS"], "count": ONE}),
    ("fiches non copilotées", {"count": ONE}),
    ("fiches où la CAF n'est ni pilote ni partenaire",
     {"orgs": [], "excluded_roles": ["pilote", "partenaire"], "role": None}),
    # How success is measured: the indicateurs.
    ("Comment saura-t-on si la réorganisation du service social métropolitain a réussi ?", {"field": "indicateurs"}),
    ("quels sont les critères de réussite de la fiche 70 ?", {"fiche": "70", "field": "indicateurs"}),
    # The same of a name the table does not know: where it acts, or whether it holds a role.
    ("où intervient la direction du Développement Durable ?",
     {"intent": "list", "entity": ["direction", "developpement", "durable"]}),
    ("La politique de la ville pilote-t-elle une action ?", {"intent": "list", "role": "pilote", "orgs": []}),
    ("Pourriez-vous m'indiquer les fiches où les communes figurent parmi les partenaires associés ?",
     {"role": "partenaire", "entity": ["commune"]}),
    # A lowercase acronym is an organisation unless a very common word ("de", "dr").
    ("fiches pilotées par la die qui se terminent en 2022", {"orgs": ["DIE"], "role": "pilote", "year": 2022}),
    # An axe ruled out.
    ("fiches du pmie hors axe 2", {"axe_negated": True,
                                   "programme": "PROGRAMME MÉTROPOLITAIN D’INSERTION POUR L’EMPLOI"}),
    ("les fiches de l'axe 2", {"axe_negated": False}),
    # Typed in a hurry: a name and a role alone, "sauf celles de…", two years in a row.
    ("la mdm est elle pilote", {"intent": "list", "orgs": ["MDM"], "role": "pilote"}),
    ("toutes les actions de l axe 2 sauf celles de la dsds", {"orgs": [], "axe_negated": False}),
    ("fiches qui finissent en 2020 ou 2021", {"year": 2020, "year_to": 2021, "year_relation": "between"}),
    ("fiches qui finissent en 2018 ou 2020", {"year": 2018, "year_to": None}),
    ("la drtu est elle pilote qq part", {"intent": "list", "orgs": ["DRTU"], "role": "pilote"}),
    ("actions tjrs en cours en 2020", {"intent": "list", "year": 2020}),
    ("hopitaux fiches action", {"intent": "list", "entity": ["hopital"]}),
    ("nb fiches axe 1 qui courent 2017-2022", {"year_relation": "throughout", "year_to": 2022}),
    # Notions offered as alternatives; "ou" typed for "où" offers none.
    ("fiches petits freres des pauvres ou restos du coeur",
     {"combine": "any", "entity_groups": [["petit", "frere", "pauvre"], ["resto", "coeur"]]}),
    ("fiches ou on parle de logement", {"combine": None, "entity": ["logement"]}),
    # A notion joined to a name by "ou": the fiches naming either.
    ("liste des fiches avec la DARI ou les universités",
     {"orgs": ["DARI"], "combine": "any", "entity": ["universite"]}),
    # The DRH, which only the fiches print, is a name like the DARI.
    ("liste des fiches avec la DARI ou la DRH", {"orgs": ["DARI", "DRH"], "combine": "any", "entity": []}),
    # A notion the table does not know, joined to a name by "et": the fiches naming both.
    ("quelles fiches impliquent les CCAS et les communes ?", {"orgs": ["CCAS"], "entity": ["commune"]}),
    ("quelles fiches impliquent la CAF et se terminent en 2022 ?", {"orgs": ["CAF"], "entity": [], "year": 2022}),
    ("Quelles fiches impliquent l'UDCCAS et l'ARS ?", {"orgs": ["UDCCAS", "ARS"], "entity": []}),
    # Fiches said not to name a notion; "sans" or "non" of the notion's own words is no negation.
    ("quelles fiches ne parlent pas de logement ?", {"intent": "list", "entity": ["logement"], "entity_negated": True}),
    ("fiches sans partenaire associatif", {"role": "partenaire", "role_negated": False, "entity_negated": True}),
    ("quelles fiches ne mentionnent aucune association ?", {"entity": ["association"], "entity_negated": True}),
    ("fiches pour les sans domicile", {"entity": ["domicile"], "entity_negated": False}),
    ("les fiches sur le non-recours", {"entity_negated": False}),
    ("Quels sont les objectifs des fiches pilotées par la DSDS ?",
     {"intent": "list", "orgs": ["DSDS"], "role": "pilote", "field": "objectifs"}),
    # Keywords typed as in a catalogue: a plural "fiches" lists; a number is one fiche.
    ("fiches UDCCAS", {"intent": "list", "orgs": ["UDCCAS"]}),
    ("les fiches 2019", {"intent": "list", "year": 2019}),
    ("fiches 28.2", {"intent": "passage", "fiche": "28.2"}),
    # More than one pilote, with or without an organisation among them.
    ("Quelles fiches sont co-pilotées ?", {"intent": "list", "count": MORE_THAN_ONE, "entity": [], "role": None}),
    ("actions pilotées par plusieurs directions", {"intent": "list", "count": MORE_THAN_ONE}),
    ("fiches pilotées par plus d’une direction", {"intent": "list", "count": MORE_THAN_ONE, "role": None}),
    ("Quelles fiches co-pilotées par la DSDS ?", {"orgs": ["DSDS"], "count": MORE_THAN_ONE, "role": "pilote"}),
    ("Quelles fiches la CAF copilote-t-elle ?", {"orgs": ["CAF"], "count": MORE_THAN_ONE, "role": "pilote"}),
    ("Quelles fiches sont pilotées par la DSDS ?", {"count": None}),
    ("Dans quelles fiches la Métropole est-elle seule pilote ?",
     {"intent": "list", "count": ONE, "entity": []}),
    ("fiches pilotées par une seule direction", {"count": ONE}),
    # "seule" after the verb, with or without the inverted subject.
    ("la Métropole pilote seule quelles fiches ?", {"intent": "list", "count": ONE}),
    ("quelles fiches la DSDS pilote-t-elle seule ?", {"orgs": ["DSDS"], "count": ONE, "role": "pilote"}),
    # Any number of pilotes or partenaires, said in words or digits.
    ("quelles fiches ont plus de deux pilotes ?", {"count": Count("pilotes", "gt", 2), "entity": []}),
    ("fiches avec au moins 10 partenaires", {"intent": "list", "count": Count("partenaires", "ge", 10)}),
    ("les fiches ayant au plus cinq partenaires", {"count": Count("partenaires", "le", 5)}),
    ("quelles fiches ont moins de 3 partenaires ?", {"count": Count("partenaires", "lt", 3)}),
    ("quelles fiches ont trois pilotes ?", {"count": Count("pilotes", "eq", 3)}),
    ("quelle fiche a le plus de partenaires ?", {"intent": "list", "count": Count("partenaires", "most")}),
    ("la fiche avec le moins de partenaires", {"count": Count("partenaires", "least")}),
    # None at all: the count, not a role asked in the negative of every fiche.
    ("quelles fiches n’ont pas de partenaires ?", {"count": Count("partenaires", "eq", 0), "role": None,
                                                   "role_negated": False}),
    ("fiches sans pilote", {"intent": "list", "count": Count("pilotes", "eq", 0)}),
    # A role besides the count stays the role; an article is not a number; a fiche's number is not a count.
    ("fiches pilotées par la DSDS avec plus de 10 partenaires",
     {"orgs": ["DSDS"], "role": "pilote", "count": Count("partenaires", "gt", 10)}),
    ("fiches où la CAF est un partenaire", {"orgs": ["CAF"], "role": "partenaire", "count": None}),
    ("quelles fiches 13 et 56 pilotes ?", {"count": None}),
    ("quelles sont les fiches de l'axe 2 pilotées par la DDSHE ?",
     {"orgs": ["DDSHE"], "role": "pilote", "count": None}),
    ("les fiches de l'axe n°3 partenaires de la CAF", {"count": None}),
    # Asked politely, or as where an organisation acts in the plan: its list of fiches.
    ("Pouvez-vous me donner la liste des actions portées par la DSDS ?",
     {"intent": "list", "orgs": ["DSDS"], "role": "pilote"}),
    ("Je cherche les fiches liées à l'UDCCAS", {"intent": "list", "orgs": ["UDCCAS"]}),
    ("Où intervient l'ARS ?", {"intent": "list", "orgs": ["ARS"]}),
    ("Quel est le rôle de l'UDCCAS dans le PMS ?", {"intent": "list", "orgs": ["UDCCAS"]}),
    ("Quel est le rôle de l'UDCCAS dans la fiche 56 ?", {"intent": "passage", "fiche": "56"}),
    ("Quel est le rôle des CCAS ?", {"intent": "passage", "orgs": ["CCAS"]}),
    # Typographic apostrophes, as phones and word processors type them, read as "'".
    ("fiches de l’UDCCAS sans l’ARS", {"intent": "list", "orgs": ["UDCCAS"]}),
    ("quelles fiches se terminent d’ici 2020 ?", {"year": 2020, "year_mode": "end", "year_relation": "by"}),
    ("qu’est-ce que l’ODAS ?", {"orgs": ["ODAS"], "doc_type": "glossary"}),
    # A field named after "fiches" is where the list's notion is looked for; named before, what to show.
    ("quelles fiches ont des indicateurs sur le nombre de bénévoles ?",
     {"intent": "list", "field": "indicateurs", "entity_field": "indicateurs", "entity": ["benevole"]}),
    ("fiches dont les objectifs opérationnels portent sur le numérique",
     {"field": "objectifs", "entity_field": "objectifs", "entity": ["numerique"]}),
    ("quelles fiches ont des modalités de mise en œuvre sur le numérique ?",
     {"entity_field": "modalites", "entity": ["numerique"]}),
    ("quels sont les objectifs des fiches sur le logement ?",
     {"intent": "list", "field": "objectifs", "entity_field": None, "entity": ["logement"]}),
    # The field's words are all the list is about: no field.
    ("quelles fiches parlent d'évaluation ?", {"field": None, "entity_field": None, "entity": ["evaluation"]}),
    # Who holds the most fiches: organisations ranked, in the role asked if any.
    ("qui pilote le plus de fiches ?", {"intent": "organisations", "role": "pilote", "field": None}),
    ("quels partenaires reviennent le plus souvent ?", {"intent": "organisations", "role": "partenaire"}),
    ("quelle direction est la plus impliquée dans les fiches ?", {"intent": "organisations", "role": None}),
    # Not of organisations and fiches: a passage question; of one organisation: its list.
    ("qui est le plus concerné par la précarité énergétique ?", {"intent": "passage"}),
    ("qui est le plus impliqué dans la lutte contre la précarité ?", {"intent": "passage"}),
    ("quels acteurs sont les plus cités dans le PMS ?", {"intent": "organisations", "role": None}),
    ("quels sont les publics les plus fragiles ?", {"intent": "passage"}),
    ("la DSDS pilote-t-elle le plus de fiches ?", {"intent": "list", "orgs": ["DSDS"]}),
    # "des" is no "dès" and "afin de" no "fin": a year still running, not one the fiches start or end in.
    ("parmi les fiches des MDM, lesquelles sont encore en cours en 2019 ?", {"year": 2019, "year_mode": "during"}),
    ("fiches afin de former les agents en 2019", {"year_mode": "during"}),
    ("fiches qui démarrent dès 2017", {"year": 2017, "year_mode": "start"}),
    # Where a name acts, after a first clause; an axe ruled out "en excluant"; "n'ont qu'un pilote".
    ("Dans l'axe 2, où intervient la DRTU ?", {"intent": "list", "orgs": ["DRTU"]}),
    ("les fiches où les communes sont partenaires, en excluant l'axe 3", {"axe_negated": True, "entity": ["commune"]}),
    ("Dans l'axe 3, quelles fiches n'ont qu'un pilote ?", {"count": ONE, "role": None}),
    # A name and nothing else: where the plan names it.
    ("UDCCAS", {"intent": "list", "orgs": ["UDCCAS"], "role": None, "bare": "names"}),
    ("la caisse d'allocations familiales", {"intent": "list", "orgs": ["CAF"], "bare": "names"}),
    ("le rôle de la CAF", {"bare": None}),
    ("fiche 13", {"fiche": "13", "bare": "fiches"}),
    ("fiches 13 et 56 ?", {"fiche": "13", "other_fiches": ["56"], "bare": "fiches"}),
    ("axe 2", {"intent": "list", "axe": "Axe 2 : Offrir un parcours adapté et continu à l’usager", "bare": "axe"}),
    ("Axe 4 : favoriser l'inclusion sociale et urbaine", {"intent": "list", "bare": "axe"}),
    ("les objectifs de l'axe 2", {"intent": "passage", "bare": None}),
])
def test_analysis(catalog, question: str, expected: dict) -> None:  # type: ignore[no-untyped-def]
    u = analyze(question, catalog)
    for key, value in expected.items():
        got = [o.id for o in u.organisations] if key == "orgs" else getattr(u, key)
        assert got == value, (key, got)
