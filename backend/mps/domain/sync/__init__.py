"""Offline sync of formation marks: POST /api/v1/sync, the merge rule (docs/sync.md), the offline shell page."""
