"""Family sharing: signed, expiring, revocable read-only links and e-mail invitations."""
