"""Charts: each function takes a tidy DataFrame (or an altair base chart) and returns an altair chart."""
