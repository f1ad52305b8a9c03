#!/usr/bin/env bash
# A local Airflow 3 for trying newslake in the UI: http://127.0.0.1:8080 (NEWSLAKE_AIRFLOW_PORT), no login.
#
# Runs the four Airflow components separately (not `airflow standalone`, whose log servers
# listen on every interface), each bound to 127.0.0.1 or serving no logs, plus the demo news
# site on 127.0.0.1:8765 that sources.yaml points at. The terminal stays quiet: components log
# to $AIRFLOW_HOME/logs/components/, HTTP access lines are off (NEWSLAKE_ACCESS_LOG=1 turns
# them on), and the ready line comes once the API server answers and has every DAG. Ctrl-C
# stops everything, the scheduler and its helpers first, then the API server.
set -euo pipefail
cd "$(dirname "$0")/.."

export AIRFLOW_HOME="${AIRFLOW_HOME:-$PWD/.airflow}"
export AIRFLOW__CORE__DAGS_FOLDER="$PWD/dags"
export AIRFLOW__CORE__LOAD_EXAMPLES=False
export AIRFLOW__CORE__PARALLELISM=4
export AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_ALL_ADMINS=True   # local use only: everyone is admin
port="${NEWSLAKE_AIRFLOW_PORT:-8080}"
base="http://127.0.0.1:$port"
export AIRFLOW__API__HOST=127.0.0.1
export AIRFLOW__API__PORT="$port"
export AIRFLOW__CORE__EXECUTION_API_SERVER_URL="$base/execution/"
[ "${NEWSLAKE_ACCESS_LOG:-0}" = 1 ] || export AIRFLOW__LOGGING__NAMESPACE_LEVELS="${AIRFLOW__LOGGING__NAMESPACE_LEVELS:-http.access=WARNING}"
export PYTHONWARNINGS="${PYTHONWARNINGS:-ignore::DeprecationWarning}"   # Airflow's own, raised at import
export NEWSLAKE_SOURCES="${NEWSLAKE_SOURCES:-$PWD/sources.yaml}"
export NEWSLAKE_LAKE="${NEWSLAKE_LAKE:-$PWD/lake}"
export NEWSLAKE_AIRFLOW_API_URL="$base"   # the health task writes each run's note here
logs="$AIRFLOW_HOME/logs/components"
mkdir -p "$logs"
secret_file="$AIRFLOW_HOME/jwt_secret"
[ -s "$secret_file" ] || python -c "import secrets; print(secrets.token_hex(48))" > "$secret_file"
export AIRFLOW__API_AUTH__JWT_SECRET="$(cat "$secret_file")"   # 96 hex chars: over the 64-byte minimum

echo "starting Airflow (component logs: $logs) ..."
airflow db migrate >"$logs/db-migrate.log" 2>&1 || { cat "$logs/db-migrate.log"; exit 1; }
# Crawl tasks run in this pool; without it the scheduler never starts them. Two slots: one per core.
airflow pools set newslake_crawl "${NEWSLAKE_CRAWL_SLOTS:-2}" "concurrent newslake crawls" >/dev/null 2>&1

# Each component runs in its own session, so Ctrl-C reaches only this script, which then stops
# them in order with SIGTERM (a SIGINT to all at once left the scheduler's database work cut off
# mid-transaction, with SQLAlchemy tracebacks).
declare -A pids=()
start() {
	local name=$1
	shift
	setsid "$@" >"$logs/$name.log" 2>&1 &
	pids[$name]=$!
}
stop() {
	trap - EXIT INT TERM
	echo
	echo "stopping Airflow ..."
	for name in scheduler triggerer dag-processor demo-site api-server; do
		local pid=${pids[$name]:-}
		[ -n "$pid" ] || continue
		kill -TERM -- "-$pid" 2>/dev/null || true
		# Each exits cleanly within seconds; the API server may wait for idle keep-alive connections.
		for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
		kill -KILL -- "-$pid" 2>/dev/null || true
		wait "$pid" 2>/dev/null || true
	done
	echo "stopped."
	exit 0
}
trap stop EXIT INT TERM

start demo-site newslake demo --serve --port "${NEWSLAKE_DEMO_PORT:-8765}"
start api-server airflow api-server --host 127.0.0.1 --port "$port"
start scheduler airflow scheduler --skip-serve-logs
start dag-processor airflow dag-processor
start triggerer airflow triggerer --skip-serve-logs

# Ready means: the API server answers and the DAG processor has put every DAG file's DAG there.
expected=$(ls dags/*.py | wc -l)
for _ in $(seq 1 180); do
	dags=$(python - "$base" <<-'EOF' 2>/dev/null || true
		import json, sys, urllib.request
		with urllib.request.urlopen(sys.argv[1] + "/api/v2/dags?limit=100", timeout=5) as answer:
		    print(", ".join(sorted(d["dag_id"] for d in json.load(answer)["dags"])))
	EOF
	)
	if [ -n "$dags" ] && [ "$(echo "$dags" | tr ',' '\n' | wc -l)" -ge "$expected" ]; then
		break
	fi
	for name in "${!pids[@]}"; do
		kill -0 "${pids[$name]}" 2>/dev/null || { echo "$name stopped; its log:"; tail -n 30 "$logs/$name.log"; exit 1; }
	done
	sleep 1
done
[ -n "$dags" ] || { echo "the API server did not answer within 3 minutes; see $logs/api-server.log"; exit 1; }
echo "Airflow: $base  (DAGs: $dags; lake: $NEWSLAKE_LAKE)"
echo "  news_ingest is paused: switching it on starts its first run. Ctrl-C stops it all."
wait -n "${pids[@]}" || true
