# Two commands matter: `make serve` (docs only) and `make test` (everything).
SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
PYTHON ?= python3
VENV := .venv
DOCS_VENV := .venv-docs
HOST ?= 127.0.0.1:8000
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: serve build test venv pr lint record check offline audit weight links screenshots searchbench bench browser graphviz flowchart tensorboard-screenshot npm clean wheel-sizes measure-cpu-knobs measure-quantization-latency conversions canary canary-venv facts

# --- environments ---
# A venv's .stamp holds a hash of the files it was installed from; it is reinstalled only when their content
# changes (not their file times: a fresh clone or a worktree has new times and the same content).
# $(call venv,DIR,FILES,INSTALL): create DIR and run INSTALL unless DIR/.stamp holds the hash of FILES.
content_hash = $(shell cat $(1) | sha256sum | cut -c1-16)
define venv
@if [ "$$(cat $(1)/.stamp 2>/dev/null)" != "$(call content_hash,$(2))" ]; then \
	  set -x; $(PYTHON) -m venv $(1) && $(3) && echo "$(call content_hash,$(2))" > $(1)/.stamp; fi
endef

$(DOCS_VENV)/.stamp: FORCE
	$(call venv,$(DOCS_VENV),requirements/docs.txt requirements/constraints.txt pyproject.toml,\
	  $(DOCS_VENV)/bin/pip install -q -r requirements/docs.txt -c requirements/constraints.txt)

$(VENV)/.stamp: FORCE
	$(call venv,$(VENV),requirements/docs.txt requirements/test.txt requirements/constraints.txt pyproject.toml,\
	  $(VENV)/bin/pip install -q -r requirements/test.txt -c requirements/constraints.txt)

FORCE:

# The test environment alone (frameworks, pytest; the package installed editable), without running anything.
venv: $(VENV)/.stamp

# Converters that cannot sit beside the pinned frameworks (reasons on docs/porting/conversion-matrix.md).
CONVERT_VENV := .venv-convert
$(CONVERT_VENV)/.stamp: FORCE
	$(call venv,$(CONVERT_VENV),requirements/conversions.txt requirements/conversions-nodeps.txt,\
	  $(CONVERT_VENV)/bin/pip install -q -r requirements/conversions.txt &&\
	  $(CONVERT_VENV)/bin/pip install -q --no-deps -r requirements/conversions-nodeps.txt)

# The suite's temp dir: its one site build is what the audit then measures (no second build). Outside the
# repository (messages name files under the repository by relative path; tests expect temp paths in full),
# and one per checkout, so two clones can test at once.
TEST_TMP := $(or $(TMPDIR),/tmp)/sidebyside-test-$(shell printf '%s' '$(CURDIR)' | md5sum | cut -c1-8)
PYTEST_ARGS ?=

# --- the two commands ---
serve: $(DOCS_VENV)/.stamp
	$(DOCS_VENV)/bin/python -m mkdocs serve --dev-addr $(HOST) --livereload

test: $(VENV)/.stamp browser graphviz npm lint
	$(VENV)/bin/python -m sidebyside check  # every pair recorded, shown on a page and in parity; data valid and its links resolved
	$(VENV)/bin/python -m pytest -n auto --dist worksteal --basetemp=$(TEST_TMP) $(PYTEST_ARGS)
	$(MAKE) --no-print-directory audit AUDIT_FLAGS="--site $(TEST_TMP)/sbs-hosted/site"  # the site the tests just built and checked

# --- the rest ---
build: $(DOCS_VENV)/.stamp
	$(DOCS_VENV)/bin/python -m mkdocs build --strict

lint: $(VENV)/.stamp
	$(VENV)/bin/ruff check .
	$(VENV)/bin/codespell docs snippets sidebyside tests README.md CONTRIBUTING.md

record: $(VENV)/.stamp
	$(VENV)/bin/python -m sidebyside record $(WHAT)
	$(VENV)/bin/python -m sidebyside notebooks  # re-executes only notebooks whose source changed

check: $(VENV)/.stamp
	$(VENV)/bin/python -m sidebyside check

# Before a pull request, for the topic or pair you changed: lint, check (snippet tree, @pair references,
# data links), its snippet and parity tests, and the strict build. Minutes, not the whole suite.
pr: $(VENV)/.stamp lint
	@[ -n "$(WHAT)" ] || { echo "usage: make pr WHAT=topic or WHAT=topic/pair" >&2; exit 2; }
	$(VENV)/bin/python -m sidebyside check $(WHAT)
	$(VENV)/bin/python -m pytest -q -n 0 tests/test_snippets.py tests/test_parity.py -k "$(WHAT)"
	$(VENV)/bin/python -m mkdocs build --strict -d build/pr-site

browser:
	@command -v chromium >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }
	@chromium --version

graphviz:
	@command -v dot >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq graphviz >/dev/null; }

# Redraw data/flowchart.svg from data/decision.yml (the build checks it is current; tests redraw and compare).
flowchart: $(DOCS_VENV)/.stamp graphviz
	$(DOCS_VENV)/bin/python -m sidebyside.site.flowchart

# Re-capture docs/assets/images/tensorboard-both-runs.png: both frameworks' runs in a real TensorBoard on 127.0.0.1.
tensorboard-screenshot: $(VENV)/.stamp browser
	$(VENV)/bin/python scripts/tensorboard_screenshot.py

# Benchmarks: full run (<= 10 min on 2 cores) -> data/bench/<date>-<machine>.json, then the charts.
bench: $(VENV)/.stamp
	$(VENV)/bin/pip install -q -r requirements/bench.txt
	out=$$($(VENV)/bin/python -m sidebyside.tools.bench.run) && $(VENV)/bin/python -m sidebyside.tools.bench.charts "$$out" docs/assets/bench

# Registry facts for the hardware page: pinned frameworks' wheel sizes per platform -> data/facts/wheel-sizes.json.
wheel-sizes: $(VENV)/.stamp
	$(VENV)/bin/python -m sidebyside.tools.wheel_sizes

# Measured data rendered on the profiling and quantization pages (a few minutes each; re-run on a quiet machine).
measure-cpu-knobs: $(VENV)/.stamp
	$(VENV)/bin/python -m sidebyside.tools.cpu_knobs
measure-quantization-latency: $(VENV)/.stamp
	$(VENV)/bin/python -m sidebyside.tools.quant_latency

# Conversion matrix: every path x family, each cell in its own process -> data/conversions/matrix.json (ARGS=--jobs 2).
conversions: $(VENV)/.stamp $(CONVERT_VENV)/.stamp
	nice -n 10 $(VENV)/bin/python -m sidebyside.tools.conversions.run $(ARGS)

# Project figures for the budgets: build time, page weight, one topic's snippet time. ARGS=--tests instead times
# the suite as a multiple of 'import tensorflow' and lists the 15 slowest tests (also --runs N, --load, --fresh).
measure: $(VENV)/.stamp
	$(VENV)/bin/python -m sidebyside.tools.measure $(ARGS)

# Offline HTML for file:// reading -> dist/tf-vs-pytorch-offline.zip (search works, no network request).
offline: $(DOCS_VENV)/.stamp npm
	$(DOCS_VENV)/bin/python -m sidebyside.site.sitebuild offline

# Lighthouse on the hosted build served on 127.0.0.1: desktop scores gate; mobile (median of 3) gates too, with the
# CPU slowdown calibrated to the host's measured benchmark index (see sidebyside/tools/audit.py).
AUDIT_FLAGS ?=
audit: $(VENV)/.stamp browser npm
	$(VENV)/bin/python -m sidebyside.tools.audit $(AUDIT_FLAGS)

# Gzipped first-load bytes per built page (budget 150 KB); internal links/anchors + external-link list.
weight: build
	$(DOCS_VENV)/bin/python -m sidebyside.tools.pageweight site
links: build
	$(DOCS_VENV)/bin/python -m sidebyside.tools.linkcheck site --report build/external-links.txt

# Search index size and keystroke-to-results time on the offline zip.
searchbench: $(VENV)/.stamp browser npm
	$(VENV)/bin/python -m sidebyside.tools.searchbench

# Home, comparison, flowchart, chooser, benchmarks, a topic and a notebook; light/dark, phone/desktop -> screenshots/ (git-ignored) for review.
screenshots: $(VENV)/.stamp browser
	$(VENV)/bin/python -m sidebyside.tools.screenshots

# Canary: newest stable tensorflow-cpu, torch, keras and jax (as far as this machine's pip config allows) in a
# separate venv; every pair re-run against its recording -> data/canary/<date>.json. make test keeps the pins.
CANARY_VENV := .venv-canary
canary-venv:
	[ -x $(CANARY_VENV)/bin/python ] || $(PYTHON) -m venv $(CANARY_VENV)
	sed -E '/^(tensorflow-cpu|torch|keras|jax\[cpu\]|jaxlib)==/d; s#^-r docs.txt#-r $(CURDIR)/requirements/docs.txt#' requirements/test.txt > $(CANARY_VENV)/requirements.txt
	printf 'tensorflow-cpu\ntorch\nkeras\njax[cpu]\n' >> $(CANARY_VENV)/requirements.txt
	$(CANARY_VENV)/bin/pip install -q --upgrade -r $(CANARY_VENV)/requirements.txt
canary: canary-venv
	mkdir -p build
	nice -n 10 $(CANARY_VENV)/bin/python -m sidebyside.tools.canary --record data/canary --report build/canary-report.md --outdir build/canary-outputs

# Facts a registry can answer (newest versions + release dates on PyPI and npm) -> data/facts/<date>.json, then drift;
# every tracked package's final releases since 2024 -> data/facts/releases.json (the release ledger is tested against it).
facts: $(VENV)/.stamp
	$(VENV)/bin/python -m sidebyside.tools.facts

npm:
	@if [ -f package-lock.json ]; then [ -d node_modules ] && [ node_modules/.package-lock.json -nt package-lock.json ] || npm ci --no-audit --no-fund; fi

clean:
	rm -rf site dist build .pytest_cache
