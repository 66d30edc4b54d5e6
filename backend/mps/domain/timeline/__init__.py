"""The seconde → Parcoursup timeline: dated steps per school year (data/timeline/), adaptive tasks, class
events, the ICS feed, and the due reminders that the push area sends."""
