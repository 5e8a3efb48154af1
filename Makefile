# Octet — the two commands of the README: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed-stamp
NODE_INSTALLED := node_modules/.installed-stamp
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint pytest setup serve messages clean

$(INSTALLED): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Octet needs Python 3.11 or newer")'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

$(NODE_INSTALLED): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

setup: $(INSTALLED) $(NODE_INSTALLED)

# Installs, migrates, loads the content, creates the demo accounts (idempotent), then serves.
run: setup
	$(PY) manage.py migrate --noinput
	$(PY) manage.py compile_translations
	$(PY) manage.py content load
	$(PY) manage.py demo_data
	$(PY) manage.py runserver $(HOST):$(PORT)

lint: $(INSTALLED)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

pytest: setup
	$(PY) manage.py compile_translations
	$(PY) -m pytest $(PYTEST_ARGS)

# Lint + the whole suite (browser tests included when Chromium is installed; they say so when skipped).
test: lint pytest

messages: $(INSTALLED)
	$(PY) manage.py makemessages -l en --ignore=.venv --ignore=node_modules --ignore=tests --ignore=e2e

clean:
	rm -rf $(VENV) node_modules var .pytest_cache
