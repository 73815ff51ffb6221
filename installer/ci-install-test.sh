#!/usr/bin/env bash
# Builds the Confab .deb, installs it with dpkg, exercises both installed launchers and removes it again.
#
#   installer/ci-install-test.sh [--skip-build]
#
# Needs root (or sudo) for apt-get/dpkg, Debian or Ubuntu, JDK 17 and Maven. It installs what it lacks:
# binutils, fakeroot, the JDK's jmods (openjdk-17-jdk-headless), curl, and the package's own Depends (GTK...).
# The server under test listens on 127.0.0.1 only (a free port, TLS plus a plain loopback port) with a temporary
# data directory; its mDNS advertisement stays on loopback. Prints the package size and the build time.
# KEEP_INSTALLED=1 leaves the package installed for a look around.
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; fi
TMP=$(mktemp -d /tmp/confab-ci-install.XXXXXX)
SERVER_PID=""
INSTALLED=0

step() { printf '\n== %s\n' "$*"; }
fail() {
  echo "ci-install-test: FAILED: $*" >&2
  for f in "$TMP"/*.out; do [ -f "$f" ] && { echo "--- $f" >&2; tail -n 40 "$f" >&2; }; done
  exit 1
}
cleanup() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then kill -9 "$SERVER_PID" 2>/dev/null || true; fi
  if [ "$INSTALLED" = 1 ] && [ "${KEEP_INSTALLED:-0}" != 1 ]; then $SUDO dpkg --purge confab >/dev/null 2>&1 || true; fi
  rm -rf "$TMP"
}
trap cleanup EXIT

# Starts the installed server with the given options; sets SERVER_PID and PORT (waits up to 120 s).
start_server() {
  local out=$1; shift
  /opt/confab/bin/confab-server --bind 127.0.0.1 --port 0 "$@" >"$out" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 240); do
    if grep -q "listening on" "$out"; then break; fi
    kill -0 "$SERVER_PID" 2>/dev/null || fail "the server exited while starting"
    sleep 0.5
  done
  PORT=$(grep -oP 'listening on [^:]+:\K[0-9]+' "$out") || fail "the server did not start within 120 s"
}

stop_server() {
  local out=$1
  kill -TERM "$SERVER_PID"
  for _ in $(seq 1 120); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.5; done
  kill -0 "$SERVER_PID" 2>/dev/null && fail "the server ignored SIGTERM for 60 s"
  grep -q "Confab server stopped." "$out" || fail "the server did not stop cleanly"
  SERVER_PID=""
}

# rpc BASE TOKEN JSON: one request to /api/v1/rpc, prints the reply.
rpc() {
  local base=$1 token=$2 body=$3
  local auth=()
  if [ -n "$token" ]; then auth=(-H "Authorization: Bearer $token"); fi
  curl -sS --max-time 30 "${CURL_TLS[@]}" "${auth[@]}" -H 'Content-Type: application/json' -d "$body" "$base/api/v1/rpc"
}

expect() { # expect TEXT PATTERN WHAT
  grep -q -- "$2" <<<"$1" || fail "$3: expected $2 in: $1"
}

step "Prerequisites"
need=()
JAVA_HOME_DIR=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}
[ -f "$JAVA_HOME_DIR/jmods/java.base.jmod" ] || need+=(openjdk-17-jdk-headless)
for pkg in binutils fakeroot curl; do dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg"); done
if [ "${#need[@]}" -gt 0 ]; then
  echo "installing ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}"
fi

step "Build the .deb (mvn -Pdeb)"
build_secs=0
if [ "${1:-}" != "--skip-build" ]; then
  started=$(date +%s)
  mvn -B -q -Pdeb -DskipTests package -pl installer -am
  build_secs=$(( $(date +%s) - started ))
fi
DEB=$(ls installer/target/jpackage/installer/confab_*_amd64.deb 2>/dev/null | head -1)
[ -n "$DEB" ] || fail "no .deb in installer/target/jpackage/installer"
[ -x installer/target/jpackage/image/confab/bin/confab ] || fail "no app image"
echo "built $DEB"

step "Install with dpkg -i"
missing=()
for dep in $(dpkg-deb -f "$DEB" Depends | tr ',' '\n' | sed 's/([^)]*)//g; s/|.*//' | xargs); do
  dpkg -s "$dep" >/dev/null 2>&1 || missing+=("$dep")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "installing the package's dependencies first: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
$SUDO dpkg -i "$DEB"
INSTALLED=1
[ -x /opt/confab/bin/confab ] && [ -x /opt/confab/bin/confab-server ] || fail "launchers missing in /opt/confab/bin"
[ "$(readlink /usr/bin/confab-server)" = /opt/confab/bin/confab-server ] || fail "/usr/bin/confab-server link missing"
getent passwd confab >/dev/null || fail "no confab system user"
[ "$(stat -c %U:%a /var/lib/confab)" = "confab:700" ] || fail "/var/lib/confab is not confab:700"
[ -f /lib/systemd/system/confab-server.service ] || fail "systemd unit not installed"
grep -q '^NoDisplay=true' /opt/confab/lib/confab-confab-server.desktop || fail "the server launcher shows in menus"
grep -q '^Name=Confab$' /opt/confab/lib/confab-confab.desktop || fail "desktop entry name"
if command -v systemd-analyze >/dev/null 2>&1; then
  systemd-analyze verify /lib/systemd/system/confab-server.service || echo "warning: systemd-analyze verify complained (no systemd here?)"
fi
echo "installed: /opt/confab ($(du -sh /opt/confab | cut -f1)), user confab, /var/lib/confab, confab-server.service"

step "Installed server: TLS on a free port, temporary data directory"
DATA="$TMP/data"
start_server "$TMP/server.out" --tls --plain-local-port 0 --name "CI install test" --data-dir "$DATA"
PLAIN=$(grep -oP 'ws://127\.0\.0\.1:\K[0-9]+' "$TMP/server.out" | head -1)
FP=$(grep -oP 'fingerprint: \K[0-9A-F:]+' "$TMP/server.out")
[ -n "$FP" ] || fail "the server printed no certificate fingerprint"
if command -v openssl >/dev/null 2>&1; then
  [ "$(openssl x509 -in "$DATA/tls/certificate.pem" -noout -fingerprint -sha256 | cut -d= -f2)" = "$FP" ] \
    || fail "the printed fingerprint is not the certificate's"
fi
echo "listening on TLS port $PORT (SHA-256 $FP), plain loopback port $PLAIN"
BASE="https://127.0.0.1:$PORT"
CURL_TLS=(--cacert "$DATA/tls/certificate.pem")
expect "$(curl -sS --max-time 10 "${CURL_TLS[@]}" "$BASE/health")" '"status":"ok"' "GET /health over https"
expect "$(curl -sS --max-time 10 "http://127.0.0.1:$PLAIN/health")" '"status":"ok"' "GET /health on the plain loopback port"

step "Register, log in, send, read over HTTPS with curl"
expect "$(rpc "$BASE" "" '{"type":"register","id":"1","username":"alice","password":"correct horse"}')" register_ok "register alice"
expect "$(rpc "$BASE" "" '{"type":"register","id":"2","username":"bob","password":"battery staple"}')" register_ok "register bob"
login=$(rpc "$BASE" "" '{"type":"login","id":"3","username":"alice","password":"correct horse","deviceName":"ci"}')
ALICE=$(sed -n 's/.*"token":"\([^"]*\)".*/\1/p' <<<"$login"); [ -n "$ALICE" ] || fail "login alice: $login"
login=$(rpc "$BASE" "" '{"type":"login","id":"4","username":"bob","password":"battery staple","deviceName":"ci"}')
BOB=$(sed -n 's/.*"token":"\([^"]*\)".*/\1/p' <<<"$login"); [ -n "$BOB" ] || fail "login bob: $login"
expect "$(rpc "$BASE" "$ALICE" '{"type":"send","id":"5","to":"bob","clientMsgId":"ci-1","body":"hello from the installed server"}')" send_ok "send"
events=$(curl -sS --max-time 30 "${CURL_TLS[@]}" -H "Authorization: Bearer $BOB" "$BASE/api/v1/events?after=0&wait=1")
expect "$events" "hello from the installed server" "bob's events"
grep -q "advertising" "$DATA/logs/confab-server.0.log" || fail "no mDNS advertisement in the log"
echo "message delivered; log file and LAN advertisement (loopback) present"

step "Backup while running, restore, start on the restored copy"
/opt/confab/bin/confab-server backup --data-dir "$DATA" --to "$TMP/backup" | tee "$TMP/backup.out"
grep -q "Backup of the running server" "$TMP/backup.out" || fail "backup did not go through the running server"
stop_server "$TMP/server.out"
/opt/confab/bin/confab-server restore --from "$TMP/backup" --data-dir "$TMP/restored"
start_server "$TMP/restored.out" --no-discovery --data-dir "$TMP/restored"
CURL_TLS=()
events=$(curl -sS --max-time 30 -H "Authorization: Bearer $BOB" "http://127.0.0.1:$PORT/api/v1/events?after=0&wait=1")
expect "$events" "hello from the installed server" "events on the restored server"
stop_server "$TMP/restored.out"
echo "restored copy serves the message and bob's session"

step "Installed desktop launcher without a display"
HEADLESS=(env -u DISPLAY -u WAYLAND_DISPLAY HOME="$TMP/home" XDG_DATA_HOME="$TMP/home/data")
mkdir -p "$TMP/home"
version=$("${HEADLESS[@]}" /opt/confab/bin/confab --version)
echo "$version"
expect "$version" "Confab desktop" "confab --version"
"${HEADLESS[@]}" /opt/confab/bin/confab --self-check | tee "$TMP/self-check.out"
grep -q "self-check: ok" "$TMP/self-check.out" || fail "confab --self-check"
/opt/confab/bin/confab-server --version

step "Remove with dpkg -r, then purge"
$SUDO dpkg -r confab
INSTALLED=0
[ ! -e /opt/confab/bin ] || fail "/opt/confab/bin left behind"
[ ! -e /lib/systemd/system/confab-server.service ] || fail "systemd unit left behind"
[ ! -e /usr/bin/confab ] && [ ! -e /usr/bin/confab-server ] || fail "/usr/bin links left behind"
$SUDO dpkg --purge confab >/dev/null
dpkg -s confab >/dev/null 2>&1 && fail "still known to dpkg after --purge"
echo "removed and purged (the confab user and /var/lib/confab are kept on purpose)"

step "Result"
size=$(stat -c %s "$DEB")
printf 'package:        %s\n' "$(basename "$DEB")"
printf 'package size:   %s bytes (%s MiB)\n' "$size" "$(awk "BEGIN {printf \"%.1f\", $size / 1048576}")"
printf 'installed size: %s KiB\n' "$(dpkg-deb -f "$DEB" Installed-Size)"
if [ "$build_secs" -gt 0 ]; then printf 'build time:     %s s (mvn -Pdeb package -pl installer -am, tests skipped)\n' "$build_secs"; fi
echo "ci-install-test: OK"
