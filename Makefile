# Jembatan: `make run` serves the app, `make test` runs the whole suite.
# Every target calls tools by their .venv/bin path, so no activation is needed.

SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip --disable-pip-version-check
PYTHON_FOR_VENV := $(shell command -v python3.11 || command -v python3)

# PORT and DATABASE_URL come from the environment when set; DATABASE_URL is read by the app itself.
PORT ?= 5000
export FLASK_APP := wsgi.py

.PHONY: help venv test-venv translations run test lint bench security security-static load faults

help:
	@echo "make run        install, migrate, load reference and demo data, serve on 127.0.0.1:$(PORT)"
	@echo "make test       the whole test suite (TEST_DATABASE_URL=postgresql://... for PostgreSQL)"
	@echo "make lint       ruff check"
	@echo "make bench      benchmarks"
	@echo "make security   bandit, the offline dependency-advisory check, sqlmap and schemathesis"
	@echo "make load       load test on PostgreSQL (locust; results in BENCHMARKS.md)"
	@echo "make faults     database restarts and crashes under write load (private cluster)"

# --- environment ------------------------------------------------------------------------------
# The stamps live inside .venv, so deleting .venv starts over; pip runs again only when a
# requirements file is newer than its stamp.

$(PY):
	$(PYTHON_FOR_VENV) -m venv $(VENV)

$(VENV)/.stamp-runtime: requirements.txt | $(PY)
	$(PIP) install --quiet -r requirements.txt
	touch $@

$(VENV)/.stamp-test: requirements.txt tests/requirements.txt | $(PY)
	$(PIP) install --quiet -r tests/requirements.txt
	touch $@ $(VENV)/.stamp-runtime

venv: $(VENV)/.stamp-runtime

test-venv: $(VENV)/.stamp-test

# Compiled catalogs (*.mo) are not committed; a tree without catalogs yet is not an error.
translations: venv
	@if compgen -G "app/translations/*/LC_MESSAGES/messages.po" > /dev/null; then \
		$(VENV)/bin/pybabel compile --statistics -d app/translations; \
	else \
		echo "no translation catalogs to compile yet"; \
	fi

# --- the two commands -------------------------------------------------------------------------

run: venv translations
	$(VENV)/bin/flask db upgrade
	$(VENV)/bin/flask reference load
	$(VENV)/bin/flask demo load
	@echo "Jembatan on http://127.0.0.1:$(PORT)/ (Ctrl-C stops it)"
	@# app/gunicorn_conf.py keeps query strings (reset tokens, searched names) out of the access log.
	@# gunicorn's control socket sits at one path per user; a second server on the machine would take it over.
	$(VENV)/bin/gunicorn -c python:app.gunicorn_conf --bind 127.0.0.1:$(PORT) --no-control-socket wsgi:app

# TEST_DATABASE_URL passes through from the environment to the suite.
test: test-venv translations
	$(PY) -m pytest

# --- quality ----------------------------------------------------------------------------------

lint: test-venv
	$(VENV)/bin/ruff check .

bench: test-venv
	@if [ -e tests/bench.py ] || [ -e tests/bench/__main__.py ]; then \
		$(PY) -m tests.bench; \
	else \
		echo "no benchmarks yet: tests/bench is not built"; \
	fi

# What CI runs on every submission: minutes at most.
security-static: test-venv
	$(VENV)/bin/bandit -q -c pyproject.toml -r app -ll && echo "bandit: no medium or high finding in app/"
	$(PY) .ci/check_advisories.py

# The slow scans (sqlmap, schemathesis, long property runs) against a scan instance; results go to
# docs/security-results.md, summarised in docs/SECURITY.md.
security: security-static
	bash tests/scans/run.sh

# Locust against gunicorn (production configuration) on PostgreSQL; results go to BENCHMARKS.md.
load: venv
	bash tests/load/run.sh

# A private PostgreSQL cluster (initdb in a temporary folder), restarted and crashed under load.
faults: venv
	bash tests/faults/run.sh
