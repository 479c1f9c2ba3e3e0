"""Benchmarks and load tests run against a real server: speed, weight, throughput, faults."""
