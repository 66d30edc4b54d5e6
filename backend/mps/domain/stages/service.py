"""The board's rules, by concern, for callers that import them from here (tests, scripts): each lives in
its own module (now, organisations, offers, offer_reads, offer_status, reports, demo). New code imports the
module it needs."""
from mps.domain.stages.demo import delete_demo  # noqa: F401
from mps.domain.stages.now import now_utc  # noqa: F401
from mps.domain.stages.organisations import EMPLOYER, add_member, organisation_of, save_organisation, team  # noqa: F401
from mps.domain.stages.offers import EDITABLE, check_offer, duplicate_for_next_year, place_offer, refresh_open_periods, remember_words, save_offer, search_text  # noqa: F401
from mps.domain.stages.offer_reads import org_offer, org_offers, periods_of  # noqa: F401
from mps.domain.stages.offer_status import STATUSES, close_offer, moderate, pending_offers, submit_offer  # noqa: F401
from mps.domain.stages.reports import count_reports, handle_report, open_reports, report_offer  # noqa: F401
