# Socialøkonomi-portalen: `make run` for the demo, `make test` for the whole suite.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
HOST ?= 127.0.0.1:8000
# Links in the demo's e-mails and its login line point at the server `make run` starts.
SITE_URL ?= http://$(HOST)
export SITE_URL
DKFDS_VERSION ?= 11.2.0
AXE_VERSION ?= 4.11.0

.PHONY: run test test-pg lint fmt messages install migrate demo static vendor clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

# Reinstall only when the pinned dependencies change.
$(VENV)/.installed: pyproject.toml | $(PY)
	$(PY) -m pip install --quiet ".[dev]"
	@touch $@

install: $(VENV)/.installed

migrate: install
	DEBUG=1 $(PY) manage.py migrate --noinput

demo: migrate
	DEBUG=1 $(PY) manage.py load_demo

# The worker sends the outbox's e-mail (to the console here) and runs timed jobs beside the server.
run: demo
	@echo "Portalen kører på http://$(HOST)/ og e-mail skrives i terminalen (stop med Ctrl+C)"
	DEBUG=1 $(PY) manage.py run_worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	DEBUG=1 $(PY) manage.py runserver $(HOST)

test: install
	$(BIN)/pytest $(PYTEST_ARGS)

# The suite against the local PostgreSQL, with the tests SQLite cannot run (row locks, races,
# Danish full-text search). PG_DB names the database (created if missing); pytest-django makes
# its own test_$(PG_DB) beside it.
PG_HOST ?= 127.0.0.1
PG_DB ?= portal
test-pg: install
	@psql -h $(PG_HOST) -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$(PG_DB)'" | grep -q 1 \
	  || createdb -h $(PG_HOST) -U postgres $(PG_DB)
	DATABASE_URL=postgres://postgres@$(PG_HOST):5432/$(PG_DB) $(BIN)/pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

fmt: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Extract Danish source strings into the English and German catalogues, then compile them.
messages: install
	cd $(CURDIR) && DEBUG=1 $(PY) manage.py makemessages --locale en --locale de --no-obsolete --add-location file --ignore '.venv/*' --ignore 'static/*' --ignore 'staticfiles/*' --ignore 'tests/*'
	DEBUG=1 $(PY) manage.py compilemessages --ignore '.venv/*'

# Refresh the vendored design system and axe-core from npm (versions above).
vendor:
	scripts/vendor-dkfds.sh $(DKFDS_VERSION)
	scripts/vendor-axe.sh $(AXE_VERSION)

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles
