#!/usr/bin/env bash
# Install what zwgk needs into ./.venv (idempotent; re-runs only when pyproject.toml changes).
# Usage: scripts/bootstrap.sh [runtime|dev] [properdocs]   — sourced by serve.sh and test.sh.
# "properdocs": a second environment, ./.venv-properdocs, where ProperDocs builds the site and MkDocs
# itself is not installed (scripts/test.sh --properdocs; docs/site.md, "用哪个 MkDocs 部署").
set -euo pipefail
cd "$(dirname "$0")/.."
profile="${1:-runtime}"
tool="${2:-mkdocs}"
py="${PYTHON:-python3}"
venv=.venv
# The ProperDocs release the suite was run on (docs/site.md); pyproject.toml pins MkDocs 1.6.1.
properdocs_pin="properdocs==1.6.7"
[ "$tool" = properdocs ] && venv=.venv-properdocs

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
    # Another apt (unattended-upgrades, a second terminal) may hold the dpkg lock: wait for it, saying
    # so, instead of failing at once. ZWGK_APT_WAIT seconds (default 300), then give up with a hint.
    # apt-get install waits by itself (DPkg::Lock::Timeout); apt-get update does not wait for the lists
    # lock (measured with apt 2.6), so it is retried here until the deadline.
    wait="${ZWGK_APT_WAIT:-300}"
    deadline=$((SECONDS + wait))
    echo "安装系统软件包：${need_apt[*]}（如另一个 apt 正在运行，最多等待 ${wait} 秒）"
    apt_err="$(mktemp)"
    until apt-get update -qq >/dev/null 2>"$apt_err"; do
      if grep -qi "lock" "$apt_err" && [ "$SECONDS" -lt "$deadline" ]; then
        echo "  apt 正被另一个进程使用，等待中（还剩 $((deadline - SECONDS)) 秒）……"
        sleep 5
      else
        cat "$apt_err" >&2
        echo "未能更新软件源：apt 被占用超过 ${wait} 秒或出错。稍后重试，或设置 ZWGK_APT_WAIT=秒数 等待更久。" >&2
        exit 1
      fi
    done
    left=$((deadline > SECONDS ? deadline - SECONDS : 1))
    if ! DEBIAN_FRONTEND=noninteractive apt-get -o "DPkg::Lock::Timeout=$left" install -y -qq "${need_apt[@]}" >/dev/null; then
      echo "未能安装 ${need_apt[*]}：apt 被占用超过 ${wait} 秒或安装失败。稍后重试，或设置 ZWGK_APT_WAIT=秒数 等待更久。" >&2
      exit 1
    fi
    rm -f "$apt_err"
  else
    echo "提示：请用管理员权限安装 ${need_apt[*]}（例如 sudo apt-get install ${need_apt[*]}）" >&2
  fi
fi

if [ ! -x "$venv/bin/python" ]; then
  "$py" -m venv "$venv"
fi
stamp="$venv/.zwgk-$profile-$(sha256sum pyproject.toml | cut -c1-16)"
if [ "$tool" = properdocs ]; then  # a new ProperDocs pin re-installs that environment too
  stamp="$venv/.zwgk-$profile-$({ cat pyproject.toml; echo "$properdocs_pin"; } | sha256sum | cut -c1-16)"
fi
if [ ! -f "$stamp" ]; then
  "$venv/bin/python" -m pip install -q --upgrade pip >/dev/null
  if [ "$profile" = dev ]; then
    "$venv/bin/python" -m pip install -q -e '.[dev]'
  else
    "$venv/bin/python" -m pip install -q -e .
  fi
  if [ "$tool" = properdocs ]; then
    "$venv/bin/python" -m pip install -q "$properdocs_pin"
    # mkdocs-material and zwgk's own pin pull MkDocs in; it goes, so that nothing in this environment
    # (a test's import, zwgk preview's in-process build) can quietly run on MkDocs instead of ProperDocs.
    "$venv/bin/python" -m pip uninstall -q -y mkdocs
  fi
  rm -f "$venv"/.zwgk-"$profile"-*
  touch "$stamp"
fi
# npm packages (axe-core for the accessibility tests); re-installed when the lock file changes.
if [ "$profile" = dev ] && [ -f package.json ]; then
  npm_stamp="node_modules/.zwgk-$(sha256sum package-lock.json | cut -c1-16)"
  [ -f "$npm_stamp" ] || { npm ci --silent --no-audit --no-fund && touch "$npm_stamp"; }
fi
