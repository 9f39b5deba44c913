#!/usr/bin/env bash
# The slow-client case of issue 14 (finding 7): wrk reads a cached 50-comment thread through the servlet
# (Jetty 12, in-memory store) while N clients dribble request bodies at a byte a second, with request bodies
# read on the container's threads (bench.async=false, as before) and with Servlet async I/O (the default).
# Each mode is measured without and with the slow clients in the same run, so the ratios hold on a loaded
# machine. Needs wrk and python3. Usage: comments-servlet/bench/slow-clients.sh [N, default 250] [duration, default 20s]
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${1:-250}
DUR=${2:-20s}
PORT=18183
WORK=$(mktemp -d)
./mvnw -B -q -o -pl comments-servlet -am test-compile dependency:build-classpath -Dmdep.outputFile="$WORK/cp" -Dmdep.includeScope=test
CP="comments-servlet/target/test-classes:comments-servlet/target/classes:$(cat "$WORK/cp")"
URL="http://127.0.0.1:$PORT/comments/api/thread?thread=bench"
SPID=""; DPID=""
cleanup() { [ -n "$DPID" ] && kill "$DPID" 2>/dev/null || true; [ -n "$SPID" ] && kill "$SPID" 2>/dev/null || true; }
trap cleanup EXIT
for async in false true; do
  java -Xmx512m -Dbench.async=$async -cp "$CP" dev.talkback.comments.servlet.bench.BenchServer $PORT "$WORK/www" > "$WORK/server-$async.log" 2>&1 &
  SPID=$!
  for _ in $(seq 120); do grep -q READY "$WORK/server-$async.log" 2>/dev/null && break; sleep 1; done
  grep READY "$WORK/server-$async.log"
  wrk -t2 -c16 -d5s "$URL" > /dev/null  # warm-up
  echo "== async=$async: readers alone"
  wrk -t2 -c16 -d"$DUR" --timeout 10s --latency "$URL"
  python3 comments-servlet/bench/dribble.py 127.0.0.1 $PORT /comments/api/comments "$N" > "$WORK/dribble-$async.log" 2>&1 &
  DPID=$!
  sleep 5
  echo "== async=$async: readers while $N slow clients dribble bodies"
  wrk -t2 -c16 -d"$DUR" --timeout 10s --latency "$URL"
  tail -1 "$WORK/dribble-$async.log"
  kill $DPID; wait $DPID 2>/dev/null || true; DPID=""
  kill $SPID; wait $SPID 2>/dev/null || true; SPID=""
done
