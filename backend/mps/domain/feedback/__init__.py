"""« Je donne mon avis »: a short rating + comment form, stored in the back-office's Feedback table."""
