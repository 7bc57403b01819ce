# Two commands do all the set-up: `make demo` and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1:8000

.PHONY: demo test test-fast lint install migrate worker backup restore messages clean

$(VENV)/.installed: requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -r requirements.txt
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.txt
	$(BIN)/pip install -q -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed

migrate: install
	mkdir -p var
	DJANGO_SETTINGS_MODULE=config.settings.local $(BIN)/python manage.py migrate --noinput

## demo: install, migrate, load the demo mission (once) and serve it on http://$(HOST)
demo: migrate
	DJANGO_SETTINGS_MODULE=config.settings.local $(BIN)/python manage.py load_demo
	DJANGO_SETTINGS_MODULE=config.settings.local $(BIN)/python manage.py runserver $(HOST)

## test: install the test tools and run the whole suite (PostgreSQL + Redis when DATABASE_URL / REDIS_URL are set)
test: $(VENV)/.installed-dev
	$(BIN)/python -m pytest $(PYTEST_ARGS)

## test-fast: the unit tier, keeping the test database between runs: no browser, fuzzing, worker or fault tests
test-fast: $(VENV)/.installed-dev
	$(BIN)/python -m pytest --reuse-db -m "not e2e and not fuzz and not celery_worker" \
		--ignore=tests/e2e --ignore=tests/fuzz --ignore=tests/faults $(PYTEST_ARGS)

## lint: ruff (lint and format), djLint, import-linter's contracts, and a syntax check of every JavaScript file
lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djlint templates --check
	$(BIN)/djlint templates --lint
	$(BIN)/lint-imports
	find static -name '*.js' -print0 | xargs -0 -n 1 node --check

## worker: a Celery worker (needs REDIS_URL)
worker: install
	DJANGO_SETTINGS_MODULE=config.settings.local $(BIN)/celery -A config worker --loglevel=info --concurrency=2

## backup: the PostgreSQL database (pg_dump -Fc) as BACKUP (default var/backups/eom-<UTC time>.dump), media beside it
backup: install
	DJANGO_SETTINGS_MODULE=config.settings.local $(BIN)/python manage.py backup_db --output $(or $(BACKUP),var/backups/eom-$(shell date -u +%Y%m%d-%H%M%S).dump)

## restore: BACKUP=file back into DATABASE_URL (its tables replaced) and its .media.tar into the media folder
restore: install
	@test -n "$(BACKUP)" || { echo "Say which backup: make restore BACKUP=var/backups/eom-....dump" >&2; exit 2; }
	DJANGO_SETTINGS_MODULE=config.settings.local $(BIN)/python manage.py restore_db --input $(BACKUP) $(if $(DATABASE_URL),--database-url $(DATABASE_URL))

## messages: re-extract and compile the interface translations (needs GNU gettext)
messages: install
	DJANGO_SETTINGS_MODULE=config.settings.local $(BIN)/python manage.py makemessages -l ru -l kk --ignore=.venv --ignore=var --ignore=tests --ignore=bench
	DJANGO_SETTINGS_MODULE=config.settings.local $(BIN)/python manage.py compilemessages --ignore=.venv

clean:
	rm -rf var/db.sqlite3 var/media
