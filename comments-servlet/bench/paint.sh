#!/usr/bin/env bash
# When does a reader see the first comment? The widget against the server-rendered fragment, side by side,
# in headless Chromium (needs chromium and chromium-driver: apt-get install -y chromium chromium-driver).
# BEFORE=<git rev> also runs that revision's embed.js in the same rounds (page /widget-before); PRELOAD=1 also
# the widget on a page that preloads its first two API requests and links its stylesheet (/widget-preload).
# Usage: [BEFORE=main] [PRELOAD=1] comments-servlet/bench/paint.sh [rounds, default 30] [cold|warm, default cold] [added latency ms, default 0]
set -euo pipefail
cd "$(dirname "$0")/../.."
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
./mvnw -B -o -q -pl comments-servlet -am test-compile dependency:build-classpath -Dmdep.outputFile="$WORK/cp" -Dmdep.includeScope=test
CP="comments-servlet/target/test-classes:comments-servlet/target/classes:$(cat "$WORK/cp")"
OPTS=()
if [ -n "${BEFORE:-}" ]; then
  git show "$BEFORE:comments-servlet/src/main/resources/dev/talkback/comments/servlet/assets/embed.js" > "$WORK/embed-before.js"
  OPTS+=("-Dpaint.before=$WORK/embed-before.js")
fi
if [ -n "${PRELOAD:-}" ]; then
  OPTS+=("-Dpaint.preload=true")
fi
java -Xmx512m -Dorg.slf4j.simpleLogger.defaultLogLevel=warn "${OPTS[@]}" -cp "$CP" \
  dev.talkback.comments.servlet.bench.PaintTiming "${1:-30}" "${2:-cold}" "${3:-0}"
