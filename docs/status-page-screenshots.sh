#!/usr/bin/env bash
# Takes docs/status-page.png and docs/status-page-phone.png: runs the bridge in demo mode for a few minutes, so that
# the event chart has a history, then photographs the status page with headless Chromium.
# Usage, from the project's root: mvn -q -B package -DskipTests && docs/status-page-screenshots.sh [minutes]
# The ports are SCREENSHOT_PORT and SCREENSHOT_MANAGEMENT_PORT (default 18080, 19876); BRIDGE_JAR runs another jar.
set -euo pipefail
cd "$(dirname "$0")/.."
minutes="${1:-3}"
port="${SCREENSHOT_PORT:-18080}"
home="$(mktemp -d)"
profile="$(mktemp -d)"

# the embedded MQTT broker on a free port: 1883 may be another broker's
BRIDGE_HOME="$home" CAMEL_SERVER_PORT="$port" CAMEL_MANAGEMENT_PORT="${SCREENSHOT_MANAGEMENT_PORT:-19876}" \
    MQTT_EMBEDDED_PORT=0 DEMO_CHANGE_INTERVAL=1s java -jar "${BRIDGE_JAR:-target/ha-camel-bridge.jar}" >"$home/bridge.log" 2>&1 &
bridge=$!
trap 'kill "$bridge" 2>/dev/null; rm -rf "$home" "$profile"' EXIT

for _ in $(seq 1 120); do
    curl -fs -o /dev/null "http://127.0.0.1:$port/health/ready" && break
    kill -0 "$bridge" 2>/dev/null || { cat "$home/bridge.log"; exit 1; }
    sleep 1
done
echo "the bridge is ready; waiting $minutes minutes for the event chart to fill"
sleep $((minutes * 60))

shoot() {
    chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
        --disable-component-update --disable-sync --user-data-dir="$profile" --hide-scrollbars \
        --window-size="$2" --virtual-time-budget=5000 --screenshot="$PWD/$1" "http://127.0.0.1:$port/" 2>/dev/null
}
shoot docs/status-page.png 1280,1250
shoot docs/status-page-phone.png 390,1600
echo "wrote docs/status-page.png and docs/status-page-phone.png"
