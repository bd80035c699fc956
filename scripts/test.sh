#!/usr/bin/env bash
# One command to run every check and test: installs what it needs (pip, apt when root, npm).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh dev
export NO_MKDOCS_2_WARNING=1 DISABLE_MKDOCS_2_WARNING=true
echo "== ruff"; .venv/bin/ruff check plugins scripts tests
echo "== mypy"; .venv/bin/mypy plugins/zwgk
echo "== zwgk check (demo)"; .venv/bin/zwgk check
echo "== pytest"; .venv/bin/python -m pytest "$@"
