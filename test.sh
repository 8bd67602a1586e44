#!/usr/bin/env bash
# The project's one test command (README, CI): installs what the tests need, idempotently, then runs
# `dotnet test` over the whole solution and prints one "N passed, N failed" summary line.
set -euo pipefail
cd "$(dirname "$0")"

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# Debian's Chromium and ChromeDriver for the browser tests (never a browser downloaded by a test tool).
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v chromedriver >/dev/null 2>&1 || missing+=(chromium-driver)
if [ ${#missing[@]} -gt 0 ]; then
  echo "==> apt-get install ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# Debian's PostgreSQL for the PostgreSQL store tests: a throwaway server in a temp folder, on a free port, run as a
# non-root user (initdb refuses root), stopped when this script exits. Tests read its connection string from
# PREVENTIONBOT_TEST_POSTGRES and fail (never skip) without one.
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  echo "==> apt-get install postgresql"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi
if [ -z "${PREVENTIONBOT_TEST_POSTGRES:-}" ]; then
  echo "==> starting a test PostgreSQL"
  postgres_server=$(tests/postgres/server.sh start $$)
  export PREVENTIONBOT_TEST_POSTGRES=$(sed -n 1p <<<"$postgres_server")
  postgres_folder=$(sed -n 2p <<<"$postgres_server")
  trap 'tests/postgres/server.sh stop "$postgres_folder"' EXIT
fi

# npm packages: the official Bot Framework JS SDK (protocol fixtures) and the Direct Line client tests.
for dir in tests/node/*/; do
  if [ -f "$dir/package-lock.json" ]; then
    if [ ! -d "$dir/node_modules" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
      echo "==> npm ci in $dir"
      (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
    fi
  fi
done

echo "==> generating Bot Framework fixtures with botbuilder"
rm -rf tests/node/protocol/fixtures
node tests/node/protocol/generate-fixtures.js tests/node/protocol/fixtures

echo "==> dotnet test"
log=$(mktemp)
set +e
dotnet test PreventionBot.sln "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
passed=$(grep -oE 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -oE 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
rm -f "$log"
echo "$passed passed, $failed failed"
exit "$status"
