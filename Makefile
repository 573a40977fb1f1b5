# victimcare: the two commands a new machine needs are `make demo` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# `PORT=8001 make demo` serves the demo on another port; every link in every message follows it.
PORT ?= 8000
DEMO_URL := http://127.0.0.1:$(PORT)
DEMO_ENV := DEBUG=1 SECURE_COOKIES=0 NOTIFY_SITE_URL=$(DEMO_URL) NOTIFY_PORTAL_URL=$(DEMO_URL)/portal/ \
	CSRF_TRUSTED_ORIGINS=$(DEMO_URL),http://localhost:$(PORT)
TEST_ENV := SECRET_KEY=test-only-not-secret DJANGO_ALLOW_ASYNC_UNSAFE=true
PYTEST_ARGS ?=

.PHONY: demo test test-only lint deps browser run-demo clean audit-deps

$(VENV)/.installed: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Only the compiled GOV.UK Frontend files the pages use, so static file scans stay small.
FRONTEND := var/frontend
$(FRONTEND)/.built: node_modules/.installed
	rm -rf $(FRONTEND) && mkdir -p $(FRONTEND)/static/govuk $(FRONTEND)/static/autocomplete $(FRONTEND)/root
	cp node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.css node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js $(FRONTEND)/static/govuk/
	cp node_modules/accessible-autocomplete/dist/accessible-autocomplete.min.css node_modules/accessible-autocomplete/dist/accessible-autocomplete.min.js $(FRONTEND)/static/autocomplete/
	cp -r node_modules/govuk-frontend/dist/govuk/assets $(FRONTEND)/root/assets
	touch $@

deps: $(VENV)/.installed node_modules/.installed $(FRONTEND)/.built

browser:
	bash scripts/install-chromium.sh

## make demo: install, migrate SQLite, load demo data, run the web server and the job worker.
demo: deps
	mkdir -p var/static
	$(DEMO_ENV) $(BIN)/python manage.py migrate --verbosity 0
	$(DEMO_ENV) $(BIN)/python manage.py demo_setup --victims $${VICTIMS:-500} --seed 1
	$(MAKE) --no-print-directory run-demo

# The job worker sends queued messages; the scheduler enqueues reminders and held messages
# whose safe time has come. Both stop when the web server stops.
run-demo:
	@$(DEMO_ENV) $(BIN)/python manage.py db_worker --interval 2 --no-reload & worker=$$!; \
	$(DEMO_ENV) $(BIN)/python manage.py notify_scheduler --interval 30 & scheduler=$$!; \
	trap 'kill $$worker $$scheduler 2>/dev/null' EXIT INT TERM; \
	$(DEMO_ENV) $(BIN)/gunicorn -c gunicorn.conf.py victimcare.wsgi --bind 127.0.0.1:$(PORT) --workers 2

## make test: install what the tests need (Chromium too), check style and types, run every test.
test: deps browser lint test-only

lint:
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(TEST_ENV) $(BIN)/mypy victimcare tests

test-only:
	$(TEST_ENV) $(BIN)/pytest -n 2 $(PYTEST_ARGS)

## make audit-deps: the pinned runtime packages (Python, then npm) against the published advisories.
# --strict fails on a package that could not be audited as well as on a known vulnerability.
# Both ask the registries' advisory services (PyPI's JSON API per release, npm's bulk advisory
# endpoint), so it needs those reachable: run it after `make deps`.
audit-deps:
	$(BIN)/pip-audit -r requirements.txt --strict
	npm audit --omit=dev --audit-level=low

clean:
	rm -rf $(VENV) node_modules var
