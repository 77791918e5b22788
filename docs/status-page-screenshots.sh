#!/usr/bin/env bash
# Takes docs/status-page.png and docs/status-page-phone.png: runs the bridge in demo mode for a few minutes, so that
# the event chart has a history, then photographs the status page with headless Chromium (chromium, chromedriver).
# Usage, from the project's root: mvn -q -B package -DskipTests && docs/status-page-screenshots.sh [minutes]
# The ports are SCREENSHOT_PORT, SCREENSHOT_MANAGEMENT_PORT and SCREENSHOT_DRIVER_PORT (default 18080, 19876, 19515);
# BRIDGE_JAR runs another jar.
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

# through chromedriver's W3C API, so that the page runs in real time: the live events need their WebSocket
driver_port="${SCREENSHOT_DRIVER_PORT:-19515}"
chromedriver --port="$driver_port" >/dev/null 2>&1 &
driver=$!
trap 'kill "$bridge" "$driver" 2>/dev/null; rm -rf "$home" "$profile"' EXIT
webdriver="http://127.0.0.1:$driver_port"
for _ in $(seq 1 20); do curl -fs -o /dev/null "$webdriver/status" && break; sleep 0.5; done
session=$(curl -fs -X POST "$webdriver/session" -H 'Content-Type: application/json' -d '{"capabilities":{"alwaysMatch":
    {"goog:chromeOptions":{"binary":"'"$(command -v chromium)"'","args":["--headless","--no-sandbox","--disable-gpu",
    "--no-first-run","--disable-background-networking","--disable-component-update","--disable-sync",
    "--hide-scrollbars","--user-data-dir='"$profile"'"]}}}}' | sed -n 's/.*"sessionId":"\([^"]*\)".*/\1/p')

shoot() {
    curl -fs -X POST "$webdriver/session/$session/window/rect" -H 'Content-Type: application/json' \
        -d "{\"width\":$2,\"height\":$3}" >/dev/null
    sleep 3
    curl -fs "$webdriver/session/$session/screenshot" | sed 's/.*"value":"\([^"]*\)".*/\1/' | base64 -d >"$1"
}
curl -fs -X POST "$webdriver/session/$session/url" -H 'Content-Type: application/json' \
    -d "{\"url\":\"http://127.0.0.1:$port/\"}" >/dev/null
sleep 12   # the first poll, the hub's connection and a dozen live changes
shoot docs/status-page.png 1280 1250
shoot docs/status-page-phone.png 390 1600
curl -fs -X DELETE "$webdriver/session/$session" >/dev/null
echo "wrote docs/status-page.png and docs/status-page-phone.png"
