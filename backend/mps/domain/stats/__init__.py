"""Public, aggregated impact figures."""
