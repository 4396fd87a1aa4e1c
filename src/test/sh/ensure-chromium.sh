#!/usr/bin/env bash
# Run by the build before the tests (./mvnw verify): the browser tests drive the system Chromium at
# /usr/bin/chromium, because nothing may download a browser at test time. When it is missing, this
# installs Debian's chromium package (as root, with apt-get) and says so; otherwise it explains what
# to install and fails, rather than letting every browser test fail one by one.
set -euo pipefail
CHROMIUM=/usr/bin/chromium
if [ -x "$CHROMIUM" ]; then
  exit 0
fi
if [ "${PARKCREDIT_SKIP_BROWSER_INSTALL:-}" = "true" ]; then
  echo "[parkcredit] $CHROMIUM is missing and PARKCREDIT_SKIP_BROWSER_INSTALL=true: browser tests will fail" >&2
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "[parkcredit] The browser tests need Chromium and $CHROMIUM is missing: installing Debian's chromium package (apt-get, about a minute)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium >/dev/null
  echo "[parkcredit] Installed $("$CHROMIUM" --version 2>/dev/null || echo chromium)"
  exit 0
fi
echo "[parkcredit] The browser tests need Chromium at $CHROMIUM. Install it (Debian/Ubuntu: sudo apt-get install chromium)" >&2
echo "[parkcredit] and run the tests again, or set PARKCREDIT_SKIP_BROWSER_INSTALL=true to run without it." >&2
exit 1
