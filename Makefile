# Parapet build and test entry points. `make demo` and `make test` each install
# what they need on a fresh machine (npm packages, the pinned OPA CLI, the moto
# virtual environment, PostgreSQL and Chromium from Debian's packages).

SHELL := /bin/bash
OPA_VERSION := 1.22.3
OPA = $(shell OPA_VERSION=$(OPA_VERSION) scripts/ensure-opa)
CAPABILITIES := engine/eval/capabilities.json
VENV := .venv
export PATH := $(CURDIR)/.tools/bin:$(PATH)

.PHONY: setup deps build opa venv test-services policy-check policy-test test tap demo bench clean

setup: deps opa build

deps: node_modules/.installed
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

opa:
	@OPA_VERSION=$(OPA_VERSION) scripts/ensure-opa >/dev/null

build: deps
	npm run --silent build
	npm run --silent build:web

# moto's server mode, for the AWS collector tests.
venv: $(VENV)/.installed
$(VENV)/.installed: scripts/requirements-test.txt
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install --quiet -r scripts/requirements-test.txt
	@touch $@

# Services the suite needs that a fresh machine lacks: PostgreSQL and Chromium.
test-services:
	@scripts/ensure-test-services

policy-check: opa
	$(OPA) fmt --fail --list policies
	$(OPA) check --strict --capabilities $(CAPABILITIES) policies
	$(OPA) test policies --capabilities $(CAPABILITIES)

policy-test: opa
	$(OPA) test policies --coverage --format json > .tap-policy-coverage.json || (cat .tap-policy-coverage.json; exit 1)

tap: build
	@mkdir -p .data; set -o pipefail; npx tap 2>&1 | tee .data/tap.log; status=$$?; scripts/tap-summary .data/tap.log; exit $$status

test: setup venv test-services policy-check tap

demo: setup
	bin/parapet scan --import examples/estate --bundle all --db .data/parapet.db --report out/report.html

bench: setup
	node --enable-source-maps dist/bench/run.js

clean:
	rm -rf dist .data out coverage .tap
