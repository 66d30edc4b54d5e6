"""Timeline: dated steps per school year, adaptive tasks, class events, ICS feed; due reminders for push."""
from mps.domain.timeline.api import TimelineApi
from mps.domain.timeline.command import TIMELINE
from mps.domain.timeline.pages import TimelinePages
from mps.web.area import Area

AREA = Area(name="timeline", route_handlers=[TimelineApi, TimelinePages], commands=[TIMELINE])
