"""The vote, counts, rules, standings and projections: pure Python, standard library only."""
