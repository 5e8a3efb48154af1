"""Octet's pure-Python engine: grading, knowledge and pix, adaptive positioning, IRT, certification.

Nothing in this package imports Django (see tests/engine/test_purity.py): it takes plain values in and
gives plain values back, so it can be tested, simulated and benchmarked on its own. See README.md here.

Submodules are imported explicitly (``from octet.engine import grading``); this file imports nothing.
"""
