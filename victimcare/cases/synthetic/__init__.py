"""Synthetic demo and benchmark data: victims, crimes, cases and timelines (manage.py seed).

See docs/adr/0008-synthetic-demo-data.md; the entry point is seeding.seed_database."""
