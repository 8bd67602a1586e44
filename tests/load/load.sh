#!/usr/bin/env bash
# tests/load/load.sh: free-text turns against PreventionBot (and, with --peer, the JS Bot Framework SDK bot
# in ../shared/bench/js-botbuilder) on this machine, one after the other in the same run.
#
#   tests/load/load.sh [--store memory|sqlite]... [--url http://127.0.0.1:PORT] [--peer]
#                      [--duration SECONDS] [--connections N] [--port PORT]
#
#   --store S        start the Release host with Storage:Provider=S (repeatable; default: memory). The host
#                    is built once (dotnet build -c Release) and run from its project folder, as `dotnet run`
#                    does, so /proc shows the server's own memory.
#   --url URL        load a bot that is already running instead (loopback only); resident memory is read
#                    from the process listening on that port when it can be found.
#   --peer           also run the JS SDK peer: copied to a temp folder, `npm ci`, started on another port;
#                    prints the ratio of every PreventionBot run to it.
#   --duration S     seconds of measured load per target (default 25); a 5 s warm-up (WARMUP=) comes first.
#   --connections N  concurrent keep-alive connections (default 64).
#   --port PORT      first port to use (default 4390; ports in use are skipped); each target gets the next one.
#
# Every request is a message activity with deliveryMode expectReplies and a text varied per request
# (tests/load/turns.lua). Output: one RESULT line per target (turns/s, p50, p99, errors, resident memory),
# then RATIO lines. Environment: THREADS (wrk threads, default 1: wrk shares the 2 cores with the server),
# CONVERSATIONS (default 1000), WARMUP (default 5), BENCH_DIR (default ../shared/bench from the repo).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
DURATION=25 CONNECTIONS=64 PORT=4390 PEER=0 URL=""
STORES=()
while [[ $# -gt 0 ]]; do
  case $1 in
    --store) STORES+=("$2"); shift 2 ;;
    --url) URL=${2%/}; URL=${URL%/api/messages}; shift 2 ;;
    --peer) PEER=1; shift ;;
    --duration) DURATION=$2; shift 2 ;;
    --connections) CONNECTIONS=$2; shift 2 ;;
    --port) PORT=$2; shift 2 ;;
    -h|--help) sed -n '2,25p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1 (see --help)" >&2; exit 2 ;;
  esac
done
[[ $DURATION =~ ^[0-9]+$ ]] && (( DURATION >= 1 && DURATION <= 3600 )) || { echo "--duration must be 1..3600 s" >&2; exit 2; }
[[ $CONNECTIONS =~ ^[0-9]+$ ]] && (( CONNECTIONS >= 1 && CONNECTIONS <= 1024 )) || { echo "--connections must be 1..1024" >&2; exit 2; }
for s in "${STORES[@]}"; do [[ $s == memory || $s == sqlite ]] || { echo "--store is memory or sqlite" >&2; exit 2; }; done
[[ -z $URL && ${#STORES[@]} -eq 0 ]] && STORES=(memory)
export THREADS=${THREADS:-1} CONVERSATIONS=${CONVERSATIONS:-1000}
WARMUP=${WARMUP:-5}
BENCH_DIR=${BENCH_DIR:-$ROOT/../shared/bench}

is_loopback() {
  local host
  host=$(printf '%s' "$1" | sed -E 's#^https?://##; s#/.*$##; s#:[0-9]+$##')
  [[ $host == 127.* || $host == localhost || $host == '[::1]' ]]
}

if ! command -v wrk >/dev/null; then
  echo "wrk is missing: installing the Debian package" >&2
  if [[ $(id -u) -eq 0 ]]; then apt-get install -y wrk >/dev/null || { apt-get update >/dev/null && apt-get install -y wrk >/dev/null; }
  else sudo apt-get install -y wrk >/dev/null; fi
fi

WORK=$(mktemp -d -t preventionbot-load.XXXXXX)
SERVER_PID=""
stop_server() {
  if [[ -n $SERVER_PID ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$SERVER_PID" 2>/dev/null || true
  fi
  [[ -n $SERVER_PID ]] && { wait "$SERVER_PID" 2>/dev/null || true; }
  SERVER_PID=""
}
trap 'stop_server; rm -rf "$WORK"' EXIT

wait_ready() {  # URL LOG
  for _ in $(seq 1500); do  # up to 5 min: training takes seconds, more on a busy machine
    curl -s -o /dev/null --max-time 1 "$1/healthz" && return 0
    [[ -n $SERVER_PID ]] && ! kill -0 "$SERVER_PID" 2>/dev/null && { echo "server exited:" >&2; tail -20 "$2" >&2; return 1; }
    sleep 0.2
  done
  echo "server did not answer $1/healthz" >&2; tail -20 "$2" >&2; return 1
}

# The first port from $1 on that nothing listens on: a bot someone else left running must not be measured instead.
free_port() {
  local p=$1
  while [[ -n $(ss -ltnH "sport = :$p" 2>/dev/null) ]] || curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$p/"; do p=$((p + 1)); done
  echo "$p"
}

# The pid listening on a loopback port (for --url), if ss can tell.
pid_on_port() { ss -ltnpH "sport = :$1" 2>/dev/null | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2; }

rss_mib() { [[ -n ${1:-} && -r /proc/$1/status ]] && awk '/^VmRSS/{printf "%.0f", $2/1024}' "/proc/$1/status" || echo "?"; }
hwm_mib() { [[ -n ${1:-} && -r /proc/$1/status ]] && awk '/^VmHWM/{printf "%.0f", $2/1024}' "/proc/$1/status" || echo "?"; }

# One request first: it must come back 200 with the replies inline.
preflight() {
  local body
  body=$(curl -s --max-time 10 -H 'Content-Type: application/json' "$1/api/messages" --data \
    '{"type":"message","id":"pre-1","channelId":"directline","serviceUrl":"http://127.0.0.1:1/","from":{"id":"pre-user"},"conversation":{"id":"pre-conv"},"recipient":{"id":"bot"},"locale":"en-GB","text":"is it illegal to share a fake nude?","deliveryMode":"expectReplies"}') || true
  [[ $body == *'"activities"'*'"text"'* ]] || { echo "preflight to $1 failed: ${body:0:300}" >&2; return 1; }
}

declare -A RPS
RESULTS=()
measure() {  # NAME URL PID
  local name=$1 url=$2 pid=${3:-} out line
  is_loopback "$url" || { echo "refusing non-loopback target $url" >&2; exit 2; }
  preflight "$url"
  if (( WARMUP > 0 )); then
    LOAD_TAG=warm-$name timeout $((WARMUP + 30)) wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" -s "$HERE/turns.lua" "$url/api/messages" >/dev/null
  fi
  out=$(LOAD_TAG=$name-$$ timeout $((DURATION + 30)) wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --timeout 5s \
    -s "$HERE/turns.lua" "$url/api/messages")
  line=$(grep '^RESULT' <<<"$out")
  line="RESULT name=$name connections=$CONNECTIONS duration_s=$DURATION ${line#RESULT } rss_mib=$(rss_mib "$pid") peak_rss_mib=$(hwm_mib "$pid")"
  echo "$line"
  RESULTS+=("$line")
  RPS[$name]=$(grep -o 'turns_per_s=[0-9]*' <<<"$line" | cut -d= -f2)
}

echo "== $(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), wrk $THREADS thread(s), $CONNECTIONS connections, ${DURATION}s (+${WARMUP}s warm-up), $CONVERSATIONS conversations"

if [[ -n $URL ]]; then
  measure target "$URL" "$(pid_on_port "${URL##*:}")"
fi

if (( ${#STORES[@]} > 0 )); then
  echo "building the host (Release)" >&2
  dotnet build -c Release "$ROOT/src/PreventionBot.Host" -v q -nologo >"$WORK/build.log" 2>&1 || { tail -30 "$WORK/build.log" >&2; exit 1; }
  HOST_DIR=$ROOT/src/PreventionBot.Host
  HOST_EXE=$HOST_DIR/bin/Release/net10.0/PreventionBot.Host
  for store in "${STORES[@]}"; do
    port=$(free_port "$PORT"); PORT=$((port + 1))
    (cd "$HOST_DIR" && exec "$HOST_EXE" --urls "http://127.0.0.1:$port" --Storage:Provider="$store" \
      --Storage:SqlitePath="$WORK/$store.db" --Serilog:MinimumLevel=Warning) >"$WORK/host-$store.log" 2>&1 &
    SERVER_PID=$!
    wait_ready "http://127.0.0.1:$port" "$WORK/host-$store.log"
    [[ $(pid_on_port "$port") == "$SERVER_PID" ]] || { echo "port $port is not served by the host just started (pid $SERVER_PID)" >&2; exit 1; }
    echo "   host ($store store) pid $SERVER_PID, resident memory at start $(rss_mib "$SERVER_PID") MiB" >&2
    measure "$store" "http://127.0.0.1:$port" "$SERVER_PID"
    stop_server
  done
fi

if (( PEER )); then
  [[ -f $BENCH_DIR/js-botbuilder/package-lock.json ]] || { echo "no JS peer in $BENCH_DIR/js-botbuilder" >&2; exit 1; }
  cp -r "$BENCH_DIR/js-botbuilder" "$WORK/js"
  rm -rf "$WORK/js/node_modules"
  echo "installing the JS peer (npm ci)" >&2
  (cd "$WORK/js" && npm ci --no-audit --no-fund --loglevel=error >"$WORK/npm.log" 2>&1) || { tail -20 "$WORK/npm.log" >&2; exit 1; }
  port=$(free_port "$PORT")
  (cd "$WORK/js" && PORT=$port exec node index.js) >"$WORK/js.log" 2>&1 &
  SERVER_PID=$!
  wait_ready "http://127.0.0.1:$port" "$WORK/js.log"
  [[ $(pid_on_port "$port") == "$SERVER_PID" ]] || { echo "port $port is not served by the JS peer just started (pid $SERVER_PID)" >&2; exit 1; }
  echo "   JS peer pid $SERVER_PID, node $(node --version)" >&2
  measure js "http://127.0.0.1:$port" "$SERVER_PID"
  stop_server
  for name in "${!RPS[@]}"; do
    [[ $name == js ]] && continue
    awk -v a="${RPS[$name]}" -v b="${RPS[js]}" -v n="$name" 'BEGIN{ if (b > 0) printf "RATIO %s/js=%.1f\n", n, a/b }'
  done
fi
