#!/usr/bin/env bash
# `make faults`: database restarts and crashes under write load, on a private PostgreSQL cluster.
#
# The cluster is made here with initdb in a temporary folder, listens on 127.0.0.1 on a free port of
# its own (and on a socket inside that folder), and is stopped and deleted on every exit, failure or
# Ctrl-C included. The machine's shared server (127.0.0.1:5432) is never touched. initdb refuses to
# run as root, so as root the cluster runs as the `postgres` OS user. The checks themselves are
# Python (tests/faults/__main__.py); they start gunicorn and write its process group id into the
# folder, so the trap below can stop every server too.
set -euo pipefail

cd "$(dirname "$0")/../.."
PY=.venv/bin/python

PGBIN=${PGBIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}
if [ -z "$PGBIN" ] || [ ! -x "$PGBIN/initdb" ] || [ ! -x "$PGBIN/pg_ctl" ]; then
    echo "faults: PostgreSQL server binaries not found (looked for /usr/lib/postgresql/*/bin/initdb; set PGBIN)" >&2
    exit 2
fi

AS_PG=()
if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 || { echo "faults: running as root needs a 'postgres' OS user for initdb" >&2; exit 2; }
    AS_PG=(runuser -u postgres --)
fi

WORK=$(mktemp -d /tmp/jembatan-faults.XXXXXX)
chmod 755 "$WORK"
PGDATA="$WORK/pg/data"
mkdir -p "$WORK/pg"
chmod 700 "$WORK/pg"
if [ ${#AS_PG[@]} -gt 0 ]; then chown postgres: "$WORK/pg"; fi

stop_pid() {  # stop_pid PID [-]: TERM, up to 20 s (gunicorn's graceful timeout), then KILL; "-" means its group
    local target=$1
    [ "${2:-}" = - ] && target="-$1"
    kill -TERM -- "$target" 2>/dev/null || return 0
    for _ in $(seq 200); do kill -0 -- "$target" 2>/dev/null || return 0; sleep 0.1; done
    kill -KILL -- "$target" 2>/dev/null || true
}

cleanup() {
    local status=$?
    trap - EXIT INT TERM
    # The checks first (so they start nothing more), then the process groups they started in sessions
    # of their own (each gunicorn, master and workers; a pg_ctl under way), then the cluster.
    if [ -e "$WORK/driver.pid" ]; then
        driver=$(cat "$WORK/driver.pid")
        kill -TERM "$driver" 2>/dev/null && wait "$driver" 2>/dev/null || true  # our child: wait reaps it
    fi
    for pgidfile in "$WORK"/*.pgid; do
        if [ -e "$pgidfile" ]; then stop_pid "$(cat "$pgidfile")" -; fi
    done
    if [ -e "$PGDATA/postmaster.pid" ]; then
        "${AS_PG[@]}" "$PGBIN/pg_ctl" -D "$PGDATA" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    if [ "$status" != 0 ] && compgen -G "$WORK/*.log" >/dev/null; then
        # Keep the servers' logs of a failed run for diagnosis (they hold no personal data: fault-check notes).
        KEPT=${FAULTS_LOGS:-/tmp/jembatan-faults-logs}
        rm -rf "$KEPT" && mkdir -p "$KEPT" && cp "$WORK"/*.log "$WORK"/pg/server.log "$KEPT"/ 2>/dev/null || true
        echo "faults: logs of this failed run kept in $KEPT"
    fi
    rm -rf "$WORK"
    echo "faults: private cluster and servers stopped, $WORK removed"
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

PGPORT=$($PY -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
if [ "$PGPORT" = 5432 ]; then echo "faults: refusing port 5432 (the shared server's)" >&2; exit 2; fi

echo "faults: initdb in $PGDATA ($("$PGBIN/postgres" --version | sed 's/^postgres (//; s/)//'), port $PGPORT)"
"${AS_PG[@]}" "$PGBIN/initdb" -D "$PGDATA" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$WORK/initdb.log" 2>&1 \
    || { cat "$WORK/initdb.log" >&2; exit 1; }
# Durability stays at PostgreSQL's defaults (fsync, synchronous_commit on): the crash must be honest.
"${AS_PG[@]}" tee -a "$PGDATA/postgresql.conf" >/dev/null <<CONF
port = $PGPORT
listen_addresses = '127.0.0.1'
unix_socket_directories = '$WORK/pg'
max_connections = 100
log_min_messages = warning
CONF
"${AS_PG[@]}" "$PGBIN/pg_ctl" -D "$PGDATA" -l "$WORK/pg/server.log" -w -t 60 start >/dev/null
"${AS_PG[@]}" "$PGBIN/createdb" -h 127.0.0.1 -p "$PGPORT" -U postgres jembatan_faults

export FAULTS_WORK="$WORK" FAULTS_PGBIN="$PGBIN" FAULTS_PGDATA="$PGDATA" FAULTS_PGPORT="$PGPORT"
export FAULTS_AS_PG="${AS_PG[*]}" FAULTS_COMMAND="make faults"
# In the background with `wait`, so that a TERM or Ctrl-C reaches the trap at once, not after the checks.
$PY -m tests.faults &
echo $! >"$WORK/driver.pid"
wait $!
