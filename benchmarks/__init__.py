"""Benchmarks: speed goals are measured here, apart from the test run (`make bench`)."""
