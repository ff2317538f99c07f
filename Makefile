# The two commands a newcomer needs: `make build` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Debian packages WeasyPrint uses to make the handouts: Pango, and HarfBuzz's font subsetter.
BUILD_APT_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0
# Debian packages the tests drive for real: the browser for the site, LibreOffice for the decks, and
# poppler (pdftotext, pdftoppm) to read words and QR codes back from the PDFs.
TEST_APT_PACKAGES := chromium libreoffice-impress poppler-utils
FUZZ_EXAMPLES ?= 100000

.PHONY: build test proof fuzz bench mutate build-deps system-deps clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Reinstall only when the package description changes.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	@touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test,proof,engines]"
	@touch $@ $(VENV)/.installed $(VENV)/.installed-proof

# The build benchmark compares against pandoc, from the bench extra; the site one times every engine.
$(VENV)/.installed-bench: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test,bench,engines]"
	@touch $@ $(VENV)/.installed-test $(VENV)/.installed

build: $(VENV)/.installed build-deps
	$(BIN)/coursekit check .
	$(BIN)/coursekit build . --out build
	@echo
	@echo "Built the sample courses into build/:"
	@for d in build/site build/slides build/handouts build/guide; do [ -d $$d ] && echo "  $$d/"; done; true
	@[ -f build/site/index.html ] && echo "See the site with: $(BIN)/coursekit serve (for a copy that opens from files, build with COURSEKIT_OFFLINE=true)" || true
	@if ls build/proof/*.pdf >/dev/null 2>&1; then \
	  echo "The reviewer's proof, made before this build: $$(ls build/proof/*.pdf | tr '\n' ' ')"; \
	  echo "Run 'make proof' to make it from this build."; \
	else echo "For the clinical reviewer's proof of every slide, page and phone screen: make proof"; fi

$(VENV)/.installed-proof: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[proof]"
	@touch $@ $(VENV)/.installed

# The review pack: LibreOffice prints the decks, Chromium shows the site; both from Debian.
proof: $(VENV)/.installed-proof system-deps
	$(BIN)/coursekit proof . --out build
	@echo
	@echo "The proof for the clinical reviewer: $$(ls build/proof/*.pdf | tr '\n' ' ')"

# Install whichever of the packages are missing (nothing, and no apt-get, when all are there); a package
# removed but not purged still has a status, so only "ok installed" counts.
apt_install = @missing=""; for p in $(1); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:$$missing"; \
	  if [ "$$(id -u)" = 0 ]; then sudo=""; else sudo="sudo"; fi; \
	  $$sudo apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi

build-deps:
	$(call apt_install,$(BUILD_APT_PACKAGES))

system-deps: build-deps
	$(call apt_install,$(TEST_APT_PACKAGES))

# Every tool a test needs is installed above, so a test that would skip for a missing one fails instead.
test: $(VENV)/.installed-test system-deps
	COURSEKIT_REQUIRE_TOOLS=1 $(BIN)/python -m pytest

fuzz: $(VENV)/.installed-test
	COURSEKIT_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(BIN)/python -m pytest tests -k fuzz

$(VENV)/.installed-mutate: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test,mutate]"
	@touch $@ $(VENV)/.installed

# Mutation testing of the modules that carry the promises, each against the fast tests that cover it: per module,
# the mutants killed, survived and timed out, and the score; every mutant the tests missed in build/mutation/.
# Long (minutes per module), so not part of `make test`. One module: make mutate MUTATE=output
MUTATE ?=
mutate: $(VENV)/.installed-mutate build-deps
	$(BIN)/python scripts/mutation_report.py run $(MUTATE) --survivors build/mutation/survivors.txt

bench: $(VENV)/.installed-bench build-deps
	$(BIN)/python benchmarks/bench_check.py
	$(BIN)/python benchmarks/bench_slides.py
	$(BIN)/python benchmarks/bench_handouts.py
	$(BIN)/python benchmarks/bench_build.py
	$(BIN)/python benchmarks/bench_site_engines.py

clean:
	rm -rf build .pytest_cache .mutmut
