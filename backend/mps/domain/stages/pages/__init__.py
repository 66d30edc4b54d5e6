"""HTML pages of the stage board: students (search, offer, school), employers (organisation, offers in steps, team), admins (moderation, reports)."""
