"""The test suite itself: pytest imports test modules by file name, so two folders without an
__init__.py must not hold files of the same name (the second would fail to import)."""

from collections import Counter
from pathlib import Path

TESTS = Path(__file__).resolve().parent


def test_test_file_names_do_not_collide():
    loose = [p for p in TESTS.rglob("test_*.py") if not (p.parent / "__init__.py").exists()]
    twice = [name for name, n in Counter(p.name for p in loose).items() if n > 1]
    assert not twice, f"rename one of each: {twice}"
