# Two commands: `make run` (install, ingest corpus/, serve) and `make test`.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
# Two stamps: serving needs the package alone (the bundled e5 model runs without torch); tests add torch,
# sentence-transformers and the test tools.
SERVE_STAMP := $(VENV)/.installed-serve
TEST_STAMP  := $(VENV)/.installed-test
# pip compiles every installed module to bytecode by default (torch alone: 26 s against 7 s without); Python
# compiles the modules a process imports when it first imports them instead.
PIP := $(PY) -m pip install -q --no-compile
DATA   ?= data
PORT   ?= 8000
# The folder `make run` ingests (README: POLICYKG_CORPUS_DIR).
CORPUS ?= $(or $(POLICYKG_CORPUS_DIR),corpus)

.PHONY: install install-test browser lint run ingest serve test test-long bench clean

$(SERVE_STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) --upgrade pip
	$(PIP) -e .
	touch $@

$(TEST_STAMP): $(SERVE_STAMP)
	# torch first, pinned: a free resolve pulls a multi-GB CUDA build.
	$(PIP) torch==2.13.0
	$(PIP) -e '.[st,test]'
	touch $@

install: $(SERVE_STAMP)

install-test: $(TEST_STAMP)

# Debian's chromium for the browser tests (Playwright drives it; its own download does not work here),
# a CJK font, which the PDF format tests print with, and Virtuoso, the second SPARQL server the remote graph store
# is tested against: each installed when it is missing.
browser:
	@missing=""; \
	command -v chromium >/dev/null 2>&1 || missing="chromium"; \
	command -v virtuoso-t >/dev/null 2>&1 || missing="$$missing virtuoso-opensource"; \
	fc-list :lang=zh 2>/dev/null | grep -q . || missing="$$missing fonts-noto-cjk fontconfig"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; fi; fi

ingest: install
	$(VENV)/bin/policykg --data $(DATA) ingest $(CORPUS)

run: ingest
	$(VENV)/bin/policykg --data $(DATA) serve --port $(PORT)

# Two workers, each taking whole test files (module fixtures built once): much of a test waits on a server, a
# browser or a subprocess, so two keep both cores busy. Tests with sub-second deadlines run after, alone.
# Tests long by design (marked `long`) are `make test-long`'s; .ci/run runs both.
test: install-test browser lint
	$(PY) -m pytest -q -n 2 --dist loadfile -m 'not serial and not long' --durations=25
	$(PY) -m pytest -q -m 'serial and not long'

# The kills at traced system calls (strace stops the process at each call) and the store outages under load: each
# test spends its time waiting by design. Two workers taking single tests (the crash tests share a file), then
# the outages, alone.
test-long: install-test browser
	$(PY) -m pytest -q -n 2 --dist load -m 'long and not serial' --durations=10
	$(PY) -m pytest -q -m 'long and serial'

# Static checks, configured in pyproject.toml: ruff over everything, mypy over the packages.
lint: install-test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy

bench: install-test
	$(PIP) -e '.[bench]'
	$(PY) bench/quality.py
	$(PY) bench/latency.py

clean:
	rm -rf $(VENV) $(DATA) test-artifacts
