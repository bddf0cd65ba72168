"""`make faults`: PostgreSQL restarted and crashed under write load, a 16-way race, an idle pool across a restart.

Run by tests/faults/run.sh on a private cluster it creates and removes. The checks: writes.py (a),
race.py (b), idle.py (c); results: record.py writes docs/faults-results.md and BENCHMARKS.md.
"""
