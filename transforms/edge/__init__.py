"""The edge of the core: lake access, local spools, DuckDB joins, process pools and settings.

Everything here does I/O on behalf of the pure functions in ``transforms``; the core never
imports it (``tests/test_layers.py`` checks).
"""
