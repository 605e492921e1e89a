#!/usr/bin/env bash
# Lianxin local infrastructure: PostgreSQL, NATS (JetStream), Keycloak and SeaweedFS (S3), on loopback only.
#
#   tools/infra/infra.sh up       install what is missing, start what is not running, wait until healthy
#   tools/infra/infra.sh down     stop everything cleanly (data is kept)
#   tools/infra/infra.sh status   show each service (exit 0 only if all are healthy)
#   tools/infra/infra.sh env      print the `export VAR=...` lines for the services (eval "$(... env)")
#   tools/infra/infra.sh stop keycloak|nats|postgres|seaweedfs   stop one service (fault tests; `up` starts it again)
#
# Services (all bound to 127.0.0.1):
#   postgres  :55432  superuser lianxin/lianxin (CREATEDB), databases lianxin_<service>
#   nats      :54222  JetStream on; monitoring on :58222 (/healthz)
#   keycloak  :58080  realm lianxin from tools/keycloak/lianxin-realm.json (admin/admin on master);
#                     management/health on :59000. When the realm file changes, `up` wipes Keycloak's
#                     dev H2 database and re-imports the realm (users created at runtime are lost then).
#   seaweedfs :53333  S3 API (master 53330, volume 53331, filer 53332; gRPC on each port + 10000), built
#                     from the Go module proxy into .lianxin/tools/bin/weed; data in .lianxin/seaweedfs/,
#                     S3 identity "lianxin" with a generated secret (.lianxin/seaweedfs/s3-identities.json),
#                     dev bucket "lianxin"; telemetry off. Log .lianxin/logs/seaweedfs.log.
#
# State, data and logs live in $LIANXIN_ROOT/.lianxin/ (git-ignored; LIANXIN_ROOT defaults to the repo
# root). Packages come from Debian (postgresql, nats-server, openjdk-17-jre-headless, maven, curl, unzip)
# and are apt-get installed when missing (needs root); Keycloak's zip comes from Maven Central via mvn.
# Logs: .lianxin/logs/{postgres,nats,keycloak}.log. Timeouts (seconds) can be raised with
# LIANXIN_PG_TIMEOUT, LIANXIN_NATS_TIMEOUT, LIANXIN_KC_TIMEOUT. Ports: LIANXIN_PG_PORT, LIANXIN_NATS_PORT,
# LIANXIN_NATS_HTTP_PORT, LIANXIN_KC_PORT, LIANXIN_KC_MGMT_PORT (for a second checkout on one machine).
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_DIR="$(cd "$SCRIPT_DIR/../.." && pwd)"
LIANXIN_ROOT="${LIANXIN_ROOT:-$REPO_DIR}"
STATE="$LIANXIN_ROOT/.lianxin"
LOGS="$STATE/logs"
RUN="$STATE/run"
REALM_FILE="${LIANXIN_REALM_FILE:-$REPO_DIR/tools/keycloak/lianxin-realm.json}"

HOST=127.0.0.1
PG_PORT="${LIANXIN_PG_PORT:-55432}"
PG_USER=lianxin
PG_PASSWORD=lianxin
PG_DATABASES=(lianxin_organizations lianxin_grids lianxin_people lianxin_cases lianxin_volunteers lianxin_assessments lianxin_media)
# PostgreSQL refuses to run as root, so as root it runs as the `postgres` OS user, which must reach its
# data, socket and log. A checkout under a 0700 directory (/root, mktemp -d) is not reachable by it, so
# as root they live outside the tree in /var/lib/lianxin/<checkout>-<hash of its path>/ (PG_HOME), with
# a link at .lianxin/pg-home. A checkout that already has .lianxin/pg keeps using it.
if [ "$(id -u)" -eq 0 ] && [ ! -f "$STATE/pg/PG_VERSION" ]; then
  PG_HOME="${LIANXIN_PG_HOME:-/var/lib/lianxin/$(basename "$LIANXIN_ROOT")-$(echo -n "$STATE" | sha256sum | cut -c1-12)}"
else
  PG_HOME="$STATE"
fi
if [ "$PG_HOME" = "$STATE" ]; then PG_DATA="$STATE/pg"; else PG_DATA="$PG_HOME/data"; fi
PG_LOG="$PG_HOME/postgres.log"
[ "$PG_HOME" = "$STATE" ] && PG_LOG="$LOGS/postgres.log"

NATS_PORT="${LIANXIN_NATS_PORT:-54222}"
NATS_HTTP_PORT="${LIANXIN_NATS_HTTP_PORT:-58222}"
NATS_CONF="$STATE/nats.conf"
# One NATS user per service (tools/nats/nats-users.json), passwords generated here; no anonymous access.
NATS_CREDENTIALS_DIR="$STATE/nats-credentials"
NATS_AUTH_CONF="$STATE/nats-auth.conf"
NATS_PID="$RUN/nats.pid"
NATS_LOG="$LOGS/nats.log"

KC_VERSION=26.5.6
KC_HOME="$STATE/keycloak-$KC_VERSION"
KC_PORT="${LIANXIN_KC_PORT:-58080}"
KC_MGMT_PORT="${LIANXIN_KC_MGMT_PORT:-59000}"
KC_REALM=lianxin
# The password-grant client of the development realm (tests, scripts, the README's curl); lianxin-web is code + PKCE only.
KC_CLIENT_ID=lianxin-dev
KC_AUDIENCE=lianxin-api
KC_PID="$RUN/keycloak.pid"
KC_LOG="$LOGS/keycloak.log"
KC_REALM_SUM="$STATE/keycloak-realm.sha256"

PG_TIMEOUT="${LIANXIN_PG_TIMEOUT:-60}"
NATS_TIMEOUT="${LIANXIN_NATS_TIMEOUT:-30}"
KC_TIMEOUT="${LIANXIN_KC_TIMEOUT:-300}"

log() { echo "[infra] $*"; }
die() { echo "[infra] ERROR: $*" >&2; exit 1; }
die_log() { # die_log <logfile> <message>
  local f="$1"; shift
  echo "[infra] ERROR: $*" >&2
  if [ -s "$f" ]; then
    echo "[infra] ---- last 40 lines of $f ----" >&2
    tail -n 40 "$f" >&2 || true
    echo "[infra] ---- end of $f ----" >&2
  fi
  exit 1
}
is_root() { [ "$(id -u)" -eq 0 ]; }

# ---------------------------------------------------------------------------------------------- helpers

APT_UPDATED=0
apt_install() { # apt_install <package>... ; installs with apt-get, or fails saying what to install
  if ! is_root; then
    die "missing package(s): $*. Install them as root: apt-get update && apt-get install -y $*"
  fi
  command -v apt-get >/dev/null 2>&1 || die "missing package(s): $* (and apt-get is not available to install them)"
  log "installing $* (apt-get)"
  local alog="$LOGS/apt.log"
  if [ "$APT_UPDATED" -eq 0 ]; then
    DEBIAN_FRONTEND=noninteractive apt-get update >>"$alog" 2>&1 || die_log "$alog" "apt-get update failed"
    APT_UPDATED=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$@" >>"$alog" 2>&1 \
    || die_log "$alog" "apt-get install -y $* failed"
}

ensure_cmd() { # ensure_cmd <command> <package>
  command -v "$1" >/dev/null 2>&1 || apt_install "$2"
  command -v "$1" >/dev/null 2>&1 || die "'$1' still not found after installing package $2"
}

port_open() { (exec 3<>"/dev/tcp/$HOST/$1") >/dev/null 2>&1; }

http_ok() { curl -fsS -o /dev/null --max-time 5 "$1" >/dev/null 2>&1; }

pid_alive() { # pid_alive <pidfile> <substring of /proc/pid/cmdline>
  local pid
  [ -s "$1" ] || return 1
  pid="$(head -n1 "$1" | tr -dc 0-9)"
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q -- "$2"
}

read_pid() { head -n1 "$1" 2>/dev/null | tr -dc 0-9; }

stop_group() { # stop_group <name> <pidfile> <match> : TERM the process group, then KILL after 45 s
  local name="$1" pidfile="$2" match="$3" pid i
  if ! pid_alive "$pidfile" "$match"; then
    rm -f "$pidfile"
    log "$name: not running"
    return 0
  fi
  pid="$(read_pid "$pidfile")"
  kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 90); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.5
  done
  if kill -0 "$pid" 2>/dev/null; then
    log "$name: did not stop within 45s, killing"
    kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
    sleep 1
  fi
  rm -f "$pidfile"
  log "$name: stopped"
}

prepare_dirs() {
  mkdir -p "$STATE" "$LOGS" "$RUN"
  chmod 755 "$STATE" "$LOGS" "$RUN"
}

# ---------------------------------------------------------------------------------------------- postgres

PG_BIN=""
PG_OS_USER=""
PG_SOCK=""

pg_find_bin() { # sets PG_BIN to the newest installed /usr/lib/postgresql/<v>/bin (or the data dir's version)
  local want="" d
  [ -f "$PG_DATA/PG_VERSION" ] && want="$(cat "$PG_DATA/PG_VERSION")"
  if [ -n "$want" ]; then
    if [ -x "/usr/lib/postgresql/$want/bin/postgres" ]; then
      PG_BIN="/usr/lib/postgresql/$want/bin"
      return 0
    fi
    die "$PG_DATA was created by PostgreSQL $want but /usr/lib/postgresql/$want/bin/postgres is missing; install it (apt-get install -y postgresql-$want) or move $PG_DATA away to start from scratch"
  fi
  d="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1 || true)"
  if [ -n "$d" ] && [ -x "$d/postgres" ] && [ -x "$d/initdb" ]; then PG_BIN="$d"; return 0; fi
  return 1
}

pg_install() {
  if ! pg_find_bin; then
    apt_install postgresql
    pg_find_bin || die "PostgreSQL binaries not found under /usr/lib/postgresql/*/bin after installing postgresql"
  fi
  # psql/pg_isready are in the same bin dir; no need for the Debian wrappers.
}

pg_pick_user() {
  if is_root; then
    if getent passwd postgres >/dev/null 2>&1; then
      PG_OS_USER=postgres
    else
      if ! getent passwd lianxin >/dev/null 2>&1; then
        useradd --system --no-create-home --home-dir "$STATE" --shell /usr/sbin/nologin lianxin \
          || die "could not create system user 'lianxin' to run postgres"
      fi
      PG_OS_USER=lianxin
    fi
  else
    PG_OS_USER="$(id -un)"
  fi
}

pg_as() { # run a command as the postgres OS user, from a directory it can read
  if is_root; then
    (cd "$PG_HOME" && runuser -u "$PG_OS_USER" -- "$@")
  else
    (cd "$PG_HOME" && "$@")
  fi
}

pg_paths() {
  PG_SOCK="$RUN/pg"
  [ "$PG_HOME" = "$STATE" ] || PG_SOCK="$PG_HOME/run"
  # unix socket paths are limited to ~107 bytes
  if [ "${#PG_SOCK}" -gt 90 ]; then
    PG_SOCK="/tmp/lianxin-pg-$(echo -n "$STATE" | sha256sum | cut -c1-12)"
  fi
}

pg_running() { [ -n "$PG_BIN" ] && [ -f "$PG_DATA/postmaster.pid" ] && pg_as "$PG_BIN/pg_ctl" -D "$PG_DATA" status >/dev/null 2>&1; }
pg_ready() { "$PG_BIN/pg_isready" -q -h "$HOST" -p "$PG_PORT" -t 3 >/dev/null 2>&1; }

pg_write_config() {
  cat >"$PG_DATA/lianxin.conf" <<EOF
# Managed by tools/infra/infra.sh -- rewritten on every 'up'.
listen_addresses = '$HOST'
port = $PG_PORT
unix_socket_directories = '$PG_SOCK'
unix_socket_permissions = 0700
max_connections = 200
shared_buffers = 256MB
effective_cache_size = 2GB
work_mem = 8MB
maintenance_work_mem = 128MB
password_encryption = scram-sha-256
log_timezone = 'UTC'
timezone = 'UTC'
EOF
  cat >"$PG_DATA/pg_hba.conf" <<EOF
# Managed by tools/infra/infra.sh -- rewritten on every 'up'.
# TYPE  DATABASE  USER  ADDRESS        METHOD
local   all       all                  trust
host    all       all   127.0.0.1/32   scram-sha-256
EOF
  grep -q "^include_if_exists = 'lianxin.conf'" "$PG_DATA/postgresql.conf" \
    || echo "include_if_exists = 'lianxin.conf'" >>"$PG_DATA/postgresql.conf"
  if is_root; then chown "$PG_OS_USER" "$PG_DATA/lianxin.conf" "$PG_DATA/pg_hba.conf" "$PG_DATA/postgresql.conf"; fi
}

pg_psql() { pg_as "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$PG_SOCK" -p "$PG_PORT" -U "$PG_USER" -d postgres "$@"; }

pg_up() {
  pg_install
  pg_pick_user
  pg_paths
  if [ "$PG_HOME" != "$STATE" ]; then
    mkdir -p "$PG_HOME"
    chmod 755 "$(dirname "$PG_HOME")"
    chown "$PG_OS_USER" "$PG_HOME"
    chmod 700 "$PG_HOME"
    ln -sfn "$PG_HOME" "$STATE/pg-home"
    ln -sfn "$PG_LOG" "$LOGS/postgres.log"
  fi
  mkdir -p "$PG_SOCK"
  touch "$PG_LOG"
  if is_root; then
    chown "$PG_OS_USER" "$PG_SOCK" "$PG_LOG"
    runuser -u "$PG_OS_USER" -- test -x "$PG_HOME" \
      || die "user $PG_OS_USER cannot reach $PG_HOME (a parent directory is not searchable); run: chmod o+x on the parents of $PG_HOME, or set LIANXIN_PG_HOME elsewhere"
  fi
  chmod 700 "$PG_SOCK"

  if [ ! -f "$PG_DATA/PG_VERSION" ]; then
    rm -rf "$PG_DATA"
    mkdir -p "$PG_DATA"
    if is_root; then chown "$PG_OS_USER" "$PG_DATA"; fi
    chmod 700 "$PG_DATA"
    local pwfile="$PG_HOME/pg.pw"
    (umask 077; echo "$PG_PASSWORD" >"$pwfile")
    if is_root; then chown "$PG_OS_USER" "$pwfile"; fi
    pg_as "$PG_BIN/initdb" -D "$PG_DATA" -U "$PG_USER" --pwfile="$pwfile" --encoding=UTF8 --locale=C.UTF-8 \
      --auth-local=trust --auth-host=scram-sha-256 >>"$PG_LOG" 2>&1 \
      || { rm -f "$pwfile"; die_log "$PG_LOG" "postgres: initdb failed"; }
    rm -f "$pwfile"
    log "postgres: initialized $PG_DATA (PostgreSQL $(cat "$PG_DATA/PG_VERSION"), running as OS user $PG_OS_USER)"
  else
    local owner
    owner="$(stat -c %U "$PG_DATA")"
    if ! is_root && [ "$owner" != "$(id -un)" ]; then
      die "$PG_DATA belongs to $owner; run this script as root (or as $owner)"
    fi
    if is_root && [ "$owner" != "$PG_OS_USER" ]; then PG_OS_USER="$owner"; fi
  fi

  local started=0
  if pg_running; then
    :
  else
    if port_open "$PG_PORT"; then
      die "postgres: port $HOST:$PG_PORT is already in use by another process (not $PG_DATA)"
    fi
    pg_write_config
    # 9>&- : the server must not inherit the lock fd of this script
    pg_as "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$PG_LOG" -w -t "$PG_TIMEOUT" start >/dev/null 2>&1 9>&- \
      || die_log "$PG_LOG" "postgres: failed to start within ${PG_TIMEOUT}s"
    started=1
  fi
  local _
  for _ in $(seq 1 "$PG_TIMEOUT"); do pg_ready && break; sleep 1; done
  pg_ready || die_log "$PG_LOG" "postgres: not accepting connections on $HOST:$PG_PORT after ${PG_TIMEOUT}s"

  # role + databases (idempotent)
  pg_psql -c "ALTER ROLE \"$PG_USER\" WITH SUPERUSER CREATEDB LOGIN PASSWORD '$PG_PASSWORD'" >/dev/null \
    || die_log "$PG_LOG" "postgres: could not configure role $PG_USER"
  local db created=()
  for db in "${PG_DATABASES[@]}"; do
    if [ "$(pg_psql -tAc "SELECT 1 FROM pg_database WHERE datname = '$db'")" != "1" ]; then
      pg_psql -c "CREATE DATABASE \"$db\" OWNER \"$PG_USER\" ENCODING 'UTF8' TEMPLATE template0" >/dev/null \
        || die_log "$PG_LOG" "postgres: could not create database $db"
      created+=("$db")
    fi
  done
  [ "${#created[@]}" -eq 0 ] || log "postgres: created databases ${created[*]}"
  if [ "$started" -eq 1 ]; then
    log "postgres: started on $HOST:$PG_PORT"
  else
    log "postgres: already running on $HOST:$PG_PORT (pid $(head -n1 "$PG_DATA/postmaster.pid"))"
  fi
}

pg_down() {
  if ! pg_find_bin 2>/dev/null || [ ! -f "$PG_DATA/PG_VERSION" ]; then log "postgres: not running"; return 0; fi
  PG_OS_USER="$(stat -c %U "$PG_DATA")"
  if pg_running; then
    pg_as "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast -w -t 60 stop >/dev/null 2>&1 \
      || die_log "$PG_LOG" "postgres: pg_ctl stop failed"
    log "postgres: stopped"
  else
    log "postgres: not running"
  fi
}

pg_status() {
  if pg_find_bin 2>/dev/null && [ -f "$PG_DATA/PG_VERSION" ]; then
    PG_OS_USER="$(stat -c %U "$PG_DATA")"
    if pg_running && pg_ready; then
      log "postgres: healthy on $HOST:$PG_PORT (pid $(head -n1 "$PG_DATA/postmaster.pid"))"
      return 0
    fi
  fi
  log "postgres: not running"
  return 1
}

# ---------------------------------------------------------------------------------------------- nats

NATS_BIN=""

nats_find_bin() {
  NATS_BIN="$(command -v nats-server 2>/dev/null || true)"
  [ -n "$NATS_BIN" ] || { [ -x /usr/sbin/nats-server ] && NATS_BIN=/usr/sbin/nats-server; } || true
  [ -n "$NATS_BIN" ]
}

nats_healthy() {
  http_ok "http://$HOST:$NATS_HTTP_PORT/healthz?js-enabled-only=true" || return 1
  # JetStream must really be on (older servers ignore the query parameter)
  curl -fsS --max-time 5 "http://$HOST:$NATS_HTTP_PORT/jsz" 2>/dev/null | grep -q '"config"'
}

# The users block (tools/nats/render-conf.ts, Node 24 type stripping) is written on every `up` and a running
# server reloads it (SIGHUP): a changed tools/nats/nats-users.json takes effect without a restart.
nats_render_auth() {
  command -v node >/dev/null 2>&1 || die "nats: node (24) is needed to write the NATS users (run through ./lianxin)"
  node "$REPO_DIR/tools/nats/render-conf.ts" "$NATS_CREDENTIALS_DIR" "$NATS_AUTH_CONF" || die "nats: cannot write $NATS_AUTH_CONF"
}

nats_write_conf() {
  cat >"$NATS_CONF" <<EOF
# Managed by tools/infra/infra.sh -- rewritten on every start.
server_name: lianxin_dev
listen: $HOST:$NATS_PORT
http: $HOST:$NATS_HTTP_PORT
pid_file: "$NATS_PID"
max_payload: 8MB
jetstream {
  store_dir: "$STATE/nats"
  max_memory_store: 256MB
  max_file_store: 8GB
}
include "nats-auth.conf"
EOF
  "$NATS_BIN" -c "$NATS_CONF" -t >/dev/null 2>&1 || {
    "$NATS_BIN" -c "$NATS_CONF" -t >>"$NATS_LOG" 2>&1 || true
    die_log "$NATS_LOG" "nats: invalid config $NATS_CONF"
  }
}

nats_up() {
  if ! nats_find_bin; then
    apt_install nats-server
    nats_find_bin || die "nats-server not found after installing package nats-server"
  fi
  mkdir -p "$STATE/nats"
  nats_render_auth
  if pid_alive "$NATS_PID" "$NATS_CONF"; then
    nats_write_conf
    kill -HUP "$(read_pid "$NATS_PID")" 2>/dev/null || true
    local _
    for _ in $(seq 1 "$NATS_TIMEOUT"); do nats_healthy && break; sleep 1; done
    nats_healthy || die_log "$NATS_LOG" "nats: running (pid $(read_pid "$NATS_PID")) but not healthy on $HOST:$NATS_HTTP_PORT"
    log "nats: already running on $HOST:$NATS_PORT (pid $(read_pid "$NATS_PID"))"
    return 0
  fi
  rm -f "$NATS_PID"
  local p
  for p in "$NATS_PORT" "$NATS_HTTP_PORT"; do
    port_open "$p" && die "nats: port $HOST:$p is already in use by another process"
  done
  nats_write_conf
  echo "---- $(date -Is) starting nats-server" >>"$NATS_LOG"
  setsid nohup "$NATS_BIN" -c "$NATS_CONF" -js >>"$NATS_LOG" 2>&1 </dev/null 9>&- &
  local pid=$!
  echo "$pid" >"$NATS_PID"
  local _
  for _ in $(seq 1 "$NATS_TIMEOUT"); do
    nats_healthy && break
    kill -0 "$pid" 2>/dev/null || die_log "$NATS_LOG" "nats: nats-server exited during startup"
    sleep 1
  done
  nats_healthy || die_log "$NATS_LOG" "nats: not healthy on http://$HOST:$NATS_HTTP_PORT/healthz after ${NATS_TIMEOUT}s"
  echo "$pid" >"$NATS_PID"
  log "nats: started on $HOST:$NATS_PORT (JetStream, monitoring $HOST:$NATS_HTTP_PORT)"
}

nats_down() { stop_group nats "$NATS_PID" "$NATS_CONF"; }

nats_status() {
  if pid_alive "$NATS_PID" "$NATS_CONF" && nats_healthy; then
    log "nats: healthy on $HOST:$NATS_PORT (pid $(read_pid "$NATS_PID"), monitoring $HOST:$NATS_HTTP_PORT)"
    return 0
  fi
  log "nats: not running"
  return 1
}

# ---------------------------------------------------------------------------------------------- keycloak

KC_JAVA_HOME=""

java_major() { # java_major <java binary> -> prints the major version (8, 11, 17, ...)
  local v
  v="$("$1" -version 2>&1 | sed -n 's/.*version "\([^"]*\)".*/\1/p' | head -n1)"
  case "$v" in
    1.*) echo "$v" | cut -d. -f2 ;;
    "") echo 0 ;;
    *) echo "$v" | cut -d. -f1 | tr -dc 0-9 ;;
  esac
}

kc_java() { # sets KC_JAVA_HOME to a Java >= 17
  local j d
  j="$(command -v java 2>/dev/null || true)"
  if [ -n "$j" ] && [ "$(java_major "$j")" -ge 17 ]; then
    KC_JAVA_HOME="$(dirname "$(dirname "$(readlink -f "$j")")")"
    return 0
  fi
  for d in $(ls -d /usr/lib/jvm/java-*-openjdk-* 2>/dev/null | sort -V -r); do
    if [ -x "$d/bin/java" ] && [ "$(java_major "$d/bin/java")" -ge 17 ]; then KC_JAVA_HOME="$d"; return 0; fi
  done
  apt_install openjdk-17-jre-headless
  for d in /usr/lib/jvm/java-17-openjdk-*; do
    if [ -x "$d/bin/java" ]; then KC_JAVA_HOME="$d"; return 0; fi
  done
  die "Java 17 not found after installing openjdk-17-jre-headless"
}

kc_download() {
  [ -x "$KC_HOME/bin/kc.sh" ] && return 0
  ensure_cmd unzip unzip
  command -v mvn >/dev/null 2>&1 || apt_install maven
  local dl="$STATE/downloads" zip
  zip="$dl/keycloak-quarkus-dist-$KC_VERSION.zip"
  mkdir -p "$dl"
  if [ ! -s "$zip" ]; then
    log "keycloak: fetching org.keycloak:keycloak-quarkus-dist:$KC_VERSION:zip (mvn)"
    (cd "$dl" && JAVA_HOME="$KC_JAVA_HOME" mvn -q -B dependency:copy \
        "-Dartifact=org.keycloak:keycloak-quarkus-dist:$KC_VERSION:zip" "-DoutputDirectory=$dl") >"$LOGS/keycloak-download.log" 2>&1 \
      || die_log "$LOGS/keycloak-download.log" "keycloak: mvn could not fetch org.keycloak:keycloak-quarkus-dist:$KC_VERSION:zip"
    [ -s "$zip" ] || die_log "$LOGS/keycloak-download.log" "keycloak: $zip missing after mvn dependency:copy"
  fi
  local tmp="$STATE/.keycloak-unzip.$$"
  rm -rf "$tmp"
  mkdir -p "$tmp"
  unzip -q "$zip" -d "$tmp" || { rm -rf "$tmp" "$zip"; die "keycloak: could not unzip $zip (removed it; run up again to re-fetch)"; }
  [ -x "$tmp/keycloak-$KC_VERSION/bin/kc.sh" ] || { rm -rf "$tmp"; die "keycloak: $zip does not contain keycloak-$KC_VERSION/bin/kc.sh"; }
  rm -rf "$KC_HOME"
  mv "$tmp/keycloak-$KC_VERSION" "$KC_HOME"
  rm -rf "$tmp"
  log "keycloak: unpacked to $KC_HOME"
}

kc_ready() { http_ok "http://$HOST:$KC_MGMT_PORT/health/ready"; }
kc_realm_ready() { http_ok "http://$HOST:$KC_PORT/realms/$KC_REALM/.well-known/openid-configuration"; }
kc_running() { pid_alive "$KC_PID" "$KC_HOME/"; }

kc_wait() { # waits for health + realm
  local pid="$1" deadline=$((SECONDS + KC_TIMEOUT))
  while ! kc_ready; do
    kill -0 "$pid" 2>/dev/null || die_log "$KC_LOG" "keycloak: process exited during startup"
    [ "$SECONDS" -lt "$deadline" ] || die_log "$KC_LOG" "keycloak: not ready on http://$HOST:$KC_MGMT_PORT/health/ready after ${KC_TIMEOUT}s"
    sleep 1
  done
  while ! kc_realm_ready; do
    kill -0 "$pid" 2>/dev/null || die_log "$KC_LOG" "keycloak: process exited during startup"
    [ "$SECONDS" -lt "$deadline" ] || die_log "$KC_LOG" "keycloak: realm '$KC_REALM' not served on http://$HOST:$KC_PORT after ${KC_TIMEOUT}s (realm import failed?)"
    sleep 1
  done
}

kc_start() {
  local p
  for p in "$KC_PORT" "$KC_MGMT_PORT"; do
    port_open "$p" && die "keycloak: port $HOST:$p is already in use by another process"
  done
  mkdir -p "$KC_HOME/data/import"
  rm -f "$KC_HOME/data/import/"*.json
  cp "$REALM_FILE" "$KC_HOME/data/import/$KC_REALM-realm.json"
  echo "---- $(date -Is) starting keycloak $KC_VERSION" >>"$KC_LOG"
  (
    cd "$KC_HOME"
    export JAVA_HOME="$KC_JAVA_HOME"
    export JAVA_OPTS_KC_HEAP="-Xms128m -Xmx512m"
    export KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD=admin
    # the management interface (health) follows http-host; keep Quarkus' own setting explicit too
    export QUARKUS_MANAGEMENT_HOST="$HOST"
    exec setsid nohup "$KC_HOME/bin/kc.sh" start-dev --import-realm \
      --http-host="$HOST" --http-port="$KC_PORT" \
      --http-management-port="$KC_MGMT_PORT" --health-enabled=true \
      >>"$KC_LOG" 2>&1 </dev/null 9>&-
  ) &
  local pid=$!
  echo "$pid" >"$KC_PID"
  kc_wait "$pid"
}

kc_up() {
  kc_java
  kc_download
  [ -f "$REALM_FILE" ] || die "keycloak: realm file $REALM_FILE not found"
  local sum old="" reimport=0
  sum="$(sha256sum "$REALM_FILE" | cut -d' ' -f1)"
  [ -f "$KC_REALM_SUM" ] && old="$(cat "$KC_REALM_SUM")"
  if [ -d "$KC_HOME/data/h2" ] && [ "$sum" != "$old" ]; then reimport=1; fi

  if kc_running && [ "$reimport" -eq 0 ]; then
    kc_wait "$(read_pid "$KC_PID")"
    log "keycloak: already running on $HOST:$KC_PORT (pid $(read_pid "$KC_PID"), realm $KC_REALM)"
    return 0
  fi
  if [ "$reimport" -eq 1 ]; then
    log "keycloak: realm file changed since last import; resetting the dev database to re-import it"
    if kc_running; then kc_down; fi
    rm -rf "$KC_HOME/data/h2"
  fi
  rm -f "$KC_PID"
  # a fresh (or reset) dev database imports the realm; record the checksum only once that succeeded
  [ -d "$KC_HOME/data/h2" ] || rm -f "$KC_REALM_SUM"
  local t0=$SECONDS
  kc_start
  echo "$sum" >"$KC_REALM_SUM"
  log "keycloak: started on $HOST:$KC_PORT (realm $KC_REALM, management $HOST:$KC_MGMT_PORT, $((SECONDS - t0))s)"
}

kc_down() { stop_group keycloak "$KC_PID" "$KC_HOME/"; }

kc_status() {
  if kc_running && kc_ready && kc_realm_ready; then
    log "keycloak: healthy on $HOST:$KC_PORT (pid $(read_pid "$KC_PID"), realm $KC_REALM)"
    return 0
  fi
  log "keycloak: not running"
  return 1
}

# ---------------------------------------------------------------------------------------------- seaweedfs

# Object storage (S3 API) for media and exports: SeaweedFS (Apache-2.0), built from the Go module proxy.
# `go install …/weed@version` is refused (its go.mod has replace directives), so the module is downloaded
# (`go mod download`), copied to a writable folder and built there as the main module (~3½ min, once; the
# binary and a stamp of its version stay in .lianxin/tools/). Every port's gRPC twin is port + 10000, so
# the ports stay below 55535. It reports telemetry to the internet unless told not to: -master.telemetry=false.
SW_VERSION=v0.0.0-20261109003541-7506e5f91cd6
SW_BIN="$STATE/tools/bin/weed"
SW_STAMP="$STATE/tools/stamps/weed"
SW_HOME="$STATE/seaweedfs"
SW_MASTER_PORT="${LIANXIN_SW_MASTER_PORT:-53330}"
SW_VOLUME_PORT="${LIANXIN_SW_VOLUME_PORT:-53331}"
SW_FILER_PORT="${LIANXIN_SW_FILER_PORT:-53332}"
S3_PORT="${LIANXIN_S3_PORT:-53333}"
S3_REGION=us-east-1
S3_DEV_BUCKET=lianxin
SW_IDENTITY="$SW_HOME/s3-identities.json"
SW_PID="$RUN/seaweedfs.pid"
SW_LOG="$LOGS/seaweedfs.log"
SW_TIMEOUT="${LIANXIN_SW_TIMEOUT:-60}"

sw_build() {
  [ -x "$SW_BIN" ] && [ "$(cat "$SW_STAMP" 2>/dev/null)" = "$SW_VERSION" ] && return 0
  command -v go >/dev/null 2>&1 || die "seaweedfs: Go (>= 1.25) is needed to build weed from the Go module proxy"
  local blog="$LOGS/seaweedfs-build.log" work="$STATE/seaweedfs-build" dir t0=$SECONDS
  log "seaweedfs: building weed $SW_VERSION from $(go env GOPROXY | cut -d, -f1) (once; about 3-4 minutes)"
  rm -rf "$work"
  mkdir -p "$work" "$(dirname "$SW_BIN")" "$(dirname "$SW_STAMP")"
  (
    export GOMODCACHE="$work/mod" GOCACHE="$work/cache" GOTOOLCHAIN=local GOFLAGS="-modcacherw -buildvcs=false"
    cd "$work"
    dir="$(go mod download -json "github.com/seaweedfs/seaweedfs@$SW_VERSION" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')"
    [ -d "$dir" ] || exit 1
    cp -r "$dir" "$work/src" && chmod -R u+w "$work/src"
    cd "$work/src" && go build -o "$SW_BIN.tmp" ./weed
  ) >"$blog" 2>&1 9>&- || die_log "$blog" "seaweedfs: building weed $SW_VERSION failed"
  mv "$SW_BIN.tmp" "$SW_BIN"
  echo "$SW_VERSION" >"$SW_STAMP"
  rm -rf "$work"
  log "seaweedfs: built $SW_BIN in $((SECONDS - t0))s"
}

# One S3 identity (admin of its buckets); the secret is generated once, like the NATS passwords.
sw_identity() {
  [ -s "$SW_IDENTITY" ] && return 0
  local secret
  secret="$(head -c 32 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | cut -c1-32)"
  (umask 077; cat >"$SW_IDENTITY" <<JSON
{
  "identities": [
    {
      "name": "lianxin",
      "credentials": [{ "accessKey": "lianxin", "secretKey": "$secret" }],
      "actions": ["Admin", "Read", "Write", "List", "Tagging"]
    }
  ]
}
JSON
  )
}
sw_secret() { sed -n 's/.*"secretKey": "\([^"]*\)".*/\1/p' "$SW_IDENTITY"; }

# An S3 request signed with the identity (curl's SigV4): sw_s3 <method> <path> [curl args]
sw_s3() {
  local method="$1" path="$2"; shift 2
  # curl signs the payload hash header it is given (its own is not sent with the body)
  curl -fsS --max-time 10 -X "$method" --aws-sigv4 "aws:amz:$S3_REGION:s3" --user "lianxin:$(sw_secret)" \
    -H "x-amz-content-sha256: UNSIGNED-PAYLOAD" "http://$HOST:$S3_PORT$path" "$@"
}

sw_running() { pid_alive "$SW_PID" "$SW_BIN"; }
sw_healthy() {
  http_ok "http://$HOST:$SW_MASTER_PORT/cluster/healthz" && http_ok "http://$HOST:$S3_PORT/healthz" || return 1
  # writable: the dev bucket exists (created on first start) and takes an object
  sw_s3 PUT "/$S3_DEV_BUCKET/.lianxin-health" --data-binary ok -o /dev/null 2>/dev/null
}

sw_up() {
  sw_build
  mkdir -p "$SW_HOME/data"
  sw_identity
  if sw_running; then
    local _
    for _ in $(seq 1 "$SW_TIMEOUT"); do sw_healthy && break; sleep 1; done
    sw_healthy || die_log "$SW_LOG" "seaweedfs: running (pid $(read_pid "$SW_PID")) but S3 on $HOST:$S3_PORT is not healthy"
    log "seaweedfs: already running, S3 on $HOST:$S3_PORT (pid $(read_pid "$SW_PID"))"
    return 0
  fi
  rm -f "$SW_PID"
  local p
  for p in "$SW_MASTER_PORT" "$SW_VOLUME_PORT" "$SW_FILER_PORT" "$S3_PORT" \
    $((SW_MASTER_PORT + 10000)) $((SW_VOLUME_PORT + 10000)) $((SW_FILER_PORT + 10000)) $((S3_PORT + 10000)); do
    port_open "$p" && die "seaweedfs: port $HOST:$p is already in use by another process"
  done
  echo "---- $(date -Is) starting seaweedfs $SW_VERSION" >>"$SW_LOG"
  # master + volume + filer + S3 in one process, loopback only; the Iceberg and Lance side servers off.
  # Volumes are small (64 MB, no preallocation) and counted from the free disk space, so many test
  # buckets (each a collection of its own) never run out of them.
  (cd "$SW_HOME" && exec setsid nohup "$SW_BIN" server -ip="$HOST" -ip.bind="$HOST" -dir="$SW_HOME/data" \
    -master.telemetry=false -master.port="$SW_MASTER_PORT" -master.volumeSizeLimitMB=64 \
    -volume.port="$SW_VOLUME_PORT" -volume.max=0 \
    -filer -filer.port="$SW_FILER_PORT" -filer.localSocket="$SW_HOME/filer.sock" \
    -s3 -s3.port="$S3_PORT" -s3.config="$SW_IDENTITY" -s3.port.iceberg=0 -s3.port.lance=0 \
    -s3.localSocket="$SW_HOME/s3.sock" \
    >>"$SW_LOG" 2>&1 </dev/null 9>&-) &
  local pid=$! deadline=$((SECONDS + SW_TIMEOUT))
  echo "$pid" >"$SW_PID"
  until http_ok "http://$HOST:$S3_PORT/healthz"; do
    kill -0 "$pid" 2>/dev/null || die_log "$SW_LOG" "seaweedfs: weed exited during startup"
    [ "$SECONDS" -lt "$deadline" ] || die_log "$SW_LOG" "seaweedfs: S3 not answering on $HOST:$S3_PORT after ${SW_TIMEOUT}s"
    sleep 0.5
  done
  # the dev bucket (test stacks and tests create their own through the storage library)
  until sw_s3 PUT "/$S3_DEV_BUCKET" -o /dev/null 2>/dev/null || sw_s3 HEAD "/$S3_DEV_BUCKET" -o /dev/null 2>/dev/null; do
    [ "$SECONDS" -lt "$deadline" ] || die_log "$SW_LOG" "seaweedfs: cannot create bucket $S3_DEV_BUCKET after ${SW_TIMEOUT}s"
    sleep 0.5
  done
  until sw_healthy; do
    [ "$SECONDS" -lt "$deadline" ] || die_log "$SW_LOG" "seaweedfs: S3 on $HOST:$S3_PORT does not take writes after ${SW_TIMEOUT}s"
    sleep 0.5
  done
  log "seaweedfs: started, S3 on $HOST:$S3_PORT (master $SW_MASTER_PORT, volume $SW_VOLUME_PORT, filer $SW_FILER_PORT; telemetry off)"
}

sw_down() { stop_group seaweedfs "$SW_PID" "$SW_BIN"; }

sw_status() {
  if sw_running && [ -s "$SW_IDENTITY" ] && sw_healthy; then
    log "seaweedfs: healthy, S3 on $HOST:$S3_PORT (pid $(read_pid "$SW_PID"))"
    return 0
  fi
  log "seaweedfs: not running"
  return 1
}

# ---------------------------------------------------------------------------------------------- commands

cmd_env() {
  echo "export DATABASE_HOST=$HOST DATABASE_PORT=$PG_PORT DATABASE_USER=$PG_USER DATABASE_PASSWORD=$PG_PASSWORD"
  echo "export NATS_URL=nats://$HOST:$NATS_PORT NATS_CREDENTIALS_DIR=$NATS_CREDENTIALS_DIR"
  echo "export KEYCLOAK_URL=http://$HOST:$KC_PORT KEYCLOAK_REALM=$KC_REALM KEYCLOAK_CLIENT_ID=$KC_CLIENT_ID KEYCLOAK_AUDIENCE=$KC_AUDIENCE"
  # S3 (SeaweedFS): S3_BUCKET is the dev stack's; test stacks set their own (tools/stack.sh)
  local secret=""
  [ -s "$SW_IDENTITY" ] && secret="$(sw_secret)"
  echo "export S3_ENDPOINT=http://$HOST:$S3_PORT S3_REGION=$S3_REGION S3_ACCESS_KEY=lianxin S3_SECRET_KEY=$secret S3_BUCKET=$S3_DEV_BUCKET S3_FORCE_PATH_STYLE=true"
}

lock() {
  prepare_dirs
  command -v flock >/dev/null 2>&1 || return 0
  exec 9>"$STATE/infra.lock"
  flock -w 900 9 || die "another infra.sh is still running (lock $STATE/infra.lock)"
}

cmd_up() {
  local t0=$SECONDS
  lock
  ensure_cmd curl curl
  ensure_cmd pdftotext poppler-utils # reports: the e2e test reads the monthly report PDF's text
  [ -f /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc ] || apt_install fonts-noto-cjk # the report PDF's Chinese font
  ensure_cmd chromium chromium # console/: the browser tests drive Debian's Chromium (playwright-core, no downloaded browser)
  pg_up
  nats_up
  kc_up
  sw_up
  log "all services up ($((SECONDS - t0))s); eval \"\$(bash tools/infra/infra.sh env)\" for the connection settings"
}

cmd_down() {
  lock
  sw_down
  kc_down
  nats_down
  pg_down
}

cmd_status() {
  local rc=0
  pg_status || rc=1
  nats_status || rc=1
  kc_status || rc=1
  sw_status || rc=1
  return "$rc"
}

# One service at a time, for fault tests (test/e2e/faults.e2e.ts): `up` starts whatever is stopped.
cmd_stop() {
  lock
  case "${1:-}" in
    keycloak) kc_down ;;
    nats) nats_down ;;
    postgres) pg_down ;;
    seaweedfs) sw_down ;;
    *) echo "usage: $0 stop keycloak|nats|postgres|seaweedfs" >&2; exit 2 ;;
  esac
}

case "${1:-}" in
  up) cmd_up ;;
  down) cmd_down ;;
  stop) cmd_stop "${2:-}" ;;
  status) cmd_status ;;
  env) cmd_env ;;
  *) echo "usage: $0 up|down|status|env|stop <service>" >&2; exit 2 ;;
esac
