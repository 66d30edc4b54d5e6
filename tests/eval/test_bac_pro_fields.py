"""The table of bac pro fields (data/suggestions/bac_pro.json) against what it names: a field that points to no
formation, to a domain or an ONISEP sous-domaine that does not exist, steers nothing and says nothing is wrong."""
from mps.domain.profile.referential import load_referential
from mps.domain.profile.schemas import decode_profile
from mps.domain.suggestions.bac_pro import FIELD_SOUS_DOMAINE, FIELD_VOIE, load_fields
from mps.domain.suggestions.engine import suggest


def test_every_field_names_real_domains_sous_domaines_and_formations(engine_on_full_catalogue):
    _, model = engine_on_full_catalogue
    ref, t = load_referential(), model.topics
    fields = load_fields()
    assert len(fields) >= 25 and {f.bac for f in fields.values()} == {"P", "PA"}
    for name, f in fields.items():
        assert name in ref.specialite_names(f.bac), name
        assert set(f.domains) <= set(ref.domains), name
        assert set(f.sous_domaines) <= set(t.sd_index), (name, set(f.sous_domaines) - set(t.sd_index))
        assert t.bac_pro[name].voie.any(), f"{name}: no formation continues it"
        assert (t.bac_pro[name].weights[t.bac_pro[name].voie] == FIELD_VOIE).all()


def test_each_field_alone_opens_the_list_on_a_formation_that_continues_it(engine_on_full_catalogue):
    cat, model = engine_on_full_catalogue
    ref = load_referential()
    for name, f in load_fields().items():
        first = suggest(model, cat, decode_profile({"bac": f.bac, "specialites": [name]}, ref, model.metiers), limit=3)
        assert any(model.topics.bac_pro[name].voie[model.index[s.id]] for s in first), (name, [s.id for s in first])


def test_every_formation_a_field_names_exists(engine_on_full_catalogue):
    """Each of a field's voies (one per formation it names) finds a formation: after a catalogue rename, fix it."""
    import re
    cat, _ = engine_on_full_catalogue
    texts = [f"{f.family} | {f.group_label} | {f.label}" for f in cat.formations.values()]
    dead = [(name, voie) for name, f in load_fields().items() for voie in f.voie_texts
            if not any(re.search(voie, t, re.I) for t in texts)]
    assert dead == []


def test_the_card_says_how_the_formation_follows_the_field(engine_on_full_catalogue):
    """« prolonge » for a formation designed to continue it, « même secteur » for one ONISEP files in its sector,
    « mène au domaine » (named) for one that only shares a domain with it."""
    cat, model = engine_on_full_catalogue
    ref = load_referential()
    seen = set()
    for name, f in load_fields().items():
        vec = model.topics.bac_pro[name]
        for s in suggest(model, cat, decode_profile({"bac": f.bac, "specialites": [name]}, ref, model.metiers), limit=20):
            i = model.index[s.id]
            said = [e.text for e in s.explanations if f"ton bac pro « {name} »" in e.text]
            if not said:
                continue
            if vec.voie[i]:
                kind = "prolonge"
            elif vec.weights[i] >= FIELD_SOUS_DOMAINE:
                kind = "du même secteur"
            else:
                kind = "mène au domaine « " + next(ref.domains[d] for d in f.domains if d in model.topics.domains[i])
            assert kind in said[0], (name, s.id, said)
            seen.add(kind.split(" « ")[0])
    assert seen == {"prolonge", "du même secteur", "mène au domaine"}
