#!/usr/bin/env bash
# A local Airflow 3 for trying newslake in the UI: http://127.0.0.1:8080, no login.
#
# Runs the four Airflow components separately (not `airflow standalone`, whose log servers
# listen on every interface), each bound to 127.0.0.1 or serving no logs, plus the demo news
# site on 127.0.0.1:8765 that sources.yaml points at. Ctrl-C stops everything.
set -euo pipefail
cd "$(dirname "$0")/.."

export AIRFLOW_HOME="${AIRFLOW_HOME:-$PWD/.airflow}"
export AIRFLOW__CORE__DAGS_FOLDER="$PWD/dags"
export AIRFLOW__CORE__LOAD_EXAMPLES=False
export AIRFLOW__CORE__PARALLELISM=4
export AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_ALL_ADMINS=True   # local use only: everyone is admin
export AIRFLOW__API__HOST=127.0.0.1
export AIRFLOW__API__PORT=8080
export AIRFLOW__CORE__EXECUTION_API_SERVER_URL=http://127.0.0.1:8080/execution/
export NEWSLAKE_SOURCES="${NEWSLAKE_SOURCES:-$PWD/sources.yaml}"
export NEWSLAKE_LAKE="${NEWSLAKE_LAKE:-$PWD/lake}"
export NEWSLAKE_AIRFLOW_API_URL=http://127.0.0.1:8080   # the health task writes each run's note here
mkdir -p "$AIRFLOW_HOME"
secret_file="$AIRFLOW_HOME/jwt_secret"
[ -s "$secret_file" ] || python -c "import secrets; print(secrets.token_hex(48))" > "$secret_file"
export AIRFLOW__API_AUTH__JWT_SECRET="$(cat "$secret_file")"   # 96 hex chars: over the 64-byte minimum

airflow db migrate >/dev/null
# Crawl tasks run in this pool; without it the scheduler never starts them. Two slots: one per core.
airflow pools set newslake_crawl "${NEWSLAKE_CRAWL_SLOTS:-2}" "concurrent newslake crawls" >/dev/null
pids=()
trap 'kill "${pids[@]}" 2>/dev/null; wait' EXIT INT TERM
newslake demo --serve --port 8765 & pids+=($!)
airflow api-server --host 127.0.0.1 --port 8080 & pids+=($!)
airflow scheduler --skip-serve-logs & pids+=($!)
airflow dag-processor & pids+=($!)
airflow triggerer --skip-serve-logs & pids+=($!)
echo "Airflow: http://127.0.0.1:8080  (DAGs news_ingest, news_reprocess; lake: $NEWSLAKE_LAKE)  Ctrl-C stops it all."
wait -n
