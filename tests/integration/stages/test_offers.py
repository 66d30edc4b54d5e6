"""An offer's life on SQLite and PostgreSQL: organisation (SIRET), draft, moderation, publication,
edits, duplicate for next year, close; validation that names the field."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from mps.db.models import StageOffer, StageOfferPeriod, StageReport
from mps.domain.stages import service
from mps.domain.stages.schemas import OrganisationIn
from mps.lib.errors import FieldError
from tests.integration.stages.helpers import LILLE, SIRETS, YEAR, employer_org, new_person, offer_in, run


def test_new_organisation_waits_for_moderation_then_is_trusted(empty_db, board, geocoder):
    async def work(db):
        person, org = await employer_org(db)
        offer = await service.save_offer(db, board, geocoder, org, offer_in())
        assert offer.status == "draft"
        assert await service.submit_offer(db, board, org, offer) == "pending"
        assert [o.id for o, _ in await service.pending_offers(db)] == [offer.id]
        await service.moderate(db, board, offer, "publier", "")
        assert offer.status == "published" and org.verified and offer.published_at is not None
        assert offer.open_to_all_at >= offer.published_at
        # The organisation is now trusted: its next offer is published at once.
        second = await service.save_offer(db, board, geocoder, org, offer_in(title="Une autre semaine à l'atelier"))
        assert await service.submit_offer(db, board, org, second) == "published"
        assert await service.pending_offers(db) == []
    run(empty_db, work)


def test_refusal_needs_a_reason_and_the_employer_can_fix_and_resend(empty_db, board, geocoder):
    async def work(db):
        _, org = await employer_org(db)
        offer = await service.save_offer(db, board, geocoder, org, offer_in())
        await service.submit_offer(db, board, org, offer)
        with pytest.raises(FieldError) as e:
            await service.moderate(db, board, offer, "refuser", "  ")
        assert e.value.field == "reason"
        await service.moderate(db, board, offer, "refuser", "Le lieu n'est pas indiqué précisément.")
        assert offer.status == "refused" and "précisément" in offer.refusal_reason
        await service.save_offer(db, board, geocoder, org, offer_in(address="3 rue Nationale"), offer)
        assert offer.status == "draft" and offer.refusal_reason == ""
        assert await service.submit_offer(db, board, org, offer) == "pending"
    run(empty_db, work)


def test_siret_checked_and_shared_by_a_team(empty_db):
    async def work(db):
        person = await new_person(db)
        with pytest.raises(FieldError) as e:
            await service.save_organisation(db, person, OrganisationIn(name="X", siret="73282932000075",
                                                                       employer_kind="prive"))
        assert e.value.field == "siret"
        org = await service.save_organisation(db, person, OrganisationIn(name="Mairie", siret="732 829 320 00074",
                                                                         employer_kind="public"))
        assert org.siret == SIRETS[0]
        # Someone else cannot register the same SIRET: a member adds them instead.
        other = await new_person(db)
        with pytest.raises(FieldError) as e:
            await service.save_organisation(db, other, OrganisationIn(name="Mairie bis", siret=SIRETS[0],
                                                                      employer_kind="public"))
        assert e.value.field == "siret"
        colleague = await service.add_member(db, org, other.email)
        assert colleague.id == other.id
        assert (await service.organisation_of(db, other.id)).id == org.id
        newcomer = await service.add_member(db, org, "nouvelle.collegue@mairie.fr")
        assert newcomer.role == "employeur"
        assert {p.email for p in await service.team(db, org.id)} == {person.email, other.email, newcomer.email}
        student = await new_person(db, role="lyceen")
        with pytest.raises(FieldError):
            await service.add_member(db, org, student.email)
    run(empty_db, work)


@pytest.mark.parametrize("change,field", [
    ({"secteur": "s99"}, "secteur"),
    ({"periodes": ["semaine-3"]}, "periodes"),
    ({"niveau": "3e", "periodes": ["deux-semaines"]}, "periodes"),
    ({"niveau": "3e", "periodes": [f"{YEAR}-W30"]}, "periodes"),  # July: not in the school year
    ({"periodes": ["semaine-1", "semaine-1"]}, "periodes"),
    ({"lat": None, "lon": None, "commune": "Zzyzx-sur-Rien"}, "commune"),
    ({"lat": None, "lon": None, "commune": ""}, "commune"),
    ({"lon": None}, "lon"),  # the missing half is named
    ({"reserved": "schools", "reserved_uais": []}, "reserved_uais"),
])
def test_refused_offers_name_the_field(empty_db, board, geocoder, change, field):
    async def work(db):
        _, org = await employer_org(db)
        with pytest.raises(FieldError) as e:
            await service.save_offer(db, board, geocoder, org, offer_in(**change))
        assert e.value.field == field, e.value
    run(empty_db, work)


def test_commune_or_postcode_places_the_offer(empty_db, board, geocoder):
    async def work(db):
        _, org = await employer_org(db)
        offer = await service.save_offer(db, board, geocoder, org, offer_in(lat=None, lon=None, commune="59100"))
        assert offer.commune == "Roubaix" and offer.postcode == "59100"
        assert abs(offer.lat - 50.69) < 0.05 and abs(offer.lon - 3.17) < 0.05
        precise = await service.save_offer(db, board, geocoder, org, offer_in(lat=50.6301, lon=3.0702, commune="Lille"))
        assert (precise.lat, precise.lon) == (50.6301, 3.0702)
    run(empty_db, work)


def test_seats_per_period_edits_keep_taken_seats(empty_db, board, geocoder):
    async def work(db):
        _, org = await employer_org(db)
        offer = await service.save_offer(db, board, geocoder, org, offer_in(periodes=["semaine-1", "semaine-2"], seats=3))
        periods = {p.code: p for p in (await service.periods_of(db, [offer.id]))[offer.id]}
        assert {c: p.seats for c, p in periods.items()} == {"semaine-1": 3, "semaine-2": 3}
        periods["semaine-1"].taken = 2  # what applications will do (issue 15)
        with pytest.raises(FieldError) as e:
            await service.save_offer(db, board, geocoder, org, offer_in(periodes=["semaine-1"], seats=1), offer)
        assert e.value.field == "seats"
        await service.save_offer(db, board, geocoder, org, offer_in(periodes=["semaine-1", "deux-semaines"], seats=4), offer)
        rows = (await db.execute(select(StageOfferPeriod).where(StageOfferPeriod.offer_id == offer.id))).scalars()
        assert {(p.code, p.seats, p.taken) for p in rows} == {("semaine-1", 4, 2), ("deux-semaines", 4, 0)}
    run(empty_db, work)


def test_duplicate_for_next_year_and_close(empty_db, board, geocoder):
    async def work(db):
        _, org = await employer_org(db, verified=True)
        offer = await service.save_offer(db, board, geocoder, org, offer_in(
            niveau="3e", periodes=[f"{YEAR}-W05", f"{YEAR}-W10"], seats=2))
        await service.submit_offer(db, board, org, offer)
        copy = await service.duplicate_for_next_year(db, offer)
        assert copy.status == "draft" and copy.school_year == YEAR + 1 and copy.title == offer.title
        codes = sorted(p.code for p in (await service.periods_of(db, [copy.id]))[copy.id])
        assert codes == [f"{YEAR + 1}-W05", f"{YEAR + 1}-W10"]
        await service.close_offer(db, offer)
        assert offer.status == "closed"
        with pytest.raises(FieldError):
            await service.save_offer(db, board, geocoder, org, offer_in(), offer)
    run(empty_db, work)


def test_edit_of_a_published_offer_by_an_unverified_organisation_goes_back_to_moderation(empty_db, board, geocoder):
    async def work(db):
        _, org = await employer_org(db)
        offer = await service.save_offer(db, board, geocoder, org, offer_in())
        await service.submit_offer(db, board, org, offer)
        await service.moderate(db, board, offer, "publier", "")
        org.verified = False  # e.g. an admin withdrew the trust after reports
        await service.save_offer(db, board, geocoder, org, offer_in(title="Titre changé après validation"), offer)
        assert offer.status == "pending"
    run(empty_db, work)


def test_reports_are_listed_for_admins_until_handled(empty_db, board, geocoder):
    async def work(db):
        _, org = await employer_org(db, verified=True)
        offer = await service.save_offer(db, board, geocoder, org, offer_in())
        await service.submit_offer(db, board, org, offer)
        student = await new_person(db, role="lyceen")
        await service.report_offer(db, offer, student.id, "pourvue", "Le magasin a fermé.")
        await db.flush()
        reports = await service.open_reports(db)
        assert [(r.reason, o.id) for r, o in reports] == [("pourvue", offer.id)]
        await service.handle_report(db, reports[0][0].id, close=True)
        assert offer.status == "closed" and await service.open_reports(db) == []
        assert len((await db.execute(select(StageReport))).scalars().all()) == 1
    run(empty_db, work)


def test_offer_keeps_search_words(empty_db, board, geocoder):
    async def work(db):
        _, org = await employer_org(db, name="Boulangerie Lefèvre")
        offer = await service.save_offer(db, board, geocoder, org, offer_in(title="Pâtisserie et viennoiseries"))
        assert " patisserie " in offer.search_text and " lefevre " in offer.search_text
        stored = await db.get(StageOffer, offer.id)
        assert stored.lat == LILLE[0]
    run(empty_db, work)
