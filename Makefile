# gcmhub: `make run` serves the site, `make test` runs the whole suite. Nothing else to install.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: run test lint bench load messages clean

LOCALES := -l ar -l zh_Hans -l fr -l ru -l es
IGNORE := --ignore=.venv --ignore=node_modules --ignore=var --ignore=scripts

$(BIN)/python:
	$(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

node_modules/.installed: package.json package-lock.json
	npm ci --silent --no-audit --no-fund
	touch node_modules/.installed
run: $(STAMP)
	mkdir -p var
	DEBUG=true $(BIN)/python manage.py migrate --no-input
	DEBUG=true $(BIN)/python manage.py seed_demo
	@echo "gcmhub: http://127.0.0.1:8000/"
	DEBUG=true $(BIN)/python manage.py runserver 127.0.0.1:8000

# Two workers halve the suite's time on two cores; PYTEST_WORKERS=0 runs it in one process.
PYTEST_WORKERS ?= auto
test: $(STAMP) node_modules/.installed
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .
	mkdir -p var
	DEBUG=true $(BIN)/python manage.py makemigrations --check --dry-run

messages: $(STAMP)
	mkdir -p locale
	DEBUG=true $(BIN)/python manage.py makemessages $(LOCALES) $(IGNORE) --no-obsolete --no-location
	DEBUG=true $(BIN)/python manage.py compilemessages $(IGNORE) -v 0

# Speed at 100,000 pledges (docs/performance.md): SQLite in var/bench, seeded once (minutes),
# then the PostgreSQL of DATABASE_URL when it is set. BENCH_ARGS=--quick for a smoke run.
BENCH_ENV := DEBUG=false SECRET_KEY=bench-only-secret SECURE_SSL_REDIRECT=false VAR_DIR=var/bench
bench: $(STAMP)
	mkdir -p var/bench
	env -u DATABASE_URL $(BENCH_ENV) $(BIN)/python manage.py bench $(BENCH_ARGS)
	if [ -n "$$DATABASE_URL" ]; then $(BENCH_ENV) $(BIN)/python manage.py bench $(BENCH_ARGS); fi

# 200 simulated users for 60 s against gunicorn, then the SIGKILL run, on the bench's data.
load: $(STAMP)
	mkdir -p var/bench
	$(BENCH_ENV) $(BIN)/python manage.py migrate --no-input -v 0
	$(BENCH_ENV) $(BIN)/python manage.py load $(LOAD_ARGS)
	$(BENCH_ENV) $(BIN)/python manage.py faults

clean:
	rm -rf $(VENV) node_modules var
