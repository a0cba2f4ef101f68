# Two entry points a new machine needs: `make run` opens the editor on the bundled example site, `make test`
# runs the whole test suite. Both create the virtual environment on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test bench bench-peers screenshot translations frozen soak

$(BIN)/article-editor: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

# js-yaml and gray-matter read our YAML back in the tests, as the sites built with Next.js or Astro do.
tests/js/node_modules: tests/js/package.json tests/js/package-lock.json
	if command -v npm >/dev/null; then npm ci --prefix tests/js --no-audit --no-fund --loglevel=error && touch $@; fi

run: $(BIN)/article-editor
	$(BIN)/article-editor resources/example-site

test: $(BIN)/article-editor tests/js/node_modules
	$(BIN)/ruff check editor tests benchmarks docs
	$(BIN)/ruff format --check editor tests benchmarks docs
	$(BIN)/lint-imports
	$(BIN)/mypy
	$(BIN)/python -m pytest

bench: $(BIN)/article-editor
	$(BIN)/python -m benchmarks

# The editor beside ghostwriter and ReText, where installed, on a private Xvfb (benchmarks/peers.py);
# options in PEERS, e.g. make bench-peers PEERS="--rounds 5 --markdown".
bench-peers: $(BIN)/article-editor
	$(BIN)/python -m benchmarks.peers $(PEERS)

# One window opens, edits and saves an article 1,000 times: its memory must stay flat, its recovery store empty.
soak: $(BIN)/article-editor
	$(BIN)/python -m benchmarks.soak

# dist/article-editor/, a one-folder PyInstaller build, smoke-tested offscreen (packaging/build.sh).
frozen: $(BIN)/article-editor
	PYTHON=$(BIN)/python packaging/build.sh

# docs/screenshot.png, the Danish docs/screenshot-da.png and docs/screenshot-scroll-sync.png (typing into a
# long article), taken from the real window on a virtual X server
# (apt-get install xvfb).
screenshot: $(BIN)/article-editor
	xvfb-run -a -s "-screen 0 1600x1000x24" $(BIN)/python docs/screenshot.py
	xvfb-run -a -s "-screen 0 1600x1000x24" $(BIN)/python docs/screenshot.py --language da
	xvfb-run -a -s "-screen 0 1600x1000x24" $(BIN)/python docs/screenshot.py --scroll-sync

# Refresh resources/translations/article_editor_da.ts from the code and recompile the .qm the app loads.
translations: $(BIN)/article-editor
	VENV_BIN=$(BIN) resources/translations/update.sh
