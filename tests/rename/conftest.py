"""`make rename` (scripts/rename.py), run in copies of the project: the
checkout the suite runs from is never renamed."""

import sys
from pathlib import Path

# tests/ on the path, for the shared helpers in tests/support.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
