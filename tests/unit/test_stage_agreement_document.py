"""The convention de stage as data: canonical hash, who signs, what is missing, the minors' hours, the
articles generated from the data, signing links and one-time codes."""
from __future__ import annotations

import time
from datetime import date

import pytest

from mps.domain.stages.agreements import codes
from mps.domain.stages.agreements import document as d
from mps.domain.stages.agreements.clauses import articles
from mps.domain.stages.agreements.hours import refusals

SECRET = "s" * 40


def host(key="a1", org="Menuiserie Dupont", siret="73282932000074", start=date(2026, 6, 15), end=date(2026, 6, 26),
         **kw) -> d.Host:
    values = dict(key=key, organisation=org, siret=siret, employer_kind="prive", offer_id=1,
                  offer_title="L'atelier", activities="Observer la découpe.", address="1 rue Nationale",
                  commune="Lille", postcode="59000", period_code="deux-semaines", starts_on=start, ends_on=end,
                  signer=d.Party(name="Paul Dupont", email="paul@dupont.fr"),
                  tutor=d.Party(name="Ana Lopes", email="ana@dupont.fr", function="Cheffe d'atelier"),
                  schedule=d.Schedule(days=("lun", "mar", "mer", "jeu", "ven"), start="09:00", end="16:30",
                                      pause_minutes=60))
    values.update(kw)
    return d.Host(**values)


def doc(hosts=None, birth=date(2010, 3, 14), **kw) -> d.Document:
    values = dict(model=d.MODEL_VERSION, reference="MPS-2026-000001", school_year=2026, niveau="seconde",
                  student=d.Student(last_name="Martin", first_name="Léa", birth_date=birth, class_label="2nde 4",
                                    email="lea@exemple.fr"),
                  guardian=d.Party(name="Marc Martin", email="marc@exemple.fr"),
                  school=d.School(uai="0590117G", name="Lycée Faidherbe", commune="Lille",
                                  head=d.Party(name="Claire Roy", email="ce.0590117g@ac-lille.fr")),
                  hosts=tuple(hosts if hosts is not None else [host()]))
    values.update(kw)
    return d.Document(**values)


def test_hash_is_canonical_and_changes_with_any_field():
    a = doc()
    again = d.from_stored(d.to_stored(a))
    assert d.document_hash(again) == d.document_hash(a)
    assert len(d.document_hash(a)) == 64
    assert b'"birth_date":"2010-03-14"' in d.canonical(a) and b" " not in d.canonical(a)[:20]
    changed = doc(hosts=[host(schedule=d.Schedule(days=("lun",), start="09:00", end="16:00", pause_minutes=60))])
    assert d.document_hash(changed) != d.document_hash(a)
    assert d.document_hash(doc(model="observation-2099-1")) != d.document_hash(a)


def test_every_host_signs_and_a_minor_has_a_legal_representative():
    two = doc(hosts=[host("a1", start=date(2026, 6, 15), end=date(2026, 6, 19)),
                     host("a2", org="Mairie de Lille", siret="21590350100017", start=date(2026, 6, 22),
                          end=date(2026, 6, 26), signer=d.Party(name="Inès Kaci", email="ines@lille.fr"))])
    roles = [(s.role, s.slot, s.email) for s in d.signers(two)]
    assert roles == [("employeur", 0, "paul@dupont.fr"), ("employeur", 1, "ines@lille.fr"),
                     ("chef", 0, "ce.0590117g@ac-lille.fr"), ("eleve", 0, "lea@exemple.fr"),
                     ("representant", 0, "marc@exemple.fr")]
    adult = doc(birth=date(2008, 1, 2))
    assert "representant" not in [s.role for s in d.signers(adult)]
    assert d.missing(two) == []
    incomplete = doc(guardian=d.Party(), hosts=[host(tutor=d.Party())])
    assert any("représentant légal" in m for m in d.missing(incomplete))
    assert any("Menuiserie Dupont" in m for m in d.missing(incomplete))


@pytest.mark.parametrize("schedule, field", [
    (d.Schedule(days=("lun", "mar", "mer", "jeu", "ven"), start="09:00", end="17:30", pause_minutes=60), "end"),
    (d.Schedule(days=("lun", "mar", "mer", "jeu", "ven", "sam"), start="09:00", end="12:00"), "days"),
    (d.Schedule(days=("lun",), start="05:30", end="10:00"), "start"),
    (d.Schedule(days=("lun",), start="14:00", end="20:30", pause_minutes=60), "end"),
    (d.Schedule(days=("lun",), start="09:00", end="15:00", pause_minutes=15), "pause_minutes"),
    (d.Schedule(days=("lun",), start="9h00", end="8:00"), "end"),
    (d.Schedule(days=("dim",), start="09:00", end="12:00"), "days"),
    (d.Schedule(days=("lun",), start="neuf", end="12:00"), "start"),
])
def test_minors_hours_are_refused_beyond_the_limits(schedule, field):
    assert field in refusals(schedule, date(2011, 3, 14), date(2026, 6, 15))  # 15 years old


def test_allowed_timetables():
    ok = d.Schedule(days=("lun", "mar", "mer", "jeu", "ven"), start="09:00", end="16:30", pause_minutes=30)
    assert refusals(ok, date(2010, 3, 14), date(2026, 6, 15)) == {}
    late = d.Schedule(days=("lun",), start="14:00", end="21:00", pause_minutes=30)
    assert refusals(late, date(2010, 3, 14), date(2026, 6, 15)) == {}  # 16 years old: night from 22 h...
    assert "end" in refusals(late, date(2011, 3, 14), date(2026, 6, 15))  # ...from 20 h before 16
    assert "end" in refusals(late, None, date(2026, 6, 15))  # age unknown: the stricter rule


def test_articles_say_the_national_rules_from_the_data():
    text = " ".join(p for a in articles(doc()) for p in (a.title, *a.paragraphs))
    for words in ("aucune tâche de production", "aucune rémunération", "responsabilité civile",
                  "à la charge de sa famille", "7 heures par jour et 35 heures par semaine", "aucun travail de nuit",
                  "Ana Lopes", "lundi 15 juin 2026", "vendredi 26 juin 2026", "Lycée Faidherbe (UAI 0590117G)",
                  "6 h 30 de présence par jour", "objectif"):
        assert words in text, words
    two = doc(hosts=[host("a1"), host("a2", org="Mairie de Lille")])
    assert "deux structures d'accueil" in " ".join(p for a in articles(two) for p in a.paragraphs)


def test_links_are_signed_single_purpose_and_expire():
    token = codes.make_link_token(SECRET, 12, "nonce")
    assert codes.read_link_token(SECRET, token) == codes.LinkClaim(12, "nonce")
    with pytest.raises(codes.LinkRefused, match="pas valide"):
        codes.read_link_token(SECRET, token[:-2] + ("A" if token[-2] != "A" else "B") + token[-1])
    with pytest.raises(codes.LinkRefused, match="pas valide"):
        codes.read_link_token("another-secret-key-of-40-characters-xxxx", token)
    from itsdangerous import URLSafeTimedSerializer
    sign_in = URLSafeTimedSerializer(SECRET, salt="magic-link").dumps({"p": "sign", "s": 12, "n": "nonce"})
    with pytest.raises(codes.LinkRefused):  # another purpose's token, even with the same fields
        codes.read_link_token(SECRET, sign_in)
    old = URLSafeTimedSerializer(SECRET, salt="stage-agreement-sign",
                                 signer_kwargs={}).dumps({"p": "sign", "s": 12, "n": "nonce"})
    time.sleep(1.1)
    from datetime import timedelta
    with pytest.raises(codes.LinkRefused, match="expiré"):
        codes.read_link_token(SECRET, old, max_age=timedelta(seconds=1) - timedelta(microseconds=1))


def test_codes_are_hashed_bound_to_the_signatory():
    code = codes.new_code()
    assert len(code) == 6 and code.isdigit()
    stored = codes.code_hash(SECRET, 7, code)
    assert code not in stored
    assert codes.code_matches(SECRET, 7, code, stored)
    assert not codes.code_matches(SECRET, 8, code, stored)
    assert not codes.code_matches(SECRET, 7, code, None)
    assert codes.normalise_code(" 123 456 ") == "123456"
    assert not codes.code_matches(SECRET, 7, "12345", stored)
