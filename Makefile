# newslake: `make demo` and `make test` are all a newcomer needs; both install what they use.
SHELL := /bin/bash
UV := $(shell command -v uv 2>/dev/null || echo "python3 -m uv")
RUN := $(UV) run --frozen --no-sync
PACKAGES := transforms crawlers newslake dags bench

.PHONY: demo test test-fast test-distributed distributed-servers lint format airflow bench setup clean chromium

# Install uv when missing, then the locked environment (bytecode compiled: this machine sets
# PYTHONDONTWRITEBYTECODE, and uncompiled Airflow imports take ~6 s each).
.venv/.newslake-synced: pyproject.toml uv.lock
	@command -v uv >/dev/null 2>&1 || python3 -m uv --version >/dev/null 2>&1 || python3 -m pip install --quiet uv
	@$(UV) sync --frozen --compile-bytecode --quiet
	@touch $@

setup: .venv/.newslake-synced

# The demo site listens on 127.0.0.1:$NEWSLAKE_DEMO_PORT (default 8765, where `make airflow` serves
# it too): the same URLs every time, so a second demo refetches nothing, like a second scheduled run.
# Then check-lake: every table of the demo lake is a Delta table of the expected columns that DuckDB reads.
demo: setup
	@$(RUN) newslake demo --lake ./lake && $(RUN) newslake check-lake ./lake

test: setup lint chromium
	$(RUN) pytest

# The inner loop: the unit tier only (no HTTP site, S3, Airflow or slow test; tiers are given in
# tests/conftest.py). 636 tests in 20 s of CPU (user+system, the tests' own subprocesses included);
# 63 s wall on the 2-core machine at load 8 while other work ran: about 25 s on an idle one, where
# wall time is CPU time plus a little. No lint: run `make lint` first.
test-fast: setup
	$(RUN) pytest -m unit -q

# The report test opens the HTML report in headless Chromium (Debian's package) and checks that
# Chinese titles draw in a CJK font (fonts-noto-cjk). Installed only when missing and apt-get is
# there; without chromium that one test is skipped and says why.
chromium:
	@if { [ ! -x /usr/bin/chromium ] || ! fc-list :lang=zh 2>/dev/null | grep -q .; } && command -v apt-get >/dev/null 2>&1; then \
		echo "installing chromium and fonts-noto-cjk for the report test"; \
		$$( [ "$$(id -u)" = 0 ] || echo sudo ) apt-get update -qq && \
		$$( [ "$$(id -u)" = 0 ] || echo sudo ) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null \
		|| echo "could not install chromium and fonts-noto-cjk: the report's browser test will be skipped or fail"; \
	fi

# news_ingest on the CeleryExecutor: PostgreSQL, Redis, two Celery workers and S3 (moto), all on
# 127.0.0.1 and stopped at the end (tests/distributed).
test-distributed: setup distributed-servers
	NEWSLAKE_DISTRIBUTED=1 $(RUN) \
		pytest tests/distributed -p no:cacheprovider -s -o tmp_path_retention_policy=failed

# PostgreSQL and Redis from Debian's packages, installed only when missing. The test runs its own
# servers from temporary data directories; it never uses the packages' services.
distributed-servers:
	@if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || ! command -v redis-server >/dev/null 2>&1; then \
		echo "installing postgresql and redis-server for the distributed test"; \
		$$( [ "$$(id -u)" = 0 ] || echo sudo ) apt-get update -qq && \
		$$( [ "$$(id -u)" = 0 ] || echo sudo ) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
			--no-install-recommends postgresql redis-server >/dev/null; \
	fi

lint: setup
	$(RUN) ruff check .
	$(RUN) ruff format --check .
	$(RUN) mypy

format: setup
	$(RUN) ruff format .
	$(RUN) ruff check --fix .

# A local Airflow 3 on http://127.0.0.1:8080 (no login) with the demo site and sources.yaml.
airflow: setup
	$(RUN) bash deploy/local-airflow.sh

bench: setup
	$(RUN) python -m bench.extraction
	$(RUN) python -m bench.neardup

clean:
	rm -rf lake .airflow .mypy_cache .ruff_cache .pytest_cache
