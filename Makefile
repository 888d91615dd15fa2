# Two commands: `make run` (install, migrate, demo data, serve) and `make test` (everything CI checks).
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
HOST ?= 127.0.0.1
PORT ?= 8000
export DJANGO_SETTINGS_MODULE ?= academy.settings.dev

.PHONY: install run test lint check pytest messages lock clean serve

$(PY):
	"$$(scripts/find-python)" -m venv $(VENV)

$(VENV)/.installed: requirements.lock | $(PY)
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	touch $@

install: $(VENV)/.installed

run: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo --if-empty
	@echo "Serving on http://$(HOST):$(PORT)/ (demo accounts in README.md)"
	$(PY) manage.py runserver $(HOST):$(PORT)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

check: install
	DJANGO_SETTINGS_MODULE=academy.settings.test $(PY) manage.py check --fail-level WARNING
	DJANGO_SETTINGS_MODULE=academy.settings.test $(PY) manage.py makemigrations --check --dry-run

pytest: install
	DJANGO_SETTINGS_MODULE=academy.settings.test $(BIN)/pytest -n 2 $(PYTEST_ARGS)

test: lint check pytest

# Refresh the Japanese catalogue after adding strings: fill every empty msgstr, then commit
# both the .po and the compiled .mo.
messages: install
	$(PY) manage.py makemessages -l ja --no-obsolete --no-location -i '.venv/*' -i 'build/*'
	$(PY) manage.py compilemessages -l ja --ignore '.venv/*'

# Regenerate the lock file from pyproject.toml (needs the network to PyPI).
lock: install
	$(PY) -m pip install --quiet uv
	$(BIN)/uv pip compile pyproject.toml --extra dev --python-version 3.12 --generate-hashes -o requirements.lock

clean:
	rm -rf $(VENV) build db.sqlite3 db.sqlite3-*
