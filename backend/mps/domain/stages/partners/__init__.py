"""Partner API of the stage board (issue 15): tokens scoped to one organisation, offers by remote_id."""
