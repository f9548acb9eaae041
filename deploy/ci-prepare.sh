#!/usr/bin/env bash
# Debian packages that `make test-deploy` and `make bench-deploy` need: the PostgreSQL,
# Redis and nginx programs. Installs only what is missing and starts no system
# service: the tests run their own servers as user processes on free loopback ports.
set -euo pipefail

need=()
compgen -G "/usr/lib/postgresql/*/bin/postgres" >/dev/null || need+=(postgresql)
command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || need+=(nginx)
# tests/deploy/test_packaging.py: `docker-compose config` and `systemd-analyze verify`.
command -v docker-compose >/dev/null 2>&1 || need+=(docker-compose)
command -v systemd-analyze >/dev/null 2>&1 || need+=(systemd)
[ ${#need[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  echo "deploy/ci-prepare.sh: run as root to install: ${need[*]}" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
# Keep the packages' own services (ports 5432, 6379, 80) from starting.
policy=/usr/sbin/policy-rc.d
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod +x "$policy"
  trap 'rm -f "$policy"' EXIT
fi
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
echo "deploy/ci-prepare.sh: installed ${need[*]}"
