"""`make security`'s slow scans (tests/scans/run.sh → `python -m tests.scans`).

sqlmap and schemathesis, from their own virtualenv (.venv-scan), attack a throwaway instance of
the app served by gunicorn in the scan configuration (app/config.py ScanConfig: CSRF and rate
limits off, nothing else changed), seeded with the reference and demo data. A planted SQL
injection proves that the sqlmap run can fail. The summary goes to docs/security-results.md.
"""
