"""The general rules of the engine on a small catalogue: ONISEP links from métiers, technological séries,
reserved variants, the lift of spécialités, the relevance floor and one suggestion per diploma."""
import pytest

from mps.domain.profile.referential import load_referential
from mps.domain.profile.schemas import decode_profile
from mps.domain.suggestions.engine import suggest
from mps.domain.suggestions.explain import HARD_PATH
from mps.domain.suggestions.model import build_model
from tests.unit.suggest_catalogue import LILLE, small_catalogue

REF = load_referential()
TOWN = {"nom": "Lille", "lat": LILLE[0], "lon": LILLE[1]}
GENERAL, TECHNO, PRO = (80, 15, 5), (20, 70, 10), (10, 30, 60)


def f(fid, label, family, group, detail, kind=GENERAL, cap=30, app=False):
    return fid, label, family, group, detail, app, [(LILLE, *kind, cap)]


FORMATIONS = [
    f("veto", "Formation Bac+6", "Autre formation", "Formations des écoles vétérinaires", "Formation Bac+6", cap=20),
    f("bcpst", "CPGE - BCPST", "CPGE", "Classe préparatoire scientifique", "BCPST", cap=40),
    f("bts-aero", "BTS - Production - Aéronautique", "BTS", "BTS - Production", "Aéronautique", TECHNO),
    f("bts-cg", "BTS - Services - Comptabilité et gestion", "BTS", "BTS - Services", "Comptabilité et gestion", TECHNO, 300),
    f("bts-sam", "BTS - Services - Support à l'action managériale", "BTS", "BTS - Services",
      "Support à l'action managériale", TECHNO),
    f("bts-bio", "BTS - Production - Bioanalyses et contrôles", "BTS", "BTS - Production", "Bioanalyses et contrôles",
      TECHNO),
    f("dnmade", "DN MADE - Objet - Spécialité : Design et société", "Autre formation", "DN MADE", "Objet", TECHNO),
    f("dnmade-labo", "DN MADE - Mode - Spécialité : Laboratoire de design", "Autre formation", "DN MADE", "Mode", TECHNO),
    f("lic-chimie", "Licence - Chimie", "Licence", "Licence - Sciences - technologies - santé", "Chimie", cap=200),
    f("infocom-journ", "BUT - Information communication Parcours journalisme", "BUT", "BUT - Service",
      "Information communication Parcours journalisme"),
    f("infocom-pub", "BUT - Information communication Parcours publicité", "BUT", "BUT - Service",
      "Information communication Parcours publicité"),
    f("ect", "CPGE - ECT - Option technologique", "CPGE", "Classe préparatoire économique et commerciale",
      "ECT - Option technologique", TECHNO, 40),
    f("ect-pro", "CPGE - ECT - Option technologique - (en 3 ans, destinée aux bacs professionnels)", "CPGE",
      "Classe préparatoire économique et commerciale", "ECT - Option technologique", PRO, 15),
    f("iep", "Sciences Po / Instituts d'études politiques - Sciences Humaines et Sociales - Grade Master",
      "Autre formation", "Sciences politiques", "Sciences Po / Instituts d'études politiques", cap=15),
    f("lic-droit", "Licence - Droit", "Licence", "Licence - Droit-économie-gestion", "Droit", cap=600),
    ("inge", "École d'ingénieurs post-bac — 5 ans", "Ecole d'Ingénieur", "Formations  des écoles d'ingénieurs",
     "Formation d'ingénieur Bac + 5", False, [(LILLE, 20, 80, 0, 40, "Accès : bac STI2D"),
                                              ((50.70, 3.16), 90, 10, 0, 40, "Accès : Bac général")]),
]
METIERS = [{"id": "MET_171", "label": "vétérinaire", "domains": "agriculture, animaux/soins aux animaux"},
           {"id": "MET_850", "label": "peintre aéronautique", "domains": ""}]
STATS = [(2024, "SES,HGGSP", "Ensemble des bacheliers", 10000), (2024, "SES,HGGSP", "Licence Sciences juridiques", 3000),
         (2024, "SES,HGGSP", "Sciences po", 300),
         (2024, "Maths,PC", "Ensemble des bacheliers", 40000), (2024, "Maths,PC", "Licence Sciences juridiques", 800),
         (2024, "Maths,PC", "Sciences po", 40), (2024, "Maths,PC", "CPGE S", 8000)]


@pytest.fixture(scope="module")
def engine():
    cat = small_catalogue(FORMATIONS)
    return cat, build_model(cat, METIERS, STATS)


def run(engine, profile):
    cat, model = engine
    return suggest(model, cat, decode_profile(profile, REF, model.metiers), limit=20)


def ids(out):
    return [s.id for s in out]


def own(out):
    """The suggestions the profile's own matches made: not those a too narrow profile widened to (engine.widen)."""
    return [s.id for s in out if not any(e.type == "elargi" for e in s.explanations)]


def test_a_metier_reaches_the_formations_onisep_files_alike_whatever_their_names(engine):
    out = run(engine, {"metiers": ["MET_171"]})
    assert ids(out)[:2] == ["veto", "bcpst"] or ids(out)[:2] == ["bcpst", "veto"]
    why = " ".join(e.text for e in out[0].explanations if e.type == "metiers")
    assert "« vétérinaire »" in why and "soins aux animaux" in why


def test_a_metier_without_onisep_domains_takes_those_its_name_says(engine):
    out = run(engine, {"metiers": ["MET_850"]})
    assert ids(out)[0] == "bts-aero"
    assert "bts-bio" not in own(out)  # "contrôles" in a name is no link


def test_the_serie_alone_steers_the_list(engine):
    out = run(engine, {"bac": "STD2A"})
    assert ids(out)[0] == "dnmade" and "bts-cg" not in own(out)  # popular but unrelated: under the relevance floor


def test_a_technological_specialite_is_finer_than_its_serie(engine):
    order = ids(run(engine, {"bac": "STMG", "specialites": ["Ressources humaines et communication (RHC)"]}))
    assert order.index("bts-sam") < order.index("bts-cg")


def test_variants_reserved_to_a_bac_go_to_its_students(engine):
    assert "ect-pro" in ids(run(engine, {"bac": "P", "domaines": ["dom13"]}))
    order = ids(run(engine, {"bac": "STMG", "domaines": ["dom13"]}))
    assert "ect" in order and "ect-pro" not in order


def test_places_reserved_to_another_bac_are_shown_last(engine):
    general = next(s for s in run(engine, {"bac": "Générale", "interets": ["ci27"], "villes": [TOWN]})
                   if s.id == "inge")
    techno = next(s for s in run(engine, {"bac": "STI2D", "interets": ["ci27"], "villes": [TOWN]})
                  if s.id == "inge")
    assert general.places[0].distance_km > techno.places[0].distance_km == 0.0


def test_a_small_family_typical_of_a_pair_comes_forward(engine):
    ses = ids(run(engine, {"bac": "Générale", "specialites": ["SES", "HGGSP"]}))
    assert "iep" in ses and "lic-droit" in ses
    assert ses.index("iep") < 5


def test_names_count_for_an_interest_only_in_its_fields(engine):
    order = ids(run(engine, {"interets": ["ci19"]}))  # « Faire des expériences »
    assert "lic-chimie" in order and "dnmade-labo" not in order


def test_parcours_of_one_diploma_make_one_suggestion(engine):
    order = ids(run(engine, {"interets": ["ci6"]}))  # « Communiquer et informer »
    assert len({"infocom-journ", "infocom-pub"} & set(order)) == 1


def test_every_explanation_is_a_sentence(engine):
    for profile in ({"metiers": ["MET_171", "MET_850"]}, {"bac": "STD2A"}, {"bac": "STL", "villes": [TOWN]},
                    {"bac": "Générale", "specialites": ["SES", "HGGSP"], "moyenne": 15}):
        for s in run(engine, profile):
            for e in s.explanations:
                assert (e.text[0].isupper() or e.text[0].isdigit()) and e.text.endswith((".", "!")) and "« »" not in e.text, e.text


def test_a_bac_pro_student_gets_a_far_bts_before_a_licence_or_a_prepa_next_door():
    """Licences admit every bac pro applicant and CPGE TSI a few, but hardly any bac pro student succeeds there
    (fit.HARD_FOR_KIND): the electrotechnics BTS 830 km away comes first, the near licence and CPGE last."""
    marseille = (43.30, 5.37)
    cat = small_catalogue([
        ("lic-eea", "Licence - Electronique, énergie électrique, automatique", "Licence",
         "Licence - Sciences - technologies - santé", "Electronique, énergie électrique, automatique", False,
         [(LILLE, 60, 30, 10, 200)]),
        ("tsi", "CPGE - TSI", "CPGE", "Classe préparatoire scientifique", "TSI", False, [(LILLE, 0, 95, 5, 40)]),
        ("bts-elec", "BTS - Production - Electrotechnique", "BTS", "BTS - Production", "Electrotechnique", False,
         [(marseille, 5, 30, 65, 30)]),
    ])
    model = build_model(cat, METIERS, STATS)
    pro = suggest(model, cat, decode_profile({"bac": "P", "domaines": ["dom31"], "villes": [TOWN]}, REF, model.metiers))
    assert ids(pro)[0] == "bts-elec" and set(ids(pro)[1:]) == {"lic-eea", "tsi"}  # still shown, after it
    said = {s.id: [e.text for e in s.explanations if e.type == "bac"] for s in pro}
    assert said["lic-eea"] == said["tsi"] == [HARD_PATH["pro"]] and HARD_PATH["pro"] not in said["bts-elec"]
    general = suggest(model, cat, decode_profile({"bac": "Générale", "domaines": ["dom31"], "villes": [TOWN]}, REF,
                                                 model.metiers))
    assert ids(general)[0] == "lic-eea"  # the rule is for bac pro students only
    assert all(HARD_PATH["pro"] != e.text for s in general for e in s.explanations)


def test_two_diplomas_whose_detail_label_differs_in_case_stay_two():
    """Parcoursup writes some detail labels in lower case (« génie des équipements agricoles »): read whatever
    the case, or every such BTS made one diploma « BTS » and showed only the best of them."""
    cat = small_catalogue([
        ("gdea", "BTS - Agricole - Génie des équipements agricoles", "BTS", "BTS - Agricole",
         "génie des équipements agricoles", False, [(LILLE, 10, 30, 60, 30)]),
        ("pa", "BTS - Agricole - Productions animales", "BTS", "BTS - Agricole", "productions animales", False,
         [(LILLE, 10, 30, 60, 30)]),
        ("ms-a", "BTS - Production - Maintenance des systèmes - Option A Systèmes de production", "BTS",
         "BTS - Production", "Maintenance des systèmes - option A Systèmes de production", False,
         [(LILLE, 10, 30, 60, 30)]),
        ("ms-b", "BTS - Production - Maintenance des systèmes - Option B Systèmes énergétiques et fluidiques", "BTS",
         "BTS - Production", "Maintenance des systèmes - option B Systèmes énergétiques et fluidiques", False,
         [(LILLE, 10, 30, 60, 30)]),
    ])
    model = build_model(cat, METIERS, STATS)
    key = {r.id: int(model.diversity[i]) for i, r in enumerate(model.recs)}
    assert len({key["gdea"], key["pa"], key["ms-a"]}) == 3 and key["ms-a"] == key["ms-b"]  # options of one diploma


def _bts(fid, name, group="BTS - Services", where=LILLE):
    return fid, f"{group} - {name}", "BTS", group, name, False, [(where, 10, 30, 60, 30)]


def test_a_narrow_profile_gets_neighbouring_formations_saying_they_are_less_close():
    """One narrow domain (« Immobilier ») reached one formation: the floor widens to the neighbouring domains,
    after the student's own match, each saying why; a profile with enough matches is left as it was."""
    cat = small_catalogue([_bts("immo", "Professions immobilières"),
                           _bts("mco", "Management Commercial Opérationnel"), _bts("banque", "Banque conseiller de clientèle"),
                           _bts("cg", "Comptabilité et gestion"), _bts("sam", "Support à l'action managériale"),
                           _bts("ndrc", "Négociation et digitalisation de la Relation Client"),
                           _bts("elec", "Electrotechnique", "BTS - Production")])
    model = build_model(cat, METIERS, STATS)
    out = suggest(model, cat, decode_profile({"bac": "P", "domaines": ["dom14"], "villes": [TOWN]}, REF, model.metiers))
    assert ids(out)[0] == "immo" and len(out) >= 5 and "elec" not in ids(out)  # neighbours, not anything
    assert all(s.explanations[0].text.startswith("Moins proche de tes centres d'intérêt, mais") for s in out[1:])
    assert not any(e.type == "elargi" for e in out[0].explanations)
    assert "domaine voisin, «\u00a0Commerce - vente\u00a0»" in {s.id: s.explanations[0].text for s in out}["mco"]
    only = suggest(model, cat, decode_profile({"bac": "P", "domaines": ["dom14"], "villes": [TOWN]}, REF, model.metiers),
                   at_least=0)  # the search page's « formations that lead to this métier »: no neighbours
    assert ids(only) == ["immo"]
    wide = suggest(model, cat, decode_profile({"domaines": ["dom12", "dom13", "dom11", "dom14"]}, REF, model.metiers))
    assert not any(e.type == "elargi" for s in wide for e in s.explanations)


def test_a_named_metier_beats_a_little_distance_and_a_broad_interest():
    """« Bricoler » names every building BTS; the métier names the agricultural machinery BTS 80 km away: it
    comes first (topics.INTEREST_BESIDE_METIER, engine._distance)."""
    far = (50.63, 1.93)  # about 80 km west of Lille
    cat = small_catalogue([_bts("bat", "Bâtiment", "BTS - Production"),
                           _bts("gdea", "Génie des équipements agricoles", "BTS - Agricole", far),
                           _bts("env", "Enveloppe des bâtiments : conception et réalisation", "BTS - Production")])
    metiers = METIERS + [{"id": "MET_9324", "label": "technicien en équipements agricoles", "domains": ""}]
    model = build_model(cat, metiers, STATS)
    out = suggest(model, cat, decode_profile({"bac": "P", "interets": ["ci7"], "metiers": ["MET_9324"],
                                              "villes": [TOWN]}, REF, model.metiers))
    assert ids(out)[0] == "gdea", ids(out)
    alone = suggest(model, cat, decode_profile({"bac": "P", "interets": ["ci7"], "villes": [TOWN]}, REF, model.metiers))
    assert ids(alone)[0] != "gdea"  # without the métier, the nearer building BTS come first


def test_a_name_that_starts_with_its_kind_of_diploma_is_cut_after_the_name():
    """« FCIL - X » and « FCIL - Y » are two diplomas, as are two licences professionnelles or two CPES: the kind
    (the group's name, or its initials) is not the diploma. Parcours and options of one diploma still share it."""
    def autre(fid, label, group, detail):
        return fid, label, "Autre formation", group, detail, False, [(LILLE, 10, 30, 60, 30)]
    cat = small_catalogue([
        autre("fcil-soud", "FCIL - Soudeur/monteur au plan", "FCIL", "FCIL"),
        autre("fcil-ct", "FCIL - Contrôle Technique", "FCIL", "FCIL"),
        autre("lp-tour", "Licence professionnelle - Métiers du Tourisme et des loisirs", "LP - Sciences Humaines et Sociales",
              "Licence professionnelle"),
        autre("lp-info", "Licence professionnelle - Métiers de l'informatique : Applications web", "LP - Sciences - technologies - santé",
              "Licence professionnelle"),
        autre("lp-info-dist", "Licence professionnelle - Métiers de l'informatique : Applications web - Entièrement en distanciel",
              "LP - Sciences - technologies - santé", "Licence professionnelle"),
        autre("cpes-sci", "Cycle pluridisciplinaire d'Études Supérieures - Sciences", "CPES",
              "Cycle pluridisciplinaire d'Études Supérieures - Sciences"),
        autre("cpes-hum", "Cycle pluridisciplinaire d'Études Supérieures - Humanités", "CPES",
              "Cycle pluridisciplinaire d'Études Supérieures - Humanités"),
        autre("bpjeps-golf", "BPJEPS - Spécialité Educateur sportif - Mention Golf", "BPJEPS",
              "Spécialité Educateur sportif - Mention Golf"),
        autre("bpjeps-judo", "BPJEPS - Spécialité Educateur sportif - Mention Judo-Jujitsu", "BPJEPS",
              "Spécialité Educateur sportif - Mention Judo-Jujitsu"),
    ])
    model = build_model(cat, METIERS, STATS)
    key = {r.id: int(model.diversity[i]) for i, r in enumerate(model.recs)}
    assert key["fcil-soud"] != key["fcil-ct"] and key["lp-tour"] != key["lp-info"] and key["cpes-sci"] != key["cpes-hum"]
    assert key["lp-info"] == key["lp-info-dist"] and key["bpjeps-golf"] == key["bpjeps-judo"]


def test_an_unknown_share_of_admits_is_said_unknown_and_not_ranked_as_almost_none():
    """No place publishes the share of admits from the student's bac kind: that is unknown, not « under 1 % »
    (fit.ALMOST_NONE, which puts a formation last): it comes before one that truly admits almost none, and its
    card says the figure is unknown."""
    cat = small_catalogue([
        _bts("unknown", "Electrotechnique", "BTS - Production") [:-1] + ([(LILLE, None, None, None, 30)],),
        _bts("few", "Maintenance des systèmes", "BTS - Production")[:-1] + ([(LILLE, 90, 9.5, 0.5, 30)],),
    ])
    model = build_model(cat, METIERS, STATS)
    out = suggest(model, cat, decode_profile({"bac": "P", "domaines": ["dom31", "dom34"], "villes": [TOWN]}, REF,
                                             model.metiers))
    assert ids(out) == ["unknown", "few"]
    said = {s.id: [e.text for e in s.explanations if e.type == "bac"] for s in out}
    assert said["unknown"] == ["La part des admis venant d'un bac professionnel est inconnue : aucun chiffre n'est "
                               "publié pour ses lieux."]
    assert not any("inconnue" in t for t in said["few"])


def test_teaching_alone_widens_to_social_work_before_the_usual_next_steps():
    """« Enseignement » is alone in its referential group: a bac pro student who chose it (the domain, or the
    interest « Enseigner »), whose own match (a licence) is a hard path, widens first to its neighbouring field
    (rules.NEIGHBOUR_DOMAINS: social and educational work, where they can go straight from the lycée) and not to
    the bac's usual next steps (a big commerce BTS)."""
    def efts(fid, label, cap=20):
        return fid, label, "EFTS", "EFTS", label, False, [(LILLE, 40, 30, 30, cap)]
    social = {"eje", "es", "ets", "ass"}
    cat = small_catalogue([
        ("sde", "Licence - Sciences de l'éducation", "Licence", "Licence - Sciences humaines et sociales",
         "Sciences de l'éducation", False, [(LILLE, 80, 15, 5, 200)]),
        efts("eje", "D.E Educateur de Jeunes Enfants"), efts("es", "D.E Educateur Spécialisé"),
        efts("ets", "D.E Educateur Technique Spécialisé"), efts("ass", "D.E Assistant de Service Social"),
        _bts("mco", "Management Commercial Opérationnel")[:-1] + ([(LILLE, 10, 30, 60, 300)],),
    ])
    model = build_model(cat, METIERS, STATS)
    for asked in ({"domaines": ["dom17"]}, {"interets": ["ci2"]}):
        out = suggest(model, cat, decode_profile({"bac": "P", "villes": [TOWN], **asked}, REF, model.metiers))
        assert set(ids(out)[:4]) == social and "mco" not in ids(out), (asked, ids(out))
        why = {s.id: s.explanations[0].text for s in out}
        assert "domaine voisin, «\u00a0Social\u00a0»" in why["eje"], asked
    general = suggest(model, cat, decode_profile({"bac": "Générale", "interets": ["ci2"]}, REF, model.metiers))
    assert ids(general)[0] == "sde"  # the neighbours never outrank an own match that fits the bac
