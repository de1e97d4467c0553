# Juntos: `make run` serves the demo, `make test` runs every check. Both set up from nothing.
SHELL := /bin/bash
.DEFAULT_GOAL := help
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
# Links in messages, pamphlets and printed QR codes point here: the address `make run` serves,
# unless JUNTOS_SITE_URL is set (e.g. to the name a phone on the same network uses).
JUNTOS_SITE_URL ?= http://$(HOST):$(PORT)
export DJANGO_DEBUG ?= 1

.PHONY: help setup run test lint typecheck imports pytest pytest-postgres pytest-replica bench messages makemessages code clean check-document

help:
	@echo "make run    set up, migrate, load demo data and serve http://$(HOST):$(PORT) (PORT=8001 to change)"
	@echo "make test   set up and run ruff, mypy, import-linter and the whole test suite"
	@echo "make bench  load benchmark against gunicorn on loopback (results in bench/results/)"
	@echo "            BENCH_ARGS=--scale-out: PostgreSQL primary + replica, Redis, 2 app processes, RQ"

$(STAMP): pyproject.toml constraints.txt package.json scripts/setup-system
	./scripts/setup-system
	test -x $(BIN)/python || $$(command -v $(PYTHON) || command -v python3) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade "pip>=24"
	$(BIN)/pip install --quiet -c constraints.txt -e ".[dev,redis]"  # the tests run the Redis cache against a real server
	$(BIN)/pip install --quiet --no-deps -c constraints.txt pycanon  # see pyproject.toml, dev extra
	test ! -f package-lock.json || npm ci --silent --no-audit --no-fund
	touch $(STAMP)

setup: $(STAMP) messages

messages: $(STAMP)
	@find juntos -name '*.po' -path '*/LC_MESSAGES/*' | while read po; do \
	  mo="$${po%.po}.mo"; if [ ! -f "$$mo" ] || [ "$$po" -nt "$$mo" ]; then msgfmt --check-format -o "$$mo" "$$po" || exit 1; fi; done

makemessages: $(STAMP)
	for dir in juntos juntos/*/; do [ -d "$$dir/locale" ] && (cd $$dir && ../../$(BIN)/django-admin makemessages -l es -l fr --no-obsolete --no-location $$( [ "$$dir" = juntos ] && echo --ignore='*/*' ) >/dev/null || true); done

run: setup
	mkdir -p var
	$(MANAGE) migrate --noinput
	$(MANAGE) createcachetable
	JUNTOS_SITE_URL=$(JUNTOS_SITE_URL) $(MANAGE) seed_demo
	@echo "Serving Juntos on http://$(HOST):$(PORT)/ (Ctrl-C to stop); links and QR codes say $(JUNTOS_SITE_URL)/. Outbox: http://$(HOST):$(PORT)/en/outbox/ (log in as admin)"
	@trap 'kill 0' EXIT; export JUNTOS_SITE_URL=$(JUNTOS_SITE_URL); \
	  $(MANAGE) db_worker --queue-name '*' --interval 1 & \
	  $(MANAGE) schedule_periodic --loop --interval 60 & \
	  $(MANAGE) runserver --noreload $(HOST):$(PORT)

code:
	@$(MANAGE) demo_code $(who)

# Check a pay slip, contract or job offer from a JSON file: make check-document FILE=slip.json LANGUAGE=es
check-document: setup
	@mkdir -p var
	@$(MANAGE) migrate --noinput >/dev/null
	@$(MANAGE) compliance_load_rules >/dev/null
	@$(MANAGE) check_document $(FILE) --language $(or $(LANGUAGE),en)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy juntos tests bench tools

imports: $(STAMP)
	$(BIN)/lint-imports

pytest: setup
	./scripts/setup-system --browser --redis
	$(BIN)/pytest -q -n 2 --dist loadgroup --cov --cov-report=term $(PYTEST_ARGS)

test: lint typecheck imports pytest

pytest-postgres: setup
	./scripts/setup-system --browser --redis
	./scripts/with-postgres $(BIN)/pytest -q -n 2 --dist loadgroup $(PYTEST_ARGS)

pytest-replica: setup
	./scripts/with-postgres --replica $(BIN)/pytest -q -m replica $(PYTEST_ARGS)

bench: setup
	./scripts/setup-system --bench --redis
	$(BIN)/python -m bench $(BENCH_ARGS)

clean:
	rm -rf $(VENV) var node_modules
