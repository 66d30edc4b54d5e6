"""Students' words find the right formation, in the right town (full shipped catalogue).

The relevance table (tests/data/search_relevance.csv, measured by bench/search_relevance.py) has
floors here, for its tuning part and for its held-out part; the rules behind it are tested in general
below (every BUT/BTS speciality by its abbreviation), not only on the table's examples.
"""
import csv
from collections import Counter
from pathlib import Path

import pytest

from mps.domain.catalogue.query_reading import OVERSEAS
from mps.domain.catalogue.search import SearchParams
from mps.domain.catalogue.matches import ALL
from mps.domain.catalogue.vocabulary import JOB_WORDS, OPTION_WORDS, PLACE_NAMES, STOP_WORDS, acronyms
from mps.lib.text import fold
from tests.integration.catalogue.relevance import evaluate

# Floors a little under today's figures (tune 0.99 / 0.99 / 0.99, held out 0.98 / 1.00 / 0.99, phone-typed held
# out 0.98 / 1.00 / 0.99: it was 0.71 / 0.79 / 0.75 before the rules it was written to test; the one written after
# them, 1.00 / 1.00 / 1.00; holdout4, parents' sentences, diploma levels, domains, English words, 0.89 / 0.96 / 0.93,
# 0.66 / 0.77 / 0.72 before the filter words, filler words, sounds and phrase forms; 0.96 / 1.00 / 0.98 after the
# bacs' continuations; holdout5, students' words, 0.69 / 0.80 / 0.74, 0.60 / 0.69 / 0.65 before them; tune2, the
# misses of issue 10 and their kind, 0.97 / 1.00 / 0.99, 0.35 / 0.62 / 0.48 before; holdout5 0.72 / 0.81 / 0.77 and
# holdout6 (students' abbreviations, old names, job intents, towns, SMS, plural and feminine forms) 0.88 / 0.94 / 0.91
# after the phone-spelling filler words, « prof de … », job names read as their field (-iste, -cien), 0.85 / 0.91 / 0.88
# before; tune3, the queries that work was tuned on, 0.94 / 0.94 / 0.94). holdout7 (phone-typed speciality + town,
# languages, typos, English, very short queries, questions, CAP / apprenticeship, overseas towns) 0.88 / 0.94 / 0.91
# when written, 0.97 / 1.00 / 0.98 after the languages' option words, a typo's correction read as the word typed right
# and new dictionary words (tuned on it: holdout8, written after, is the untouched measure); with them holdout5
# 0.74 / 0.83 / 0.79, holdout6 0.89 / 0.95 / 0.92, tune3 0.98 / 0.98 / 0.98. holdout9 (ONISEP métier names, never tuned
# on) 0.21 / 0.25 / 0.24 before the métier links (catalogue/metiers.py), tune9 0.09 / 0.15 / 0.12; after, 0.44 / 0.60 / 0.54 and 0.35 / 0.48 / 0.44.
# With the links ranked by the job's words and the usual route (bench/metier_links.py): holdout9 0.50 / 0.73 / 0.62,
# tune9 0.35 / 0.61 / 0.51; holdout10 (students' métier queries, never tuned on) 0.54 / 0.67 / 0.59 before, 0.54 / 0.69
# / 0.60 after; tune10 (the known failures among them) 0.40 / 0.70 / 0.55 before, 0.43 / 0.73 / 0.60 after.
FLOORS = {"tune": (0.92, 0.97, 0.94), "holdout": (0.85, 0.92, 0.88), "holdout2": (0.92, 0.95, 0.94),
          "holdout3": (0.93, 0.93, 0.95), "holdout4": (0.90, 0.95, 0.92), "holdout5": (0.70, 0.79, 0.75),
          "tune2": (0.90, 0.95, 0.94), "holdout6": (0.84, 0.90, 0.87),
          "tune3": (0.92, 0.92, 0.92), "holdout7": (0.92, 0.95, 0.94),
          # tune4 (h4, 2 Dec): dotted abbreviations, old BTS/DUT names, second-year prépa names, « école de X », job
          # names' feminine and field forms; 0.69 / 0.71 / 0.70 when written, 0.93 / 0.96 after the rules tuned on it.
          "tune4": (0.90, 0.93, 0.92),
          "holdout9": (0.48, 0.70, 0.60), "tune9": (0.33, 0.58, 0.48),
          # holdout11 (h6, 2 Dec: every family, towns, département numbers and names, regions, SMS, English, questions,
          # very short, « en ligne », « public »; never tuned on) 0.95 / 0.96 / 0.96 when written, 0.96 / 0.96 / 0.97
          # after the place names and département numbers; tune11, its kinds, 0.77 / 0.77 / 0.79 -> 0.93 / 0.93 / 0.93.
          "holdout11": (0.93, 0.94, 0.94), "tune11": (0.90, 0.90, 0.90),
          "holdout10": (0.50, 0.64, 0.56), "tune10": (0.40, 0.70, 0.57),
          # holdout12 (h4, 3 Dec: universities by number, schools, overseas, abroad, two towns, métiers' forms, SMS;
          # written and measured before its rules, never tuned on) 0.60 / 0.67 / 0.65 -> 0.81 / 0.87 / 0.85 after the
          # rules tuned on tune12 (universities' numbers, « outre-mer », two towns, a label's word before a
          # département's name, a job's name without the schools named after its town, « eps »).
          "holdout12": (0.78, 0.84, 0.82), "tune12": (0.84, 0.87, 0.86),
          # holdout13 (h2, 3 Dec: a school type and a town, public / privé, académies and old regions, intentions,
          # double licences, universities and schools by name, a métier and a town, SMS; written from the catalogue
          # and measured once before its rules, never tuned on) 0.78 / 0.87 / 0.83 -> 0.84 / 0.91 / 0.88 after the rules
          # tuned on tune13 (0.58 / 0.64 / 0.62 -> 0.92 / 0.94 / 0.94): « lycée » a kind of school, « prof eps », an
          # elided « d' » typed without its apostrophe, an académie named after two towns, « a l » not joined, schools'
          # names in words.csv; holdout12 0.82 / 0.88 / 0.86 -> 0.86 / 0.93 / 0.90, tune12 0.90 / 0.94 / 0.92 -> 0.97 /
          # 1.00 / 0.98 (its « professeure eps lyon » and « licence info lyon 1 » expected places that do not exist).
          "holdout13": (0.81, 0.88, 0.85), "tune13": (0.89, 0.91, 0.91)}

# query -> (expected formation label among the first 3 results, expected town of its nearest place or None)
RELEVANCE = [
    ("bts compta lille", "BTS - Services - Comptabilité et gestion", "Lille"),
    ("BTS comptabilité Lille", "BTS - Services - Comptabilité et gestion", "Lille"),
    ("fac droit paris", "Licence - Droit", "Paris"),
    ("licence psycho lyon", "Licence - Psychologie", None),
    ("infirmier", "D.E Infirmier", None),
    ("infirmiere bordeaux", "D.E Infirmier", "Bordeaux"),
    ("cpge mpsi", "CPGE - MPSI", None),
    ("prepa mpsi toulouse", "CPGE - MPSI", "Toulouse"),
    ("but info", "BUT - Informatique", None),
    ("BUT informatique nantes", "BUT - Informatique", "Nantes"),
    ("psycologie", "Licence - Psychologie", None),          # typo
    ("informatiqe", "BUT - Informatique", None),                     # typo
    ("bts mco", "BTS - Services - Management Commercial Opérationnel", None),
    ("staps rennes", "Licence - Sciences et Techniques des Activités Physiques et Sportives", "Rennes"),
    ("medecine marseille", "Licence - Parcours d'Accès Spécifique Santé (PASS)", "Marseille"),
    ("prépa ECG", "CPGE - ECG", None),
    ("bts sio", "BTS - Services - Services informatiques aux organisations", None),
]


@pytest.fixture(scope="module")
def catalogue(app_client):
    return app_client.app.state.catalogue.current


@pytest.mark.parametrize("query, label, town", RELEVANCE)
def test_query_finds_expected_formation(catalogue, query, label, town):
    result = catalogue.search.search(SearchParams(q=query))
    top = [catalogue.formations[h.formation_id] for h in result.hits[:3]]
    labels = [f.label for f in top]
    assert any(l.startswith(label) for l in labels), f"{query!r} -> {labels}"
    if town:
        hit = next(h for h in result.hits[:3] if catalogue.formations[h.formation_id].label.startswith(label))
        nearest = catalogue.places[hit.places[0][0]]
        assert nearest.commune.startswith(town), f"{query!r} nearest place in {nearest.commune}"
        assert hit.places[0][1] < 15


def test_accents_and_case_do_not_matter(catalogue):
    a = catalogue.search.search(SearchParams(q="Écoles d'INGÉNIEURS"))
    b = catalogue.search.search(SearchParams(q="ecoles d ingenieurs"))
    assert [h.formation_id for h in a.hits] == [h.formation_id for h in b.hits] and a.hits


def test_town_orders_places_by_distance(catalogue):
    result = catalogue.search.search(SearchParams(q="bts compta lille"))
    distances = [d for c, d in result.hits[0].places if not catalogue.places[c].remote]  # remote: no km, last
    assert distances == sorted(distances) and distances[0] < 2
    assert result.town.name == "Lille"


def test_department_word_filters_places(catalogue):
    result = catalogue.search.search(SearchParams(q="bts nord"))
    assert result.hits
    assert all(catalogue.places[c].departement_code == "59" for h in result.hits for c, _ in h.places)


def test_a_departement_number_filters_places(catalogue):
    """« bts 69 », « prepa 2a », « licence 974 »: every département code with places, read as that département."""
    codes = sorted({p.departement_code for p in catalogue.places.values()})
    misread = [c for c in codes if catalogue.search.search(SearchParams(q=f"licence {c}")).place_filter
               != f"département {c}"]
    assert len(codes) > 90 and not misread, misread
    result = catalogue.search.search(SearchParams(q="bts compta 13"))
    assert result.hits[0].formation_id == "bts-services-comptabilite-et-gestion" and not result.partial
    assert all(catalogue.places[c].departement_code == "13" for h in result.hits for c, _ in h.places)


@pytest.mark.parametrize("query, words, place_filter", [
    ("bts mco toulouse 31", ["bts", "mco"], "Toulouse (31)"), ("licence valence 26", ["licence"], "Valence (26)"),
    ("bts saint denis 93", ["bts"], "département 93"),  # the best known Saint-Denis is the 974 one: the département
    ("bts nord 59", ["bts", "nord"], "département 59"),
])
def test_a_town_and_its_departement_number_are_the_town(catalogue, query, words, place_filter):
    result = catalogue.search.search(SearchParams(q=query))
    assert (result.words, result.place_filter) == (words, place_filter) and result.hits


@pytest.mark.parametrize("query, words, town", [
    ("bts lyon en alternance", ["bts"], "Lyon"), ("licence de psycho a lyon svp", ["licence", "psycho"], "Lyon"),
    ("bts le mans en", ["bts"], "Le Mans"),  # stop words count in a town's name, and after it
    ("bts a cote de lille", ["bts"], "Lille"), ("bts pas loin de nantes", ["bts"], "Nantes"),
])
def test_stop_words_after_a_town_leave_it_a_town(catalogue, query, words, town):
    result = catalogue.search.search(SearchParams(q=query))
    assert result.words == words and result.town is not None and result.town.name == town, (result.words, result.town)


@pytest.mark.parametrize("query, expected", [
    ("spe nsi", "licence-informatique"), ("hlp", "licence-philosophie"), ("maths expertes", "licence-mathematiques"),
    ("chemistry", "licence-chimie"), ("law degree", "licence-droit"), ("accounting", "bts-services-comptabilite"),
    ("l2 droit", "licence-droit"), ("l3 info", "licence-informatique"),
])
def test_lycee_specialities_and_english_subjects_name_their_field(catalogue, query, expected):
    hits = catalogue.search.search(SearchParams(q=query)).hits
    assert hits and hits[0].formation_id.startswith(expected), [h.formation_id for h in hits[:3]]


@pytest.mark.parametrize("query, words, town", [
    ("bts bordeau", ["bts"], "Bordeaux"), ("licence marseile", ["licence"], "Marseille"),
    ("iut grenobl", ["iut"], "Grenoble"), ("prepa versaille", ["prepa"], "Versailles"),
])
def test_a_misspelt_town_is_the_town(catalogue, query, words, town):
    """A last word one slip from a town with places, naming no formation itself (only a school's name), is that town."""
    result = catalogue.search.search(SearchParams(q=query))
    assert result.words == words and result.town is not None and result.town.name == town, (result.words, result.town)


@pytest.mark.parametrize("query", ["bts informatiqe", "psycologie", "licence anglai", "bts vente",
                                   "licence bordeaux montaigne",  # a school's word, one slip from Montagne (33)
                                   "bts parcs"])  # a job's word (« agent des parcs »), one slip from Paris
def test_a_misspelt_formation_word_or_a_school_word_stays_a_word(catalogue, query):
    result = catalogue.search.search(SearchParams(q=query))
    assert result.town is None and result.hits


def test_a_price_is_not_the_cher(catalogue):
    """« bts pas cher » once read the Cher (18) with « pas » left as a word: no result at all."""
    result = catalogue.search.search(SearchParams(q="bts pas cher"))
    assert result.place_filter is None and result.words == ["bts"] and result.hits
    assert catalogue.search.search(SearchParams(q="licence cher")).place_filter == "département 18"


def test_students_names_of_regions_filter_places(catalogue):
    """data/place_names.csv: « paca », « idf », a region before 2016 (« rhone alpes », « alsace ») is the catalogue's
    region or académie; every row names one, so a renamed one is noticed."""
    regions = {p.region for p in catalogue.places.values()} | {p.academie for p in catalogue.places.values()}
    regions.add(OVERSEAS)  # « dom tom », « outremer »: every overseas place (test_search_student_places.py)
    for name, place in PLACE_NAMES.items():
        assert place in regions, (name, place)
        # a name that finds formations by their own label is a word first (« ara » was the Arabic diploma's prefix)
        assert " " in name or not any(p is ALL for _, p in catalogue.search.words.token(name).values()), name
        result = catalogue.search.search(SearchParams(q=f"bts {name}"))
        assert result.place_filter == place and result.words == ["bts"], (name, result.place_filter, result.words)
    result = catalogue.search.search(SearchParams(q="licence nord pas de calais"))  # not the Pas-de-Calais
    assert result.place_filter == "Hauts-de-France" and result.hits


@pytest.mark.parametrize("query, words", [
    ("c koi le but", ["but"]), ("cest quoi staps", ["staps"]), ("cmt devenir infirmier", ["infirmier"]),
    ("nurse school", ["nurse"]),  # the English « school » is an idle « école » too
])
def test_sms_questions_keep_the_words_that_name_formations(catalogue, query, words):
    result = catalogue.search.search(SearchParams(q=query))
    assert result.words == words and result.hits and not result.partial


def test_online_means_the_places_taught_at_a_distance(catalogue):
    result = catalogue.search.search(SearchParams(q="licence en ligne"))
    places = [catalogue.places[c] for h in result.hits for c, _ in h.places]
    assert not result.partial and len(places) > 10 and sum(p.remote for p in places) >= 0.9 * len(places)


def test_unknown_words_give_no_result_rather_than_noise(catalogue):
    assert catalogue.search.search(SearchParams(q="zzzqqqxx")).hits == []


@pytest.mark.parametrize("part", sorted(FLOORS))
def test_relevance_table_floors(catalogue, part):
    scores = evaluate(catalogue, part)
    hit1, hit3, mrr = FLOORS[part]
    assert scores.n >= (60 if part == "tune" else 30)
    assert scores.hit1 >= hit1 and scores.hit3 >= hit3 and scores.mrr >= mrr, scores.misses


@pytest.mark.parametrize("family", ["BUT", "BTS"])
def test_every_speciality_is_found_by_its_abbreviation(catalogue, family):
    """"but gea", "bts cg"...: derived from the names, so next year's new specialities are found too."""
    named = [(a, f) for f in catalogue.formations.values() if f.family == family
             for a in acronyms(f.detail_label) if a not in STOP_WORDS]  # "en" reads as a word
    counts = Counter(a for a, _ in named)
    missed = []
    for acronym, f in named:
        if counts[acronym] > 1:
            continue  # options of one speciality share it (BTS MS option A/B/C): any of them is right
        top = catalogue.search.search(SearchParams(q=f"{family} {acronym}")).hits[:1]
        if not top or top[0].formation_id != f.id:
            missed.append((acronym, f.label))
    assert len(named) > 20 and not missed, missed


USUAL = Path(__file__).resolve().parents[2] / "data" / "speciality_abbreviations.csv"


def test_every_speciality_is_found_by_its_usual_abbreviation(catalogue):
    """The abbreviations students use for BUT and BTS specialities (tests/data/speciality_abbreviations.csv, written
    from usage, old names included: « but glt », « bts ava », « bts masen »), each found first with its diploma's
    name (and a BUT's with « dut »). Every BUT and BTS of the shipped catalogue must be listed, even with none, so a
    new speciality is looked at. Specialities split by option or parcours share theirs: any of them is right."""
    with USUAL.open(encoding="utf-8") as fh:
        usual = {r["id"]: [a for a in r["abbreviations"].split("|") if a] for r in csv.DictReader(fh, delimiter=";")}
    shipped = {fid for fid, f in catalogue.formations.items() if f.family in ("BUT", "BTS")}
    assert shipped <= set(usual), sorted(shipped - set(usual))[:5]
    by_abbreviation: dict[tuple[str, str], set[str]] = {}
    for fid, names in usual.items():
        for a in names:
            by_abbreviation.setdefault((fid.split("-")[0], a), set()).add(fid)
    missed = []
    for (family, a), fids in by_abbreviation.items():
        for diploma in [family] + ["dut"] * (family == "but"):
            top = catalogue.search.search(SearchParams(q=f"{diploma} {a}")).hits[:1]
            if not top or top[0].formation_id not in fids:
                missed.append((f"{diploma} {a}", top and top[0].formation_id))
    assert len(by_abbreviation) > 100 and not missed, missed


@pytest.mark.parametrize("query, expected", [
    ("école d'orthophonie", "certificat-de-capacite-d-orthophoniste"), ("école de journalisme", "but-information-"),
    ("ecole de podologie", "d-e-pedicure-podologue"), ("école d'ergothérapie", "d-e-ergotherapeute"),
    ("école de psychomotricité lyon", "d-e-psychomotricien"), ("école d'infirmières", "d-e-infirmier"),
    ("école de commerce", "ecole-de-commerce"), ("école d'ingénieurs", "ecole-d-ingenieurs-post-bac"),
    ("ecole de cuisine", "bachelor-d-ecole-superieure-de-cuisine"),
])
def test_a_school_of_something_is_the_formation_for_it(catalogue, query, expected):
    """Students call any training « école de X »: « école » is left out when no formation named a school (label or
    type) has X, and kept when one has (« école de commerce »)."""
    hits = catalogue.search.search(SearchParams(q=query)).hits
    assert hits and hits[0].formation_id.startswith(expected), [h.formation_id for h in hits[:3]]


def test_a_job_word_is_a_word_not_a_village(catalogue):
    """« pilote de ligne » is not Ligné (16): a town without formations whose name is a word of a job's name
    (catalogue/data/job_words.txt) is read as a word; tried on every such town. A town with formations stays a
    town whatever its name (Mâcon), and so does a village whose name is no job's word (Megève)."""
    search = catalogue.search
    villages = [w for w in JOB_WORDS if catalogue.geocoder.has(w) and w not in search.reading.place_towns
                and not search.words.knows(w)]
    assert len(villages) >= 10  # ligne, rang, piano, son, luxe…
    read_as_town = [w for w in villages if search.search(SearchParams(q=f"bts {w}")).town is not None]
    assert not read_as_town, read_as_town
    assert search.search(SearchParams(q="pilote de ligne")).town is None
    assert search.search(SearchParams(q="bts macon")).town.name == "Mâcon"
    for village in ("megeve", "lacanau", "quiberon"):
        assert search.search(SearchParams(q=f"bts compta {village}")).town is not None, village


@pytest.mark.parametrize("query, expected", [
    ("avocates", "licence-droit"),  # the dictionary's « avocat », through the word's other forms
    ("coiffeuse", "bts-services-metiers-de-la-coiffure"),
    ("psycologue", "licence-psychologie"),  # a typo in the field's name the job's name stands for
    ("ecole d archi", "architecture"),
    ("jveux etre infirmiere", "d-e-infirmier"),  # phone spelling of the sentence's words: filler words too
    ("kel bts pr etre comptable", "bts-services-comptabilite-et-gestion"),
    ("devenir prof de maths", "licence-mathematiques"),  # « prof de »: the subject names the licence
    ("professeure d'histoire", "licence-histoire"),
    ("devenir chimiste", "licence-chimie"),  # a job's name read as its field (-iste -> -ie, -cien -> -cie)
    ("immobillier", "bts-services-professions-immobilieres"),  # a typo's correction found as the word typed right:
    ("orthophonnie", "certificat-de-capacite-d-orthophoniste"),  # by prefix and other forms too
    ("sciense po", "sciences-po-instituts-d-etudes-politiques-sciences-humaines-et-sociales-grade-master"),
    ("bts mch", "bts-production-metiers-de-la-chimie"),
])
def test_other_forms_and_typos_reach_the_dictionary(catalogue, query, expected):
    hits = catalogue.search.search(SearchParams(q=query)).hits
    assert hits and hits[0].formation_id == expected, [h.formation_id for h in hits[:3]]


@pytest.mark.parametrize("query", ["aviation", "avions", "pilote de ligne", "pilote d'avion", "aérienne"])
def test_planes_are_the_aeronautics_formations(catalogue, query):
    """No formation is named after planes or pilots (an airline pilot's school is not on Parcoursup): the words
    students use for them mean the aeronautics BTS and mentions complémentaires (words.csv), not « Pilotage des
    procédés » nor whatever shares a word's first letters."""
    hits = catalogue.search.search(SearchParams(q=query)).hits
    labels = [catalogue.formations[h.formation_id].label for h in hits[:3]]
    assert labels and all("aeronautique" in fold(label) for label in labels), labels


@pytest.mark.parametrize("query, expected", [
    ("plombier", "bts-production-fluide-energie-domotique"),  # a trade named by nothing in the catalogue: its BTS
    ("chauffagiste", "bts-production-fluide-energie-domotique"),
    ("électricienne", "bts-production-electrotechnique"),
    ("charpentier", "bts-production-"),  # the wood BTS (« bois »), not a lycée named so
    ("btsa", "bts-agricole-"),
    ("data", "but-science-des-donnees"),
    ("fleuriste", "bts-agricole-metiers-du-vegetal"),
    ("sommelière", "mention-complementaire-sommellerie"),
    ("viticulteur", "bts-agricole-viticulture"),
    ("éleveuse", "bts-agricole-productions-animales"),
    ("pêcheur", "bts-maritime-peche"),
    ("traductrice", "licence-langues-etrangeres-appliquees"),
    ("maître nageur", "bpjeps-"),
    ("assistante maternelle", "d-e-educateur-de-jeunes-enfants"),
    ("banquier", "bts-services-banque"),
    ("infographiste", "dn-made-graphisme"),
])
def test_trade_words_reach_their_formations(catalogue, query, expected):
    hits = catalogue.search.search(SearchParams(q=query)).hits
    assert hits and hits[0].formation_id.startswith(expected), [h.formation_id for h in hits[:3]]


def test_a_baker_is_not_a_lycee_named_boulanger(catalogue):
    """« boulanger » is also a word of a lycée's name (whose BTS is transport): the trade's meaning (words.csv)
    comes first, so the food formations lead and the lycée's BTS is not among the first five."""
    for query in ("boulanger", "boulangerie", "devenir boulanger"):
        ids = [h.formation_id for h in catalogue.search.search(SearchParams(q=query)).hits[:5]]
        assert "bts-services-management-en-hotellerie-restauration" in ids, (query, ids)
        assert not any("transports" in i for i in ids), (query, ids)


def test_a_typo_finds_schools_by_its_correction_only(catalogue):
    """« dauphne » is Dauphine's degrees: the corrected word's other forms (« dauphin ») name no school."""
    hits = catalogue.search.search(SearchParams(q="dauphne")).hits
    assert hits and all(h.formation_id.startswith("formation-valant-grade-de-licence") for h in hits[:3])


@pytest.mark.parametrize("language", sorted(OPTION_WORDS))
def test_a_language_is_llcer_or_lea_where_it_is_taught(catalogue, language):
    """« licence italien »: LLCER and LEA both first (words.csv, kind « option »), at the places whose options
    name the language, and not a double licence that names it."""
    llcer, lea = ("licence-langues-litteratures-et-civilisations-etrangeres-et-regionales",
                  "licence-langues-etrangeres-appliquees")
    hits = catalogue.search.search(SearchParams(q=f"licence {language}")).hits
    assert {h.formation_id for h in hits[:2]} == {llcer, lea}, [h.formation_id for h in hits[:3]]
    for hit in hits[:2]:
        all_places = catalogue.formations[hit.formation_id].places
        assert 0 < len(hit.places) < len(all_places)
        assert all(language[:4] in fold(catalogue.places[c].option) for c, _ in hit.places), language


@pytest.mark.parametrize("query", ["bts en alternance", "but en apprentissage"])
def test_in_apprenticeship_the_formations_with_most_such_places_come_first(catalogue, query):
    """With the apprenticeship filter, a formation weighs by its places in apprenticeship, not by all its places
    (« bts en alternance »: not the BTS Électrotechnique, 3 such places of 170)."""
    family = query.split()[0].upper()
    counts = sorted((sum(p.apprenticeship for p in f.places) for f in catalogue.formations.values()
                     if f.family == family), reverse=True)
    result = catalogue.search.search(SearchParams(q=query))
    assert result.apprenticeship is True
    first = catalogue.formations[result.hits[0].formation_id]
    assert sum(p.apprenticeship for p in first.places) >= counts[4], first.label  # among the five with most
