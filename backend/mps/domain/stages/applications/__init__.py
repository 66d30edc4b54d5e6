"""Stage applications (issue 15): students apply to offer periods, employers answer, seats are never oversold."""
