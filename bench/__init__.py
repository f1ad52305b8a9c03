"""Benchmarks: each compares newslake with the anchor tools in one run and writes docs/benchmarks.md."""
