"""JSON controllers of the stage board (its HTML pages are in stages/pages/)."""
