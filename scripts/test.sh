#!/usr/bin/env bash
# One command to run every check and test: installs what it needs (pip, apt when root, npm).
# Usage: scripts/test.sh [--properdocs] [pytest arguments]
#   --properdocs: the same suite with ProperDocs instead of MkDocs 1.6.1, in ./.venv-properdocs
#   (MkDocs not installed there; the tests build with `python -m properdocs`, tests/support.py MKDOCS).
set -euo pipefail
cd "$(dirname "$0")/.."
venv=.venv
if [ "${1:-}" = --properdocs ]; then
  shift
  scripts/bootstrap.sh dev properdocs
  venv=.venv-properdocs
  export ZWGK_MKDOCS=properdocs
else
  scripts/bootstrap.sh dev
fi
export NO_MKDOCS_2_WARNING=1 DISABLE_MKDOCS_2_WARNING=true
if [ "$venv" = .venv ]; then
  # The same code either way: linted and type-checked once, against MkDocs' typed modules (without
  # MkDocs installed, mypy sees its imports as untyped and reports the plugin's decorators).
  echo "== ruff"; .venv/bin/ruff check plugins scripts tests
  echo "== mypy"; .venv/bin/mypy plugins/zwgk
fi
echo "== zwgk check (demo)"; "$venv/bin/zwgk" check
echo "== pytest"; "$venv/bin/python" -m pytest "$@"
