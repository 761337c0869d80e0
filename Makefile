# The two commands a newcomer needs: `make run` and `make test`. Everything else is a step of them.
VENV     ?= .venv
PYTHON   ?= python3
HOST     ?= 127.0.0.1
PORT     ?= 8000
export GONGKAI_DATA_DIR ?= $(CURDIR)/var
GONGKAI  := $(VENV)/bin/gongkai
PYTEST_ARGS ?= -n auto

.PHONY: run test install system-deps lint bench clean-data messages

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -e '.[dev]'
	touch $@

install: $(VENV)/.installed

# Debian packages the platform uses: Chromium for browser tests, CJK fonts and HarfBuzz
# subsetting for PDF output. Installed when running as root; otherwise the script says what
# is missing.
system-deps:
	@bash scripts/system-deps.sh

run: install system-deps
	$(GONGKAI) migrate --noinput
	$(GONGKAI) demo
	$(GONGKAI) serve --host $(HOST) --port $(PORT)

test: install system-deps
	$(VENV)/bin/pytest $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/python manage.py makemigrations --check --dry-run

bench: install
	@for script in bench/bench_*.py; do echo "== $$script"; $(VENV)/bin/python $$script || exit 1; done

# Chinese is the source language; refresh the English catalogue after changing interface text.
messages: install
	$(VENV)/bin/python manage.py makemessages -l en -i '.venv/*' -i 'var/*'
	$(VENV)/bin/python manage.py compilemessages -l en -i .venv

clean-data:
	rm -rf var
