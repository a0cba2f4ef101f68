"""Run every benchmark and print its table: `python -m benchmarks` (or `make bench`)."""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path

for module in sorted(pkgutil.iter_modules([str(Path(__file__).parent)]), key=lambda m: m.name):
    if module.name.endswith("_bench"):
        print(f"\n== {module.name}")
        importlib.import_module(f"benchmarks.{module.name}").main()
