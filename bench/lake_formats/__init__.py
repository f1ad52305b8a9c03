"""Plain Parquet files, Delta Lake and Iceberg compared on the lake's own workload.

Run from the repository root::

    nice -n 10 .venv/bin/python -m bench.lake_formats            # the figures in docs/lake.md
    nice -n 10 .venv/bin/python -m bench.lake_formats --quick    # a smoke run

The tables are synthetic but shaped like ours (the schemas of ``transforms/schemas.py``: fetches
with ~30 KB bodies partitioned by source and dt, articles with ~3 KB texts and runs partitioned by
dt), written by hourly runs. Each measurement starts from a fresh folder under a temporary
directory; writers that must run beside each other are spawned processes (``deltalake`` panics in
a forked child), as Airflow's mapped tasks would be.
"""
