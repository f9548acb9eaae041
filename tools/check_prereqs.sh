#!/usr/bin/env bash
# Are the browser tests' tools here? The widget and workspace tests drive Debian's
# Chromium (CHROMIUM if set, else `chromium` on PATH) and install axe-core with npm.
# Without them `make test` would stop deep in the end-to-end tests, so the Makefile runs
# this before anything slow (make test, make test-e2e) and .ci/run runs it with
# --install (as root: apt-get). Prints nothing and exits 0 when all is there; otherwise
# one line on stderr saying what to install, and exit 1.
set -u

missing() {
  local out=()
  if [ -n "${CHROMIUM:-}" ]; then
    [ -x "$CHROMIUM" ] || out+=(chromium)
  else
    command -v chromium >/dev/null 2>&1 || out+=(chromium)
  fi
  command -v npm >/dev/null 2>&1 || out+=(npm)
  echo "${out[*]}"
}

absent=$(missing)
if [ -n "$absent" ] && [ "${1:-}" = "--install" ] && [ "$(id -u)" = 0 ] &&
  command -v apt-get >/dev/null 2>&1; then
  # shellcheck disable=SC2086  # one word per package
  DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null &&
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $absent >/dev/null
  absent=$(missing)
fi
if [ -n "$absent" ]; then
  where=""
  if [ -n "${CHROMIUM:-}" ] && [[ " $absent " == *" chromium "* ]]; then
    where=" (CHROMIUM=$CHROMIUM is not an executable)"
  fi
  echo "make test needs Chromium and npm for the browser tests; missing: ${absent// /, }$where. Install: sudo apt-get install $absent" >&2
  exit 1
fi
exit 0
