#!/bin/sh
# Build the one-folder app into dist/article-editor/ with PyInstaller, then smoke-test it offscreen:
# --version, and --smoke-test (opens the bundled article, waits for the preview to show it, exits 0).
set -eu
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-.venv/bin/python}

if ! "$PYTHON" -c "import PyInstaller" 2>/dev/null; then
    "$PYTHON" -m pip install --quiet -e '.[packaging]'
fi

started=$(date +%s)
"$PYTHON" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath dist --workpath build/pyinstaller packaging/article-editor.spec
echo "built dist/article-editor in $(( $(date +%s) - started )) s, $(du -sh dist/article-editor | cut -f1)"

APP=dist/article-editor/article-editor
# The smoke test runs as a user would, but must not leave recent files or backups in the builder's home.
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
export XDG_CONFIG_HOME="$scratch/config" XDG_DATA_HOME="$scratch/data" XDG_CACHE_HOME="$scratch/cache"
export XDG_STATE_HOME="$scratch/state" QT_QPA_PLATFORM=offscreen
"$APP" --version
"$APP" --smoke-test 2>"$scratch/stderr" || {
    status=$?
    cat "$scratch/stderr" >&2
    echo "smoke test FAILED (exit $status)" >&2
    exit "$status"
}
echo "smoke test passed"
# Spelling needs Hunspell's library from chunspell's wheel and the bundled dictionaries in the build.
printf -- '---\ntitle: Hej\n---\n\nEn fin undersøgelsn.\n' >"$scratch/stave.md"
status=0
spelled=$("$APP" spell --lang da "$scratch/stave.md") || status=$?
if [ "$status" -ne 1 ] || ! printf '%s' "$spelled" | grep -q "undersøgelsn (undersøgelsen"; then
    echo "spell check FAILED (exit $status): $spelled" >&2
    exit 1
fi
echo "spell check passed"
