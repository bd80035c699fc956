#!/usr/bin/env bash
# Install what zwgk needs into ./.venv (idempotent; re-runs only when pyproject.toml changes).
# Usage: scripts/bootstrap.sh [runtime|dev]   — sourced by serve.sh and test.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
profile="${1:-runtime}"
py="${PYTHON:-python3}"

# System packages: a CJK font for 图解 images; Chromium and Java for the browser/HTML tests.
need_apt=()
fc-list :lang=zh-cn 2>/dev/null | grep -q . || need_apt+=(fonts-noto-cjk fontconfig)
if [ "$profile" = dev ]; then
  command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
  command -v java >/dev/null 2>&1 || need_apt+=(default-jre-headless)
  command -v node >/dev/null 2>&1 || need_apt+=(nodejs npm)
fi
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "安装系统软件包：${need_apt[*]}"
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
  else
    echo "提示：请用管理员权限安装 ${need_apt[*]}（例如 sudo apt-get install ${need_apt[*]}）" >&2
  fi
fi

if [ ! -x .venv/bin/python ]; then
  "$py" -m venv .venv
fi
stamp=".venv/.zwgk-$profile-$(sha256sum pyproject.toml | cut -c1-16)"
if [ ! -f "$stamp" ]; then
  .venv/bin/python -m pip install -q --upgrade pip >/dev/null
  if [ "$profile" = dev ]; then
    .venv/bin/python -m pip install -q -e '.[dev]'
  else
    .venv/bin/python -m pip install -q -e .
  fi
  rm -f .venv/.zwgk-"$profile"-*
  touch "$stamp"
fi
# npm packages (axe-core for the accessibility tests); re-installed when the lock file changes.
if [ "$profile" = dev ] && [ -f package.json ]; then
  npm_stamp="node_modules/.zwgk-$(sha256sum package-lock.json | cut -c1-16)"
  [ -f "$npm_stamp" ] || { npm ci --silent --no-audit --no-fund && touch "$npm_stamp"; }
fi
