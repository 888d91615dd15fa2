# Two commands: `make run` (install, migrate, demo data, serve) and `make test` (everything CI checks:
# lint + check + pytest). `make quick` is the local loop: pytest without slow and browser tests.
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
HOST ?= 127.0.0.1
PORT ?= 8000
export DJANGO_SETTINGS_MODULE ?= academy.settings.dev

.PHONY: upgrade-check install install-prod run test lint check check-deploy pytest quick messages lock clean serve merge-drivers

$(PY):
	"$$(scripts/find-python)" -m venv $(VENV)

# Development (make run, make test): the runtime and the development tools, both pinned with
# hashes (requirements-dev.lock holds every package of requirements.lock at the same version).
$(VENV)/.installed: requirements.lock requirements-dev.lock | $(PY)
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements-dev.lock
	touch $@

install: $(VENV)/.installed

# Production: the runtime only (no pytest, ruff, Playwright...): docs/deploy.md.
install-prod: | $(PY)
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock

run: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo --if-empty
	@echo "Serving on http://$(HOST):$(PORT)/ (demo accounts in README.md)"
	$(PY) manage.py runserver $(HOST):$(PORT)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# System checks, migrations in step with the models, the Japanese catalogue (complete, .mo
# current, no string of the code missing: scripts/po.py check) and the production deploy checks.
check: install
	DJANGO_SETTINGS_MODULE=academy.settings.test $(PY) manage.py check --fail-level WARNING
	DJANGO_SETTINGS_MODULE=academy.settings.test $(PY) manage.py makemigrations --check --dry-run
	DJANGO_SETTINGS_MODULE=academy.settings.test $(PY) scripts/po.py check
	$(MAKE) --no-print-directory check-deploy

# `check --deploy` with production settings in a throwaway production environment: a clean
# environment with every required variable set (a random SECRET_KEY, a temporary SQLite file).
check-deploy: install
	@tmp="$$(mktemp -d)"; \
	env -i PATH="$$PATH" HOME="$$HOME" LANG=C.UTF-8 \
	  DJANGO_SETTINGS_MODULE=academy.settings.production \
	  SECRET_KEY="$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(60))')" \
	  ALLOWED_HOSTS=academy.example.jp \
	  SITE_URL=https://academy.example.jp \
	  DATABASE_URL="sqlite:///$$tmp/prod.sqlite3" \
	  CACHE_URL=redis://127.0.0.1:6379/1 \
	  EMAIL_URL=smtp://office:secret@mail.example.jp:587 \
	  $(PY) manage.py check --deploy --fail-level WARNING; \
	status=$$?; rm -rf "$$tmp"; exit $$status

pytest: install
	DJANGO_SETTINGS_MODULE=academy.settings.test $(BIN)/pytest -n 2 $(PYTEST_ARGS)

# The local loop: everything but the tests marked slow or browser (CI and `make test` run all).
quick: install
	DJANGO_SETTINGS_MODULE=academy.settings.test $(BIN)/pytest -n 2 -m "not slow and not browser" $(PYTEST_ARGS)

# Data survives an upgrade: a database built and seeded by the previous main (UPGRADE_FROM
# in scripts/check_upgrade.py) migrates to this tree with every row, file and audit entry.
upgrade-check: install
	$(PY) scripts/check_upgrade.py $(UPGRADE_ARGS)

test: lint check pytest

# Refresh the Japanese catalogue after adding strings (makemessages + compilemessages under the
# catalogue's lock): fill every empty msgstr (scripts/po.py fill), then commit the .po and .mo.
messages: install
	$(PY) scripts/po.py update

# Regenerate the lock files from pyproject.toml (needs the network to PyPI): requirements.lock
# is the runtime (production installs only this), requirements-dev.lock adds the `dev` extra
# with every runtime package held at the version of requirements.lock.
lock: install
	$(PY) -m pip install --quiet uv
	$(BIN)/uv pip compile pyproject.toml --python-version 3.12 --generate-hashes -o requirements.lock
	$(BIN)/uv pip compile pyproject.toml --extra dev --python-version 3.12 --generate-hashes \
	  -c requirements.lock -o requirements-dev.lock

clean:
	rm -rf $(VENV) build db.sqlite3 db.sqlite3-*

# Merge drivers for the catalogue (see .gitattributes); a clone needs them once.
merge-drivers:
	git config merge.po-union.driver "scripts/po_merge.py %O %A %B"
	git config merge.keep-ours.driver true
