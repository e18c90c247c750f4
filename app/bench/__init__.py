"""Benchmarks behind ``python -m app bench`` (and the thin pytest wrappers in tests/perf).

Everything here prints or returns measured figures; nothing asserts on time. All files go to
temp folders, and measured child processes refuse internet sockets (see ``probe.py``).
"""
