#!/usr/bin/env bash
# tests/load/soak.sh: the load of load.sh for a long time, with the host's resident memory every 10 s, to see
# whether memory is flat after warm-up.
#
#   tests/load/soak.sh [--minutes N] [--store memory|sqlite] [--connections N] [--port PORT]
#
# Defaults: 10 minutes, the sqlite store, 64 connections, port 4380. Starts the Release host as load.sh does,
# runs wrk for the whole time with tests/load/turns.lua (free text varied per request, expectReplies), prints
# "RSS t=…s rss_mib=…" every 10 s, then the wrk RESULT line and a summary: memory after the first minute,
# at the end, and the growth between them.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
MINUTES=10 STORE=sqlite CONNECTIONS=64 PORT=4380
while [[ $# -gt 0 ]]; do
  case $1 in
    --minutes) MINUTES=$2; shift 2 ;;
    --store) STORE=$2; shift 2 ;;
    --connections) CONNECTIONS=$2; shift 2 ;;
    --port) PORT=$2; shift 2 ;;
    -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1 (see --help)" >&2; exit 2 ;;
  esac
done
[[ $MINUTES =~ ^[0-9]+$ ]] && (( MINUTES >= 1 && MINUTES <= 240 )) || { echo "--minutes must be 1..240" >&2; exit 2; }
[[ $STORE == memory || $STORE == sqlite ]] || { echo "--store is memory or sqlite" >&2; exit 2; }
export THREADS=${THREADS:-1} CONVERSATIONS=${CONVERSATIONS:-1000}
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }

WORK=$(mktemp -d -t preventionbot-soak.XXXXXX)
SERVER_PID="" WRK_PID=""
cleanup() {
  [[ -n $WRK_PID ]] && kill "$WRK_PID" 2>/dev/null || true
  if [[ -n $SERVER_PID ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$SERVER_PID" 2>/dev/null || true
  fi
  wait 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

echo "building the host (Release)" >&2
dotnet build -c Release "$ROOT/src/PreventionBot.Host" -v q -nologo >"$WORK/build.log" 2>&1 || { tail -30 "$WORK/build.log" >&2; exit 1; }
HOST_DIR=$ROOT/src/PreventionBot.Host
while [[ -n $(ss -ltnH "sport = :$PORT" 2>/dev/null) ]]; do PORT=$((PORT + 1)); done  # never measure someone else's bot
URL="http://127.0.0.1:$PORT"
(cd "$HOST_DIR" && exec "$HOST_DIR/bin/Release/net10.0/PreventionBot.Host" --urls "$URL" --Storage:Provider="$STORE" \
  --Storage:SqlitePath="$WORK/soak.db" --Serilog:MinimumLevel=Warning) >"$WORK/host.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1500); do  # up to 5 min: training takes seconds, more on a busy machine
  curl -s -o /dev/null --max-time 1 "$URL/healthz" && break
  kill -0 "$SERVER_PID" 2>/dev/null || { echo "host exited:" >&2; tail -20 "$WORK/host.log" >&2; exit 1; }
  sleep 0.2
done

rss() { awk '/^VmRSS/{printf "%.0f", $2/1024}' "/proc/$SERVER_PID/status"; }
SECONDS_TOTAL=$((MINUTES * 60))
echo "== soak $(date -u +%Y-%m-%dT%H:%M:%SZ): $STORE store, pid $SERVER_PID, ${MINUTES} min, $CONNECTIONS connections, $(nproc) cores; RSS at start $(rss) MiB"
LOAD_TAG=soak-$$ timeout $((SECONDS_TOTAL + 60)) wrk -t"$THREADS" -c"$CONNECTIONS" -d"${SECONDS_TOTAL}s" --timeout 5s \
  -s "$HERE/turns.lua" "$URL/api/messages" >"$WORK/wrk.out" 2>&1 &
WRK_PID=$!
AFTER_WARMUP="" LAST=""
for ((t = 10; t <= SECONDS_TOTAL; t += 10)); do
  sleep 10
  kill -0 "$SERVER_PID" 2>/dev/null || { echo "host died at t=${t}s" >&2; tail -20 "$WORK/host.log" >&2; exit 1; }
  LAST=$(rss)
  (( t == 60 )) && AFTER_WARMUP=$LAST
  echo "RSS t=${t}s rss_mib=$LAST"
done
wait "$WRK_PID" || true
WRK_PID=""
grep '^RESULT' "$WORK/wrk.out" || cat "$WORK/wrk.out"
[[ -n $AFTER_WARMUP ]] && echo "SUMMARY rss_after_1min_mib=$AFTER_WARMUP rss_end_mib=$LAST growth_mib=$((LAST - AFTER_WARMUP)) peak_rss_mib=$(awk '/^VmHWM/{printf "%.0f", $2/1024}' "/proc/$SERVER_PID/status")"
