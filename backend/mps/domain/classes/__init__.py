"""Classes: teachers follow the students who joined their class, with consent."""
