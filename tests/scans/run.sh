#!/usr/bin/env bash
# `make security`'s slow part: sqlmap and schemathesis against a throwaway instance of the app, the planted
# SQL injection that proves the scan can fail, then the property tests with more examples than CI gives them.
# The scanners live in their own virtualenv (.venv-scan, pinned in tests/scans/requirements.txt).
# Results: docs/security-results.md. Exit status: non-zero on any finding.
#
# Settings (environment): SCAN_DATABASE=postgresql|sqlite (default: PostgreSQL at SCAN_POSTGRES_URL when it
# answers, else SQLite), SCAN_PARALLEL (sqlmap runs at once, default 2), SCAN_SCHEMATHESIS_EXAMPLES (150),
# SECURITY_PROFILE for the property tests (default here: thorough).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

SCAN_VENV=.venv-scan
PYTHON_FOR_VENV=$(command -v python3.11 || command -v python3)
started=$(date +%s)

if [ ! -x "$SCAN_VENV/bin/python" ]; then
  "$PYTHON_FOR_VENV" -m venv "$SCAN_VENV"
fi
if [ ! -e "$SCAN_VENV/.stamp" ] || [ tests/scans/requirements.txt -nt "$SCAN_VENV/.stamp" ]; then
  echo "installing the scanners into $SCAN_VENV"
  "$SCAN_VENV/bin/python" -m pip install --quiet --disable-pip-version-check -r tests/scans/requirements.txt
  touch "$SCAN_VENV/.stamp"
fi

echo "==> the scanners' own pins against the offline advisory copy"
.venv/bin/python .ci/check_advisories.py tests/scans/requirements.txt

echo "==> sqlmap, schemathesis, the planted defect, the thorough property tests"
status=0
SCAN_BIN="$PWD/$SCAN_VENV/bin" .venv/bin/python -m tests.scans || status=$?

echo "make security (after security-static) took $(( $(date +%s) - started )) s; exit status $status"
exit "$status"
