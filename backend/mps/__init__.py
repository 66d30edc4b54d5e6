"""MonProjetSup backend."""
