# Two commands matter: `make serve` (docs only) and `make test` (everything). `make` alone lists every target.
SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
PYTHON ?= python3
VENV := .venv
DOCS_VENV := .venv-docs
HOST ?= 127.0.0.1:8000
export NO_MKDOCS_2_WARNING := 1
# Bytecode goes to one cache outside the source tree, shared by every process here (snippets, kernels, servers
# included: sidebyside/pairs/runner.py passes it on): each module is compiled once, by its first importer.
export PYTHONPYCACHEPREFIX := $(CURDIR)/.cache/pycache
unexport PYTHONDONTWRITEBYTECODE  # a machine may set it; it would turn the cache off

.PHONY: help serve build test setup warm venv pr lint record check offline audit weight links screenshots searchbench bench system-deps browser graphviz flowchart tensorboard-screenshot npm clean wheel-sizes measure-cpu-knobs measure-quantization-latency conversions canary canary-venv facts measure
.DEFAULT_GOAL := help

# Each target's line ends with '## what it does'; help prints those, one line per target.
help:  ## list every target with what it does
	@awk -F':.*## ' '/^[a-z][a-z-]*:.*## /{printf "  make %-30s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

# --- environments ---
# A venv's .stamp holds a hash of the files it was installed from; it is reinstalled only when their content
# changes (not their file times: a fresh clone or a worktree has new times and the same content; of pyproject.toml
# only what pip reads counts). $(call venv,DIR,FILES,INSTALL): create DIR and run INSTALL unless DIR/.stamp
# holds the hash of FILES.
# uv installs, from this machine's pip configuration (sidebyside/tools/install.py: 4x faster than pip here).
INSTALL := $(PYTHON) -m sidebyside.tools.install
define venv
@hash=$$(python3 -m sidebyside.tools.venv_stamp $(2)); if [ "$$(cat $(1)/.stamp 2>/dev/null)" != "$$hash" ]; then \
	  set -x; $(PYTHON) -m venv $(1) && $(3) && echo "$$hash" > $(1)/.stamp; fi
endef

$(DOCS_VENV)/.stamp: FORCE
	$(call venv,$(DOCS_VENV),requirements/docs.txt requirements/constraints.txt requirements/uv.txt pyproject.toml,\
	  $(INSTALL) $(DOCS_VENV) -q -r requirements/docs.txt -c requirements/constraints.txt)

# Installs compile nothing (sidebyside/tools/install.py): 'warm' compiles what the suite imports.
$(VENV)/.stamp: FORCE
	$(call venv,$(VENV),requirements/docs.txt requirements/test.txt requirements/constraints.txt requirements/uv.txt pyproject.toml,\
	  $(INSTALL) $(VENV) -q -r requirements/test.txt -c requirements/constraints.txt)

FORCE:

venv: $(VENV)/.stamp  ## the test environment alone (.venv: frameworks, pytest, docs stack, this package editable)

# Converters that cannot sit beside the pinned frameworks (reasons on docs/porting/conversion-matrix.md).
CONVERT_VENV := .venv-convert
$(CONVERT_VENV)/.stamp: FORCE
	$(call venv,$(CONVERT_VENV),requirements/conversions.txt requirements/conversions-nodeps.txt requirements/uv.txt,\
	  $(INSTALL) $(CONVERT_VENV) -q -r requirements/conversions.txt &&\
	  $(INSTALL) $(CONVERT_VENV) -q --no-deps -r requirements/conversions-nodeps.txt)

# The suite's temp dir: its one site build is what the audit then measures (no second build). Outside the
# repository (messages name files under the repository by relative path; tests expect temp paths in full),
# and one per checkout, so two clones can test at once.
TEST_TMP := $(or $(TMPDIR),/tmp)/sidebyside-test-$(shell printf '%s' '$(CURDIR)' | md5sum | cut -c1-8)
PYTEST_ARGS ?=

# --- the two commands ---
serve: $(DOCS_VENV)/.stamp  ## docs-only venv, build and serve on http://$(HOST)/
	$(DOCS_VENV)/bin/python -m mkdocs serve --dev-addr $(HOST) --livereload

# The test venv (then 'warm') and the npm tools install side by side: npm mostly unpacks.
setup:  ## the test venv and the npm tools (Lighthouse, axe-core), installed side by side
	$(MAKE) --no-print-directory -j2 --output-sync=target warm npm

# Without it, both test workers would compile the same framework modules at the same moment. Two processes, one
# per core: 29 s here from an empty cache, where compiling every installed module at install took 64 s.
warm: $(VENV)/.stamp  ## compile the frameworks' modules into the bytecode cache (make test runs it)
	$(VENV)/bin/python -c "import tensorflow, keras, tensorboard" & pid=$$!; \
	  $(VENV)/bin/python -c "import torch, sklearn, matplotlib.pyplot, jax, mkdocs, playwright.sync_api, pytest"; wait $$pid

test: system-deps setup lint  ## everything: lint, check, the whole suite (browser tests included), the audit
	$(VENV)/bin/python -m sidebyside check  # every pair recorded, shown on a page and in parity; data valid and its links resolved
	$(VENV)/bin/python -m pytest -n auto --dist worksteal --basetemp=$(TEST_TMP) $(PYTEST_ARGS)
	# The site the tests just built and checked, on a quiet host: desktop, and mobile at the CPU slowdown each
	# run's own benchmark index calls for (performance >= 90 on the median of three runs, five where two split). Run beside the suite,
	# the mobile scores fell to 87 under its load even calibrated, so the audit waits for the suite to end.
	$(MAKE) --no-print-directory audit AUDIT_FLAGS="--site $(TEST_TMP)/sbs-hosted/site"

# --- the rest ---
build: $(DOCS_VENV)/.stamp  ## strict build into site/
	$(DOCS_VENV)/bin/python -m mkdocs build --strict

lint: $(VENV)/.stamp  ## ruff on the code, codespell on the words
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff check snippets --select E501 --config line-length=88  # the page shows snippets: short lines
	$(VENV)/bin/codespell docs snippets sidebyside tests README.md CONTRIBUTING.md

record: $(VENV)/.stamp  ## re-run snippets (WHAT=topic[/pair]) and changed notebooks, rewrite their outputs
	$(VENV)/bin/python -m sidebyside record $(WHAT)
	$(VENV)/bin/python -m sidebyside notebooks  # re-executes only notebooks whose source changed

check: $(VENV)/.stamp  ## pairs, parity, data files, prose figures, in seconds, running nothing
	$(VENV)/bin/python -m sidebyside check

# Before a pull request: lint, check, then only the tests that what the branch changed against main needs
# (pairs, pages, data rows, notebooks, code; see sidebyside/tools/pr.py), and the strict build when the site changed.
# WHAT=topic, WHAT=topic/pair or WHAT=<file> checks that instead; BASE=<branch> measures against another branch.
BASE ?= main
pr: $(VENV)/.stamp lint  ## lint, check and the tests the branch's changes need (or WHAT=topic[/pair]|file)
	$(VENV)/bin/python -m sidebyside.tools.pr --base $(BASE) $(if $(WHAT),--what "$(WHAT)")

# Debian packages the browser tests and the flowchart need. The only target that runs apt-get (as root).
SYSTEM_PACKAGES := chromium graphviz
system-deps:  ## Debian packages (chromium, graphviz) via apt-get, when missing; make test runs it
	@missing=""; command -v chromium >/dev/null || missing="$$missing chromium"; command -v dot >/dev/null || missing="$$missing graphviz"; \
	if [ -n "$$missing" ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; fi

browser:  ## check that Chromium is installed (make system-deps installs it)
	@command -v chromium >/dev/null || { echo "chromium not found: run 'make system-deps' (apt-get, as root)" >&2; exit 1; }
	@chromium --version

graphviz:  ## check that Graphviz is installed (make system-deps installs it)
	@command -v dot >/dev/null || { echo "dot (graphviz) not found: run 'make system-deps' (apt-get, as root)" >&2; exit 1; }

# Redraw data/flowchart.svg from data/decision.yml (the build checks it is current; tests redraw and compare).
flowchart: $(DOCS_VENV)/.stamp graphviz  ## redraw data/flowchart.svg from data/decision.yml
	$(DOCS_VENV)/bin/python -m sidebyside.site.flowchart

# Re-capture docs/assets/images/tensorboard-both-runs.png: both frameworks' runs in a real TensorBoard on 127.0.0.1.
tensorboard-screenshot: $(VENV)/.stamp browser  ## re-capture the TensorBoard screenshot from a real TensorBoard
	$(VENV)/bin/python scripts/tensorboard_screenshot.py

# Benchmarks: full run (<= 10 min on 2 cores) -> data/bench/<date>-<machine>.json, then the charts.
bench: $(VENV)/.stamp  ## benchmarks into data/bench/, then the charts
	$(INSTALL) $(VENV) -q -r requirements/bench.txt
	out=$$($(VENV)/bin/python -m sidebyside.tools.bench.run) && $(VENV)/bin/python -m sidebyside.tools.bench.charts "$$out" docs/assets/bench

# Registry facts for the hardware page: pinned frameworks' wheel sizes per platform -> data/facts/wheel-sizes.json.
wheel-sizes: $(VENV)/.stamp  ## pinned frameworks' wheel sizes per platform into data/facts/wheel-sizes.json
	$(VENV)/bin/python -m sidebyside.tools.wheel_sizes

# Measured data rendered on the profiling and quantization pages (a few minutes each; re-run on a quiet machine).
measure-cpu-knobs: $(VENV)/.stamp  ## the profiling page's CPU-knob measurements
	$(VENV)/bin/python -m sidebyside.tools.cpu_knobs
measure-quantization-latency: $(VENV)/.stamp  ## the quantization page's latency measurements
	$(VENV)/bin/python -m sidebyside.tools.quant_latency

# Conversion matrix: every path x family, each cell in its own process -> data/conversions/matrix.json (ARGS=--jobs 2).
conversions: $(VENV)/.stamp $(CONVERT_VENV)/.stamp  ## the conversion matrix into data/conversions/matrix.json
	nice -n 10 $(VENV)/bin/python -m sidebyside.tools.conversions.run $(ARGS)

# Project figures for the budgets: build time, page weight, one topic's snippet time. ARGS=--tests instead times
# the suite as a multiple of 'import tensorflow' and lists the 15 slowest tests (also --runs N, --load, --fresh).
measure: $(VENV)/.stamp  ## build time, page weight, snippet time; ARGS=--tests times the suite
	$(VENV)/bin/python -m sidebyside.tools.measure $(ARGS)

# Offline HTML for file:// reading -> dist/tf-vs-pytorch-offline.zip (search works, no network request).
offline: $(DOCS_VENV)/.stamp npm  ## the offline zip in dist/ (works from file://)
	$(DOCS_VENV)/bin/python -m sidebyside.site.sitebuild offline

# Lighthouse on the hosted build served on 127.0.0.1: desktop scores gate; mobile (median of 3, or 5 where the first two split) gates too, with the
# CPU slowdown calibrated to the host's measured benchmark index (see sidebyside/tools/audit.py).
AUDIT_FLAGS ?=
audit: $(VENV)/.stamp browser npm  ## Lighthouse on the hosted build served on 127.0.0.1 (scores gate)
	$(VENV)/bin/python -m sidebyside.tools.audit $(AUDIT_FLAGS)

# Gzipped first-load bytes per built page (budget 150 KB); internal links/anchors + external-link list.
weight: build  ## gzipped first-load bytes per page (budget 150 KB)
	$(DOCS_VENV)/bin/python -m sidebyside.tools.pageweight site
links: build  ## internal links and anchors; external links listed in build/external-links.txt
	$(DOCS_VENV)/bin/python -m sidebyside.tools.linkcheck site --report build/external-links.txt

# Search index size and keystroke-to-results time on the offline zip.
searchbench: $(VENV)/.stamp browser npm  ## search index size and keystroke-to-results time
	$(VENV)/bin/python -m sidebyside.tools.searchbench

# Every page; light/dark, phone/desktop -> screenshots/ (git-ignored) for review.
screenshots: $(VENV)/.stamp browser  ## light/dark, phone/desktop screenshots into screenshots/ for review
	$(VENV)/bin/python -m sidebyside.tools.screenshots

# Canary: newest stable tensorflow-cpu, torch, keras and jax (as far as this machine's pip config allows) in a
# separate venv; every pair re-run against its recording -> data/canary/<date>.json. make test keeps the pins.
CANARY_VENV := .venv-canary
canary-venv:  ## .venv-canary with the newest stable frameworks
	[ -x $(CANARY_VENV)/bin/python ] || $(PYTHON) -m venv $(CANARY_VENV)
	sed -E '/^(tensorflow-cpu|torch|keras|jax\[cpu\]|jaxlib)==/d; s#^-r docs.txt#-r $(CURDIR)/requirements/docs.txt#' requirements/test.txt > $(CANARY_VENV)/requirements.txt
	printf 'tensorflow-cpu\ntorch\nkeras\njax[cpu]\n' >> $(CANARY_VENV)/requirements.txt
	$(INSTALL) $(CANARY_VENV) -q --upgrade -r $(CANARY_VENV)/requirements.txt
canary: canary-venv  ## every pair on the newest releases into data/canary/<date>.json
	mkdir -p build
	nice -n 10 $(CANARY_VENV)/bin/python -m sidebyside.tools.canary --record data/canary --report build/canary-report.md --outdir build/canary-outputs
	$(CANARY_VENV)/bin/python -m sidebyside.tools.wheel_sizes --check

# Facts a registry can answer (newest versions + release dates on PyPI and npm) -> data/facts/<date>.json, then drift;
# every tracked package's final releases since 2024 -> data/facts/releases.json (the release ledger is tested against it).
facts: $(VENV)/.stamp  ## newest releases from PyPI and npm into data/facts/<date>.json, then drift
	$(VENV)/bin/python -m sidebyside.tools.facts

npm:  ## the npm tools pinned in package-lock.json (Lighthouse, the search shim)
	@if [ -f package-lock.json ]; then [ -d node_modules ] && [ node_modules/.package-lock.json -nt package-lock.json ] || npm ci --no-audit --no-fund; fi

clean:  ## remove site/, dist/, build/ and pytest's cache
	rm -rf site dist build .pytest_cache
