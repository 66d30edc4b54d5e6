"""Reminders: Web Push (VAPID) and e-mail reminders along the timeline, sent by a scheduler."""
