"""Every model module, imported so that Base.metadata knows all tables."""
from mps.db.models.catalogue import Formation, FormationAlias, Place  # noqa: F401
from mps.db.models.imports import CatalogueImport  # noqa: F401
from mps.db.models.reference import Commune, Lycee, Metier, SpecialiteStat  # noqa: F401
from mps.db.models.people import FormationMark, MetierMark, Person, Profile  # noqa: F401
from mps.db.models.accounts import SignInSession, UsedLoginToken  # noqa: F401
from mps.db.models.classes import ClassMember, SchoolClass, TeacherNote  # noqa: F401
from mps.db.models.family import FamilyLink  # noqa: F401
from mps.db.models.sync import SyncAppliedOp, SyncItem, SyncPerson  # noqa: F401
from mps.db.models.timeline import CalendarFeed, ClassEvent  # noqa: F401
from mps.db.models.stages import (StageMember, StageOffer, StageOfferPeriod, StageOrganisation,  # noqa: F401
                                  StageReport, StageSeeker, StageWord)
from mps.db.models.stage_partners import StagePartnerToken  # noqa: F401
from mps.db.models.reminders import PushOutcome, PushSubscription, ReminderDelivery, ReminderPreferences  # noqa: F401
from mps.db.models.stage_applications import StageApplication, StageApplicationEvent  # noqa: F401
from mps.db.models.stage_agreements import StageAgreement, StageAgreementEvent, StageAgreementSignatory  # noqa: F401
from mps.db.models.stage_reports import StageDebrief, StagePreparation  # noqa: F401
from mps.db.models.stage_figures import StageFigures  # noqa: F401
