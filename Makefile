# collab.portal: `make start` serves the demo site, `make test` runs all tests.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
HOST ?= localhost
PORT ?= 8080
TRUSTED_PROXIES ?=
SITE_ID ?= Plone
ADMIN ?= admin:admin
STORAGE ?= filestorage
DSN ?= dbname='collab' host='127.0.0.1' port='5433' user='collab' password='collab'
INSTANCE ?= instance
NAME ?= $(INSTANCE)
VAR ?= var
PIDFILE := $(VAR)/$(NAME).pid
# MAIL=catch: `make start` runs a local SMTP server keeping all mail in
# $(VAR)/mail and points the site at it (`make mail` lists what arrived).
MAIL ?=
MAIL_PORT ?= $(shell expr $(PORT) + 10000)
MAIL_PIDFILE := $(VAR)/$(NAME)-mail.pid
export zope_i18n_compile_mo_files := true

.PHONY: help install instance site start run stop status mail test test-fast test-slow \
        lint format i18n bench constraints clean system-deps postgres postgres-stop

help:  ## Show the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-12s %s\n", $$1, $$2}'

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11, 5) and sys.version_info < (3, 12) else "Python 3.11.5 or newer 3.11 is needed (PYTHON=...); found " + sys.version.split()[0])'
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: $(BIN)/python constraints.txt setup.py
	$(BIN)/pip install -q -c constraints.txt pip setuptools wheel
	$(BIN)/pip install -q -c constraints.txt --no-build-isolation -e '.[test,dev,postgres]'
	touch $@

install: $(VENV)/.installed  ## Create .venv and install everything pinned

instance: install  ## Write the Zope instance configuration (STORAGE=filestorage|postgres)
	@$(BIN)/collab-portal instance --directory $(INSTANCE) --var $(VAR) --name $(NAME) \
	  --storage $(STORAGE) --dsn "$(DSN)" --host $(HOST) --port $(PORT) \
	  $(foreach proxy,$(TRUSTED_PROXIES),--trusted-proxy $(proxy)) >/dev/null

site: instance  ## Create the site from the collab-portal distribution if missing
	@mkdir -p $(VAR)/filestorage $(VAR)/blobstorage $(VAR)/log $(VAR)/cache
	@$(BIN)/collab-portal create-site --zope-conf $(INSTANCE)/etc/zope.conf \
	  --id $(SITE_ID) --languages en,es,fr --admin $(ADMIN) --if-missing

start:  ## Install, create the site if missing, serve on http://localhost:8080 with its clock (starts whichever is missing; MAIL=catch: keep mail locally)
	@if bash scripts/server.sh running $(INSTANCE)/etc/zope.ini $(PIDFILE); then \
	  bash scripts/server.sh start $(INSTANCE)/etc/zope.ini $(PIDFILE) http://$(HOST):$(PORT)/$(SITE_ID) $(ADMIN); \
	else \
	  $(MAKE) --no-print-directory site && \
	  $(if $(filter catch,$(MAIL)),bash scripts/mailcatcher.sh start $(MAIL_PIDFILE) $(VAR)/mail $(MAIL_PORT) && \
	  $(BIN)/collab-portal mail-settings --zope-conf $(INSTANCE)/etc/zope.conf --id $(SITE_ID) \
	    --smtp-host localhost --smtp-port $(MAIL_PORT) && ,)\
	  bash scripts/server.sh start $(INSTANCE)/etc/zope.ini $(PIDFILE) http://$(HOST):$(PORT)/$(SITE_ID) $(ADMIN); \
	fi
	@echo "Collaboration Portal: http://$(HOST):$(PORT)/$(SITE_ID)  (login $(firstword $(subst :, ,$(ADMIN))) / $(lastword $(subst :, ,$(ADMIN))))"

run: site  ## Serve in the foreground (Ctrl-C stops)
	$(BIN)/runwsgi $(INSTANCE)/etc/zope.ini

stop:  ## Stop the server started by make start (and its mail catcher)
	@bash scripts/server.sh stop $(INSTANCE)/etc/zope.ini $(PIDFILE)
	@bash scripts/mailcatcher.sh stop $(MAIL_PIDFILE)

mail:  ## List the mail caught by make start MAIL=catch (SHOW=n prints one)
	@$(BIN)/python scripts/mail.py $(VAR)/mail $(if $(SHOW),--show $(SHOW),)

status:  ## Are the server and its clock loop running? (exit 1 unless both)
	@bash scripts/server.sh status $(INSTANCE)/etc/zope.ini $(PIDFILE)

system-deps:
	@bash scripts/system-deps.sh

test: install system-deps  ## Run the whole test suite (all layers)
	$(BIN)/python scripts/run_tests.py

test-fast: install  ## Run all but the slow layers (browser, PostgreSQL, buildout)
	$(BIN)/python scripts/run_tests.py --fast

test-slow: install system-deps  ## Run only the slow layers
	$(BIN)/python scripts/run_tests.py --slow

lint: install  ## ruff, zpretty and the house's import rules (.importlinter)
	$(BIN)/lint-imports --no-cache
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/ruff format --check src tests bench scripts
	find src -name '*.zcml' -o -name '*.xml' -o -name '*.pt' | grep -v '/locales/' | xargs $(BIN)/zpretty --check

format: install  ## Apply ruff and zpretty formatting
	$(BIN)/ruff check --fix src tests bench scripts
	$(BIN)/ruff format src tests bench scripts
	find src -name '*.zcml' -o -name '*.xml' -o -name '*.pt' | grep -v '/locales/' | xargs $(BIN)/zpretty -i

i18n: install  ## Extract messages and sync the es and fr catalogues
	bash scripts/i18n.sh

postgres:  ## Start a project-local PostgreSQL on 127.0.0.1:5433 (for STORAGE=postgres)
	@bash scripts/postgres.sh start

postgres-stop:  ## Stop the project-local PostgreSQL
	@bash scripts/postgres.sh stop

bench: install  ## Benchmarks against a plain Document in the same run
	$(BIN)/python bench/run.py

constraints:  ## Regenerate constraints.txt from the current .venv
	bash scripts/freeze.sh

clean:  ## Remove the venv and the instance configuration (keeps var/)
	rm -rf $(VENV) $(INSTANCE) src/*.egg-info
