#!/usr/bin/env bash
# One command to see the demo site: installs what it needs, then serves http://127.0.0.1:8000/zwgk/ (the path of site_url)
# Gate failures never stop the preview: each is shown on its page as a banner (“仅本地预览”) and in this
# terminal; only `mkdocs build` (publishing) refuses them.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh runtime
export NO_MKDOCS_2_WARNING=1 DISABLE_MKDOCS_2_WARNING=true
exec .venv/bin/mkdocs serve --livereload -a "${ZWGK_ADDR:-127.0.0.1:8000}" "$@"
