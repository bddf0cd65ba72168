"""Benchmarks, run by hand or by `make bench`; never collected by pytest (no test_ files here)."""
