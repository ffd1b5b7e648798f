# `make run` serves the portal, `make test` runs the suite; both set everything up first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
WORKERS ?= 3
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

# `make run` is production settings on plain HTTP at 127.0.0.1: a generated
# secret key (kept in .secret-key, never committed) unless one is given.
RUN_ENV = DJANGO_SETTINGS_MODULE=portal.settings.prod \
	DJANGO_SECRET_KEY="$${DJANGO_SECRET_KEY:-$$(cat .secret-key)}" \
	DJANGO_ALLOWED_HOSTS="$${DJANGO_ALLOWED_HOSTS:-127.0.0.1,localhost}" \
	DJANGO_HTTPS="$${DJANGO_HTTPS:-0}"

.PHONY: run setup test lint bench profile bench-search bench-dashboard soak test-packages gettext messages clean

run: setup
	$(RUN_ENV) $(BIN)/gunicorn portal.wsgi --bind $(HOST):$(PORT) --workers $(WORKERS) --access-logfile -

setup: $(VENV)/.runtime .secret-key
	$(RUN_ENV) $(BIN)/python manage.py migrate --noinput
	$(RUN_ENV) $(BIN)/python manage.py createcachetable
	$(RUN_ENV) $(BIN)/python manage.py load_demo
	$(RUN_ENV) $(BIN)/python manage.py collectstatic --noinput --verbosity 0

test: $(VENV)/.test test-packages node_modules/.package-lock.json
	$(BIN)/pytest

lint: $(VENV)/.test
	$(BIN)/ruff check .
	DJANGO_SETTINGS_MODULE=portal.settings.test $(BIN)/python manage.py check
	DJANGO_SETTINGS_MODULE=portal.settings.test $(BIN)/python manage.py makemigrations --check --dry-run

$(VENV)/.runtime: requirements.txt
	[ -x $(BIN)/python ] || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.test: requirements-test.txt $(VENV)/.runtime
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-test.txt
	touch $@

.secret-key:
	umask 077 && $(PYTHON) -c "import secrets; print(secrets.token_urlsafe(50))" > $@

# Installs those of the named Debian packages that are missing, with one apt-get update.
define apt_install
	@missing=$$(for package in $(1); do dpkg -s $$package >/dev/null 2>&1 || echo $$package; done); \
	[ -z "$$missing" ] || { $(SUDO) apt-get update && $(SUDO) apt-get install -y $$missing; }
endef

# Chromium for the browser tests (Playwright never downloads one), a CJK font for their
# screenshots of Chinese pages (the site itself uses the reader's fonts), gettext for the
# test that the Chinese catalogue is complete, Java for the Nu HTML Checker of the site crawl.
test-packages:
	$(call apt_install,chromium fonts-noto-cjk gettext default-jre-headless)

# axe-core for the accessibility tests and vnu-jar (the Nu HTML Checker) for the site crawl, at the
# versions package-lock.json pins. No install scripts: vnu-jar's fetches a Java runtime when it finds none,
# and the checker runs on Debian's (test-packages).
node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts

# The compiled catalogues are committed, so `make run` needs no gettext; updating them
# (`make messages`) and the test that the catalogue covers every string do.
gettext:
	$(call apt_install,gettext)

MESSAGES_IGNORE := --ignore='.venv/*' --ignore='node_modules/*' --ignore='staticfiles/*' --ignore='tests/*'
messages: $(VENV)/.runtime gettext
	DJANGO_SETTINGS_MODULE=portal.settings.test $(BIN)/python manage.py makemessages -l zh_Hans --no-obsolete $(MESSAGES_IGNORE)
	DJANGO_SETTINGS_MODULE=portal.settings.test $(BIN)/python manage.py compilemessages -l zh_Hans $(MESSAGES_IGNORE)

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache test-artifacts node_modules

# The portal beside a bare Django hello under gunicorn, loaded with wrk (portal/management/commands/bench.py):
# on a throwaway SQLite file, then on PostgreSQL with Redis when both answer. The databases, Redis
# database number and ports are the benchmark's own; override them to share a machine.
BENCH_DIR := $(CURDIR)/.bench
BENCH_POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432/portal_bench
BENCH_REDIS_URL ?= redis://127.0.0.1:6379/15
BENCH_OPTIONS ?= --workers $(WORKERS)
# The rate limits still count every request, but are raised so that the load reaches the pages.
BENCH_ENV = $(RUN_ENV) PAGE_CACHE_DIR=$(BENCH_DIR)/page-cache DJANGO_STATIC_ROOT=$(BENCH_DIR)/static \
	DJANGO_LOG_LEVEL=WARNING SEARCH_RATE_LIMIT=1000000/m API_RATE_LIMIT=1000000/m RENDER_RATE_LIMIT=1000000/m
bench: $(VENV)/.runtime .secret-key
	$(call apt_install,wrk)
	rm -rf $(BENCH_DIR) && mkdir -p $(BENCH_DIR)
	$(BENCH_ENV) DATABASE_URL=sqlite:///$(BENCH_DIR)/db.sqlite3 \
		$(BIN)/python manage.py bench --title "SQLite, pages in each worker's memory" $(BENCH_OPTIONS)
	$(BENCH_ENV) DATABASE_URL=$(BENCH_POSTGRES_URL) REDIS_URL=$(BENCH_REDIS_URL) \
		$(BIN)/python manage.py bench --title "PostgreSQL and Redis" $(BENCH_OPTIONS)
	rm -rf $(BENCH_DIR)
	$(MAKE) bench-dashboard

# Where a rendered page's time goes (portal/management/commands/profile_pages.py): the pages of `make bench`
# rendered in-process under cProfile with no page kept, on a throwaway SQLite file, then on PostgreSQL with
# Redis when both answer, in a database and Redis database of its own, so it may run beside `make bench`.
PROFILE_DIR := $(CURDIR)/.profile
PROFILE_POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432/portal_profile
PROFILE_REDIS_URL ?= redis://127.0.0.1:6379/13
PROFILE_OPTIONS ?=
PROFILE_ENV = $(RUN_ENV) PAGE_CACHE_KEEP=0 PAGE_CACHE_DIR=$(PROFILE_DIR)/page-cache \
	DJANGO_STATIC_ROOT=$(PROFILE_DIR)/static DJANGO_LOG_LEVEL=WARNING SEARCH_RATE_LIMIT=1000000/m \
	API_RATE_LIMIT=1000000/m RENDER_RATE_LIMIT=1000000/m
profile: $(VENV)/.runtime .secret-key
	rm -rf $(PROFILE_DIR) && mkdir -p $(PROFILE_DIR)
	$(PROFILE_ENV) DATABASE_URL=sqlite:///$(PROFILE_DIR)/db.sqlite3 \
		$(BIN)/python manage.py profile_pages --title "SQLite" $(PROFILE_OPTIONS)
	$(PROFILE_ENV) DATABASE_URL=$(PROFILE_POSTGRES_URL) REDIS_URL=$(PROFILE_REDIS_URL) \
		$(BIN)/python manage.py profile_pages --title "PostgreSQL and Redis" $(PROFILE_OPTIONS)
	rm -rf $(PROFILE_DIR)

# The search page at 100,000 articles, on a throwaway SQLite file, then on a throwaway PostgreSQL
# database (created and dropped; name it with BENCH_PG_DATABASE) when a server answers.
BENCH_SEARCH_DB := $(CURDIR)/.bench-search.sqlite3
BENCH_ARTICLES ?= 100000
BENCH_REQUESTS ?= 60
BENCH_PG_HOST ?= 127.0.0.1
BENCH_PG_PORT ?= 5432
BENCH_PG_DATABASE ?= bench_search
BENCH_PG_SERVER := postgresql://postgres@$(BENCH_PG_HOST):$(BENCH_PG_PORT)
# The search allowance still counts every request (in its table), raised so that all reach the page.
BENCH_SEARCH_ENV := DJANGO_SETTINGS_MODULE=portal.settings.dev DJANGO_DEBUG=0 SEARCH_RATE_LIMIT=1000000/m \
	RENDER_RATE_LIMIT=1000000/m
BENCH_SEARCH_RUN := $(BIN)/python manage.py migrate --noinput --verbosity 0 && \
	$(BIN)/python manage.py createcachetable && \
	$(BIN)/python manage.py bench_search --articles $(BENCH_ARTICLES) --requests $(BENCH_REQUESTS)
pg_admin = $(BIN)/python -c "import psycopg; psycopg.connect('$(BENCH_PG_SERVER)/postgres', autocommit=True).execute('$(1)')"
bench-search: $(VENV)/.runtime
	rm -f $(BENCH_SEARCH_DB)*
	$(BENCH_SEARCH_ENV) DATABASE_URL=sqlite:///$(BENCH_SEARCH_DB) sh -c '$(BENCH_SEARCH_RUN)'
	rm -f $(BENCH_SEARCH_DB)*
	@if $(BIN)/python -c "import socket; socket.create_connection(('$(BENCH_PG_HOST)', $(BENCH_PG_PORT)), 2)" 2>/dev/null; then \
		$(call pg_admin,DROP DATABASE IF EXISTS $(BENCH_PG_DATABASE)) && \
		$(call pg_admin,CREATE DATABASE $(BENCH_PG_DATABASE)) && \
		$(BENCH_SEARCH_ENV) DATABASE_URL=$(BENCH_PG_SERVER)/$(BENCH_PG_DATABASE) sh -c '$(BENCH_SEARCH_RUN)'; \
		status=$$?; $(call pg_admin,DROP DATABASE $(BENCH_PG_DATABASE)); exit $$status; \
	else echo "No PostgreSQL on $(BENCH_PG_HOST):$(BENCH_PG_PORT): SQLite only."; fi

# The dashboard of how the content serves readers on a year of counts at 100,000 articles (insights/management/
# commands/bench_dashboard.py), on a throwaway SQLite file, then on a throwaway PostgreSQL database (created and
# dropped; name it with BENCH_DASHBOARD_PG_DATABASE) when a server answers. Smaller: BENCH_DASHBOARD_OPTIONS.
BENCH_DASHBOARD_DB := $(CURDIR)/.bench-dashboard.sqlite3
BENCH_DASHBOARD_OPTIONS ?= --articles $(BENCH_ARTICLES) --days 365
BENCH_DASHBOARD_PG_DATABASE ?= bench_dashboard
BENCH_DASHBOARD_RUN := $(BIN)/python manage.py migrate --noinput --verbosity 0 && \
	$(BIN)/python manage.py bench_dashboard $(BENCH_DASHBOARD_OPTIONS)
bench-dashboard: $(VENV)/.runtime
	rm -f $(BENCH_DASHBOARD_DB)*
	$(BENCH_SEARCH_ENV) DATABASE_URL=sqlite:///$(BENCH_DASHBOARD_DB) sh -c '$(BENCH_DASHBOARD_RUN)'
	rm -f $(BENCH_DASHBOARD_DB)*
	@if $(BIN)/python -c "import socket; socket.create_connection(('$(BENCH_PG_HOST)', $(BENCH_PG_PORT)), 2)" 2>/dev/null; then \
		$(call pg_admin,DROP DATABASE IF EXISTS $(BENCH_DASHBOARD_PG_DATABASE)) && \
		$(call pg_admin,CREATE DATABASE $(BENCH_DASHBOARD_PG_DATABASE)) && \
		$(BENCH_SEARCH_ENV) DATABASE_URL=$(BENCH_PG_SERVER)/$(BENCH_DASHBOARD_PG_DATABASE) sh -c '$(BENCH_DASHBOARD_RUN)'; \
		status=$$?; $(call pg_admin,DROP DATABASE $(BENCH_DASHBOARD_PG_DATABASE)); exit $$status; \
	else echo "No PostgreSQL on $(BENCH_PG_HOST):$(BENCH_PG_PORT): SQLite only."; fi

# A bounded, local soak (portal/management/commands/soak.py) on a throwaway SQLite file: wrk with
# 100 connections for 60 s, 10,000 fuzzed inputs, a backup taken mid-load and restored. The rate
# limits are raised so that the load reaches the pages instead of stopping at 429; the render budget
# too (by the soak itself), except for the flood, which must meet the render budget and share as they
# are by default. Then one client's flood, and on a scratch PostgreSQL database with Redis (both must
# answer), a frozen PostgreSQL and a hanging Redis.
# One part alone: make soak SOAK_OPTIONS="--only flood --phase 5".
SOAK_DIR := $(CURDIR)/.soak
SOAK_POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432
SOAK_REDIS_URL ?= redis://127.0.0.1:6379/14
SOAK_OPTIONS ?=
soak: $(VENV)/.runtime .secret-key
	$(call apt_install,wrk)
	rm -rf $(SOAK_DIR) && mkdir -p $(SOAK_DIR)
	$(RUN_ENV) DATABASE_URL=sqlite:///$(SOAK_DIR)/db.sqlite3 DJANGO_STATIC_ROOT=$(SOAK_DIR)/static \
		FAQ_FEEDBACK_RATE_LIMIT=1000000/m SEARCH_RATE_LIMIT=1000000/m API_RATE_LIMIT=1000000/m \
		PAGE_CACHE_DIR=$(SOAK_DIR)/page-cache SOAK_POSTGRES_URL=$(SOAK_POSTGRES_URL) SOAK_REDIS_URL=$(SOAK_REDIS_URL) \
		$(BIN)/python manage.py soak $(SOAK_OPTIONS)
	rm -rf $(SOAK_DIR)
