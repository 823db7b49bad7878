"""Benchmarks of the vote engine: a generator of large synthetic votes and timed measurements.

`python -m bench.generate --help` and `python -m bench.bench_engine --help` describe the
commands; docs/performance.md has the figures and how to read them.
"""
