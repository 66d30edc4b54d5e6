"""Figures of the stage board (issue 15): offers, seats, applications, students placed, and where students
searching outnumber the seats within their reach, by département, académie and REP / REP+."""
