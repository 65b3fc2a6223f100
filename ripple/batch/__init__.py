"""Many games at once: seeded runs in parallel and their outcomes (runs), what they say in a
table (report), and the check that a scenario teaches (balance)."""
