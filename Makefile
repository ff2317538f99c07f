# The two commands a newcomer needs: `make build` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Debian packages the tests drive for real: the browser for the site, LibreOffice for the decks.
APT_PACKAGES := chromium libreoffice-impress
FUZZ_EXAMPLES ?= 100000

.PHONY: build test fuzz bench system-deps clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Reinstall only when the package description changes.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	@touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test]"
	@touch $@ $(VENV)/.installed

# The build benchmark compares against pandoc, from the bench extra.
$(VENV)/.installed-bench: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test,bench]"
	@touch $@ $(VENV)/.installed-test $(VENV)/.installed

build: $(VENV)/.installed
	$(BIN)/coursekit check .
	$(BIN)/coursekit build . --out build
	@echo
	@echo "Built the sample course into build/:"
	@for d in build/site build/slides build/handouts build/guide; do [ -d $$d ] && echo "  $$d/"; done; true
	@[ -f build/site/index.html ] && echo "Open build/site/index.html in a browser, or run: $(BIN)/coursekit serve" || true

system-deps:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:$$missing"; \
	  if [ "$$(id -u)" = 0 ]; then sudo=""; else sudo="sudo"; fi; \
	  $$sudo apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi

test: $(VENV)/.installed-test system-deps
	$(BIN)/python -m pytest

fuzz: $(VENV)/.installed-test
	COURSEKIT_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(BIN)/python -m pytest tests -k fuzz

bench: $(VENV)/.installed-bench
	$(BIN)/python benchmarks/bench_check.py
	$(BIN)/python benchmarks/bench_slides.py
	$(BIN)/python benchmarks/bench_handouts.py
	$(BIN)/python benchmarks/bench_build.py

clean:
	rm -rf build .pytest_cache
