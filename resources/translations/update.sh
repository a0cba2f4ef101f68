#!/bin/sh
# Refresh the Danish translation source from the code, then compile it for the app:
#   lupdate  editor/ui (tr() and QCoreApplication.translate) and the core's translatable() marks
#            (editor/article/translatable.py) -> article_editor_da.ts, which a translator edits (pyside6-linguist);
#   lrelease article_editor_da.ts -> article_editor_da.qm, which the app loads (editor/ui/app.py).
# Both files are committed, so a fresh clone and the frozen build need no Qt tools.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
bin=${VENV_BIN:-$root/.venv/bin}
cd "$root"
"$bin/pyside6-lupdate" -silent -no-obsolete -locations none -extensions py \
    -tr-function-alias QT_TRANSLATE_NOOP+=translatable \
    editor/ui editor/article editor/site -ts "$here/article_editor_da.ts"
"$bin/pyside6-lrelease" -silent "$here/article_editor_da.ts" -qm "$here/article_editor_da.qm"
