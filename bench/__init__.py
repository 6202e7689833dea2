"""Benchmarks with their corpus generator; run by `make bench`, never by the unit tests."""
