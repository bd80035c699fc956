#!/usr/bin/env bash
# One command to see the demo site: installs what it needs, then serves http://127.0.0.1:8000/zwgk/ (the path of site_url)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh runtime
export NO_MKDOCS_2_WARNING=1 DISABLE_MKDOCS_2_WARNING=true
exec .venv/bin/mkdocs serve --livereload -a "${ZWGK_ADDR:-127.0.0.1:8000}" "$@"
