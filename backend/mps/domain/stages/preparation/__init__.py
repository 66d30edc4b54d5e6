"""Before and after a stage (issue 15): the preparation checklist, the student's report, its consent to the
teacher, and the likes it turns into profile items."""
