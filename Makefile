# The entry point: `make shell`, `make serve`, `make test` work on a fresh machine.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV        ?= .venv
PY          := $(VENV)/bin/python
RASA        := $(VENV)/bin/rasa
# Rasa with our replacements of its code installed (bot/rasa_patches, Rasa 3.6.21 only)
RASA_MAIN   := $(PY) -m bot.runtime.rasa_main
STAMPS      := .stamps
export TF_CPP_MIN_LOG_LEVEL ?= 2
export PYTHONHASHSEED ?= 0
export ACTIONS_PORT ?= 5055
export RASA_PORT ?= 5005
export WEB_PORT ?= 8080
export HOST ?= 127.0.0.1
export ACTION_ENDPOINT_URL ?= http://127.0.0.1:$(ACTIONS_PORT)/webhook
export TRACKER_DB_URL ?= sqlite:///$(CURDIR)/var/conversations.db
export RASA_TELEMETRY_ENABLED := false
export SQLALCHEMY_SILENCE_UBER_WARNING := 1

KB_DATA     := $(wildcard programme_kb/data/*.yml)
NLU_LOOKUPS := data/nlu/generated/kb_lookups.yml
TRAIN_INPUT := config.yml domain.yml $(NLU_LOOKUPS) $(shell find data -name '*.yml' -not -path 'data/nlu/generated/*') bot/plugins/components.py \
              programme_kb/language.py programme_kb/language_words.yml programme_kb/text.py
# ^ the tokenizer lemmatises in the detected language: a change there changes the features.
MODEL_STAMP := $(STAMPS)/model

.PHONY: help install lock train shell serve test lint typecheck test-unit validate test-rasa test-e2e test-deploy kb-check bench bench-deploy clean purge report admin-user

# make test / make test-e2e: before anything slow, are Chromium and npm here? If not,
# one line says what to install (tools/check_prereqs.sh; .ci/run installs them as root).
ifneq ($(filter test test-e2e,$(MAKECMDGOALS)),)
PREREQS_MISSING := $(shell $(SHELL) tools/check_prereqs.sh 2>&1)
ifneq ($(PREREQS_MISSING),)
$(error $(PREREQS_MISSING))
endif
endif

help:
	@echo "make shell | serve | test | train | bench | bench-deploy | test-deploy | kb-check | purge [DAYS=N] | report [FROM= TO=] | admin-user NAME= | install | lock | clean"

## install: .venv with Python 3.10 and the locked dependencies (requirements-dev.txt, every file's hash checked)
install: $(STAMPS)/install
$(STAMPS)/install: requirements-dev.txt
	@py=$$(bash tools/find_python310.sh) || exit 1; \
	  if [ ! -x $(PY) ] || ! $(PY) -c 'import sys; assert sys.version_info[:2] == (3, 10)' 2>/dev/null; then \
	    rm -rf $(VENV); "$$py" -m venv $(VENV); fi
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade "pip==24.0"
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements-dev.txt
	$(PY) -m programme_kb check
	@mkdir -p $(STAMPS) && touch $@

## lock: after editing requirements*.in or a version in constraints.txt — the lock files
## (whole closure, sha256 of every file) and constraints.txt (the same versions, no hashes)
UV          ?= $(VENV)/bin/uv
UV_COMPILE  := $(UV) pip compile --quiet --python $(PY) --generate-hashes --no-emit-index-url \
              --custom-compile-command "make lock" -c constraints.txt
lock: $(STAMPS)/install
	$(UV_COMPILE) requirements.in -o requirements.txt
	$(UV_COMPILE) requirements-dev.in -o requirements-dev.txt
	{ echo "# Every package's version: requirements-dev.txt without hashes, written by make lock."; \
	  echo "# Both lock files are compiled under it: change a version here, then run make lock."; \
	  sed -n 's/^\([A-Za-z0-9][^ ]*==[^ ]*\).*/\1/p' requirements-dev.txt; } > constraints.txt.new
	mv constraints.txt.new constraints.txt

kb-check: $(STAMPS)/install
	$(PY) -m programme_kb check

# A KB edit re-runs only the (cheap) export: it rewrites the lookups only when their
# content changes, and the model depends on the lookups file, not on the KB — an FAQ
# answer or a fact is served without retraining, a new place name retrains.
# The `+` lines run under `make -n` too, so a dry run tells the truth about training;
# the lookups' own recipe only makes make read their mtime again after the export.
KB_EXPORT   := $(STAMPS)/kb-export
$(KB_EXPORT): $(KB_DATA) programme_kb/nlu_export.py $(STAMPS)/install
	+$(PY) -m programme_kb.nlu_export $(NLU_LOOKUPS)
	+@mkdir -p $(STAMPS) && touch $@
$(NLU_LOOKUPS): $(KB_EXPORT)
	+@test -f $@ || $(PY) -m programme_kb.nlu_export $@

## train: only when data, domain, config or our NLU components changed
train: $(MODEL_STAMP)
$(MODEL_STAMP): $(TRAIN_INPUT) $(STAMPS)/install
	$(RASA_MAIN) train --fixed-model-name assistant --out models --num-threads 2
	@mkdir -p $(STAMPS) && touch $@

shell: $(MODEL_STAMP)
	$(PY) -m bot.runtime.launcher shell

serve: $(MODEL_STAMP)
	$(PY) -m bot.runtime.launcher serve

lint: $(STAMPS)/install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

typecheck: $(STAMPS)/install
	$(VENV)/bin/mypy

test-unit: $(STAMPS)/install $(NLU_LOOKUPS)
	$(PY) -m pytest -q -m "not e2e and not rasa and not deploy"

validate: $(STAMPS)/install $(NLU_LOOKUPS)
	$(RASA) data validate --max-history 4

test-rasa: $(MODEL_STAMP)
	$(PY) -m pytest -q -m "rasa and not e2e"

AXE := tests/widget/node_modules/axe-core/axe.min.js
$(AXE): tests/widget/package.json tests/widget/package-lock.json
	npm ci --prefix tests/widget --no-audit --no-fund

test-e2e: $(MODEL_STAMP) $(AXE)
	CHROMIUM="$${CHROMIUM:-$$(command -v chromium)}" $(PY) -m pytest -q -m e2e

## test: the stages in order, each printing its own time; the first failure stops it
TEST_STAGES := lint typecheck test-unit validate train test-rasa test-e2e
test:
	@for stage in $(TEST_STAGES); do \
	  start=$$(date +%s); echo "== stage $$stage"; \
	  $(MAKE) --no-print-directory $$stage || { \
	    echo "== stage $$stage FAILED after $$(( $$(date +%s) - start )) s"; exit 1; }; \
	  echo "== stage $$stage: $$(( $$(date +%s) - start )) s"; \
	done

## test-deploy: the scaled stack (PostgreSQL, Redis, nginx, two Rasa); .ci/run runs it too
test-deploy: $(MODEL_STAMP)
	bash deploy/ci-prepare.sh
	$(PY) -m pytest -q -m deploy tests/deploy

bench: $(MODEL_STAMP)
	$(PY) bench/run_all.py

## bench-deploy: throughput and latency of the three set-ups (results/deploy_benchmark.md, docs/deploy_benchmark.png)
bench-deploy: $(MODEL_STAMP)
	bash deploy/ci-prepare.sh
	$(PY) bench/deploy_load.py --out results/deploy_benchmark.md

RETENTION_DAYS ?= 180
DAYS ?= $(RETENTION_DAYS)
REPORT_DIR ?= var/report

## purge: delete conversations older than DAYS days (default RETENTION_DAYS, 180)
purge: $(STAMPS)/install
	$(PY) -m bot.secretariat.retention purge --days $(DAYS)

## report: HTML + CSV of the conversations in $(REPORT_DIR) (optional FROM=YYYY-MM-DD TO=YYYY-MM-DD)
report: $(STAMPS)/install
	$(PY) -m bot.secretariat.report --out $(REPORT_DIR) $(if $(FROM),--from $(FROM)) $(if $(TO),--to $(TO))

## admin-user: create or reset a workspace account (the password is asked, never given here)
admin-user: $(STAMPS)/install
	@test -n "$(NAME)" || { echo "make admin-user NAME=<namn/navn>"; exit 2; }
	$(PY) -m bot.secretariat.workspace.accounts add '$(NAME)'

clean:
	rm -rf models $(STAMPS) results .pytest_cache .mypy_cache .ruff_cache
