#!/usr/bin/env bash
# A throwaway PostgreSQL for the tests, from Debian's postgresql package (never a downloaded build).
#
#   tests/postgres/server.sh start [OWNER_PID]   prints two lines: a connection string, then the folder to stop
#   tests/postgres/server.sh stop FOLDER
#   tests/postgres/server.sh halt FOLDER         stops the server but keeps its data (for outage tests)
#   tests/postgres/server.sh resume FOLDER       starts a halted server again on the same port
#
# The server lives in a new temp folder, listens on a free loopback port and trusts local connections: it holds
# nothing but test data, and it runs with fsync off because a crash only loses what the tests would throw away.
# initdb refuses to run as root, so as root the server runs as the package's `postgres` user (or `nobody`).
# With OWNER_PID, a watchdog stops the server when that process ends, however it ends.
set -euo pipefail

bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
  echo "PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb): apt-get install postgresql" >&2
  exit 1
fi

as_owner() {
  if [ "$(id -u)" -ne 0 ]; then "$@"; return; fi
  if id postgres >/dev/null 2>&1; then runuser -u postgres -- "$@"; else runuser -u nobody -- "$@"; fi
}

owner() {
  if [ "$(id -u)" -ne 0 ]; then id -un; elif id postgres >/dev/null 2>&1; then echo postgres; else echo nobody; fi
}

case "${1:-}" in
  start)
    folder=$(mktemp -d "${TMPDIR:-/tmp}/pb-postgres.XXXXXX")
    chmod 755 "$folder"
    chown "$(owner)" "$folder"
    as_owner "$bin/initdb" -D "$folder/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$folder/initdb.log" 2>&1 || {
      cat "$folder/initdb.log" >&2; exit 1; }
    for _ in 1 2 3 4 5 6 7 8; do
      port=$((20000 + RANDOM % 40000))
      # Connection refused: nothing listens there.
      if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then continue; fi
      options="-p $port -c listen_addresses=127.0.0.1 -c unix_socket_directories=$folder -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
      if as_owner "$bin/pg_ctl" -D "$folder/data" -l "$folder/server.log" -w -t 30 start -o "$options" >/dev/null 2>&1; then
        echo "$options" >"$folder/options"
        if [ -n "${2:-}" ]; then
          # The watchdog: detached, silent, and gone once the server is stopped.
          nohup setsid bash -c "while kill -0 $2 2>/dev/null && [ -d '$folder/data' ]; do sleep 2; done; \"$(readlink -f "$0")\" stop '$folder'" \
            >/dev/null 2>&1 </dev/null &
        fi
        echo "Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
        echo "$folder"
        exit 0
      fi
    done
    cat "$folder/server.log" >&2 || true
    echo "PostgreSQL did not start (see above)" >&2
    exit 1
    ;;
  halt)
    folder=${2:?folder}
    as_owner "$bin/pg_ctl" -D "$folder/data" -m fast -w stop >/dev/null
    ;;
  resume)
    folder=${2:?folder}
    as_owner "$bin/pg_ctl" -D "$folder/data" -l "$folder/server.log" -w -t 30 start -o "$(cat "$folder/options")" >/dev/null
    ;;
  stop)
    folder=${2:?folder}
    if [ -d "$folder/data" ]; then
      as_owner "$bin/pg_ctl" -D "$folder/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$folder"
    ;;
  *)
    echo "usage: $0 start [OWNER_PID] | halt FOLDER | resume FOLDER | stop FOLDER" >&2
    exit 2
    ;;
esac
