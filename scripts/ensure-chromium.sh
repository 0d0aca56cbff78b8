#!/usr/bin/env bash
# The editor's end-to-end tests drive Debian's Chromium (Playwright cannot download a browser here).
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Chromium (Debian package) for the editor's browser tests …"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  exit 0
fi
echo "The editor's browser tests need Chromium: install Debian's package (sudo apt-get install chromium) and run again." >&2
exit 1
