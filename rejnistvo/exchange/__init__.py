"""Case exchange between a centre and its subgroup coordinator (issue 6)."""
