#!/usr/bin/env bash
# `make load`: Jembatan under 50 concurrent users, on gunicorn with the production configuration and
# PostgreSQL, with 100,000 seekers and 1,000 approved openings in the database.
#
#   1. the load generator's own virtualenv, .venv-load (locust, pinned in tests/load/requirements.txt);
#   2. a template database, jembatan_load_seed: migrated, reference data, seeded by tests/load/seed.py.
#      Built once; rebuilt only when the seeding code, the migrations, the reference data or the seed
#      parameters change (their fingerprint is the database's comment). About 3 to 7 minutes.
#   3. the run's database, jembatan_load: a fresh copy of the template (seconds), migrated, with one API
#      token per Immigration office made by `flask api-clients create` (run by tests/load/tokens.py);
#   4. gunicorn (app/gunicorn_conf.py, APP_ENV=production, limiter storage in Redis) on a free port;
#   5. locust twice: 60 s with 1-3 s think time (the targets), then 60 s without (the peak); then, with
#      the server stopped, each page's cost alone in the app's own process (tests/load/costs.py): CPU
#      time does not depend on what else runs on a shared machine, response times do;
#   6. the results: docs/load-results.md (whole), BENCHMARKS.md (between its load markers), a summary.
#
# Needs PostgreSQL (127.0.0.1:5432, user postgres, trust) and Redis (127.0.0.1:6379, database 11, which
# is emptied). Settings from the environment: LOAD_PORT (5055, or the next free one), LOAD_WORKERS (4),
# LOAD_THREADS (2), LOAD_USERS (50), LOAD_SECONDS (60). Raw outputs go to bench-results/load/<time>/.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD

PGARGS=(-h 127.0.0.1 -p 5432 -U postgres)
TEMPLATE_DB=jembatan_load_seed
RUN_DB=jembatan_load
REDIS_URL=redis://127.0.0.1:6379/11
WORKERS=${LOAD_WORKERS:-4}
THREADS=${LOAD_THREADS:-2}
USERS=${LOAD_USERS:-50}
MEASURE=${LOAD_SECONDS:-60}
OFFICES=5
OUT=bench-results/load/$(date +%Y%m%d-%H%M%S)
LOADVENV=.venv-load
mkdir -p "$OUT"

say() { printf '[load %s] %s\n' "$(date +%H:%M:%S)" "$*"; }
fail() { say "FAILED: $*"; exit 1; }

[ -x .venv/bin/python ] || fail "no .venv: run 'make venv' first (make load does)"
pg_isready -q "${PGARGS[@]}" || fail "PostgreSQL is not answering on 127.0.0.1:5432"
.venv/bin/python - "$REDIS_URL" <<'EOF' || fail "Redis is not answering on 127.0.0.1:6379"
import sys, redis
redis.Redis.from_url(sys.argv[1], socket_connect_timeout=3).flushdb()  # fresh limiter windows for this run
EOF

# --- 1. the load generator's virtualenv ---------------------------------------------------------------
if [ ! -x $LOADVENV/bin/locust ] || [ tests/load/requirements.txt -nt $LOADVENV/.stamp ]; then
    say "installing locust into $LOADVENV"
    [ -x $LOADVENV/bin/python ] || "$(command -v python3.11 || command -v python3)" -m venv $LOADVENV
    printf '*\n' > $LOADVENV/.gitignore  # never committed, whatever the project's .gitignore says
    $LOADVENV/bin/python -m pip install --disable-pip-version-check --quiet -r tests/load/requirements.txt
    touch $LOADVENV/.stamp
fi

# --- the production configuration ---------------------------------------------------------------------
# Keys for this throw-away database only, derived from a fixed phrase so the template's encrypted NIKs
# stay readable from one run to the next. Never used anywhere else.
key_of() { .venv/bin/python -c "import base64,hashlib,sys;print(base64.urlsafe_b64encode(hashlib.sha256(sys.argv[1].encode()).digest()).decode())" "$1"; }
export APP_ENV=production FLASK_APP=wsgi.py
export SECRET_KEY; SECRET_KEY=$(key_of "jembatan load test: session key")
export DATA_KEY; DATA_KEY=$(key_of "jembatan load test: data key")
export NIK_EXCHANGE_KEY="jembatan-load-test-exchange-key" LOAD_NIK_EXCHANGE_KEY="jembatan-load-test-exchange-key"
export RATELIMIT_STORAGE_URI=$REDIS_URL
export JEMBATAN_INSTANCE_PATH=$ROOT/$OUT/instance
export LOAD_USERS=$USERS PYTHONPATH=$ROOT
flask() { .venv/bin/flask "$@"; }
on_db() { DATABASE_URL="postgresql://postgres@127.0.0.1:5432/$1" "${@:2}"; }

# --- 2. the template database -------------------------------------------------------------------------
fingerprint=$(cat tests/load/seed.py tests/load/seed_seekers.py tests/load/identities.py app/services/demo.py \
              migrations/versions/*.py app/data/reference/*.csv | sha256sum | cut -c1-16)
marker="jembatan load template $fingerprint"
current=$(psql "${PGARGS[@]}" -d postgres -tAc \
          "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = '$TEMPLATE_DB'")
if [ "$current" != "$marker" ]; then
    say "building the template database $TEMPLATE_DB (100,000 seekers; only when the seeding changes)"
    dropdb "${PGARGS[@]}" --if-exists --force "$TEMPLATE_DB"
    createdb "${PGARGS[@]}" "$TEMPLATE_DB"
    on_db "$TEMPLATE_DB" flask db upgrade > "$OUT/template-migrate.log" 2>&1
    on_db "$TEMPLATE_DB" flask reference load > "$OUT/template-reference.log" 2>&1
    seed_started=$(date +%s)
    on_db "$TEMPLATE_DB" .venv/bin/python -m tests.load.seed
    psql "${PGARGS[@]}" -d "$TEMPLATE_DB" -qc "VACUUM ANALYZE"
    psql "${PGARGS[@]}" -d postgres -qc "COMMENT ON DATABASE $TEMPLATE_DB IS '$marker'"
    say "template ready in $(( $(date +%s) - seed_started )) s"
else
    say "template database $TEMPLATE_DB is current ($marker)"
fi

# --- 3. the run's database ----------------------------------------------------------------------------
say "copying the template into $RUN_DB"
dropdb "${PGARGS[@]}" --if-exists --force "$RUN_DB"
createdb "${PGARGS[@]}" -T "$TEMPLATE_DB" "$RUN_DB"
export DATABASE_URL="postgresql://postgres@127.0.0.1:5432/$RUN_DB"
flask db upgrade > "$OUT/migrate.log" 2>&1
say "creating $OFFICES API clients with 'flask api-clients create' (tests/load/tokens.py)"
(umask 077; .venv/bin/python -m tests.load.tokens $OFFICES > "$OUT/tokens" 2> "$OUT/api-clients.log") \
    || fail "API clients not created (see $OUT/api-clients.log)"
[ "$(grep -c '^jbt_' "$OUT/tokens")" -eq $OFFICES ] || fail "API clients not created (see $OUT/api-clients.log)"

# --- 4. gunicorn ----------------------------------------------------------------------------------------
PORT=$(.venv/bin/python - "${LOAD_PORT:-5055}" <<'EOF'
import socket, sys
for port in range(int(sys.argv[1]), int(sys.argv[1]) + 100):
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            continue
        print(port)
        break
EOF
)
[ -n "$PORT" ] || fail "no free port"
HOST=http://127.0.0.1:$PORT
say "gunicorn on $HOST: $WORKERS workers x $THREADS threads, APP_ENV=production, limits in $REDIS_URL"
.venv/bin/gunicorn -c python:app.gunicorn_conf --bind "127.0.0.1:$PORT" --workers "$WORKERS" --threads "$THREADS" \
    --no-control-socket wsgi:app > "$OUT/gunicorn-access.log" 2> "$OUT/gunicorn.log" &
GUNICORN=$!
stop_server() { kill -TERM "$GUNICORN" 2>/dev/null && wait "$GUNICORN" 2>/dev/null || true; }
trap stop_server EXIT
for _ in $(seq 1 120); do
    curl -fsS -o /dev/null "$HOST/api/v1/health" 2>/dev/null && break
    kill -0 "$GUNICORN" 2>/dev/null || fail "gunicorn stopped (see $OUT/gunicorn.log)"
    sleep 0.5
done
curl -fsS -o /dev/null "$HOST/api/v1/health" || fail "gunicorn did not answer within 60 s"

# --- 5. locust, twice -----------------------------------------------------------------------------------
run_locust() {  # label think results
    say "locust: $USERS users, think time $2 s, $MEASURE s measured after every user's log-in and first pages"
    $LOADVENV/bin/locust -f tests/load/locustfile.py --headless --only-summary --loglevel WARNING \
        --host "$HOST" -u "$USERS" -r "$USERS" -t "$((MEASURE + 300))s" --stop-timeout 5 \
        --think "$2" --measure "$MEASURE" --results "$3" --tokens-file "$OUT/tokens" --server-pid "$GUNICORN" \
        --database-name "$RUN_DB" --label "$1" > "$OUT/locust-$1.log" 2>&1 || true
    [ -s "$3" ] || fail "locust wrote no results (see $OUT/locust-$1.log)"
}
run_locust think 1-3 "$OUT/think.json"
run_locust peak 0 "$OUT/peak.json"
stop_server
trap - EXIT
say "the cost of each page alone, in process (CPU and wall time; tests/load/costs.py)"
.venv/bin/python -m tests.load.costs "$OUT/tokens" "$OUT/costs.json" > "$OUT/costs.log" 2>&1 \
    || fail "the cost measurement failed (see $OUT/costs.log)"

# --- 6. the results -------------------------------------------------------------------------------------
DATA=$(psql "${PGARGS[@]}" -d "$RUN_DB" -tAc "SELECT format('%s seekers (%s with a login), %s approved openings of %s \
verified employers, %s placements; PostgreSQL %s', (SELECT count(*) FROM seekers), (SELECT count(*) FROM seekers \
WHERE user_id IS NOT NULL), (SELECT count(*) FROM openings WHERE status = 'approved'), (SELECT count(*) FROM employers \
WHERE status = 'verified'), (SELECT count(*) FROM placements), current_setting('server_version'))")
COMMAND="make load (LOAD_USERS=$USERS LOAD_SECONDS=$MEASURE LOAD_WORKERS=$WORKERS LOAD_THREADS=$THREADS)"
$LOADVENV/bin/python tests/load/report.py --think "$OUT/think.json" --peak "$OUT/peak.json" --costs "$OUT/costs.json" \
    --command "$COMMAND" --data "$DATA" --workers "$WORKERS" --threads "$THREADS" --raw "$OUT" \
    --markdown docs/load-results.md --benchmarks BENCHMARKS.md
