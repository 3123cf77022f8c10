"""SQL belongs in ``app/store`` (docs/architecture.md, "store"): a ratchet on what is still outside it.

The rule is the structure report's (``tools/structure_report.py``, its last section): a string constant that
starts with an SQL keyword, anywhere in ``app`` outside ``app/store``. Each file still allowed some is named
below with its count, and why; every other file is allowed none. A count may go down (move a query into the
store, then lower the number here); it may never go up, and a new file may not start writing SQL.
"""

import ast
import importlib.util
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "app"

# file -> SQL strings it may still hold (the twenty-fourth session moved every other one into the store)
STILL_OUTSIDE = {
    # the simulator's own tables and its reads of the simulated shop (other helpers worked there that session)
    "sim/world.py": 8,
    "sim/harness.py": 4,
    "sim/customers.py": 3,
    "sim/history/build.py": 2,
    # the agents' reads (other helpers worked there that session)
    "agents/explain.py": 3,
    "agents/learning.py": 2,
    # the marketing posts service (another helper's that session)
    "services/campaign_posts.py": 2,
    # not the shop's file: SQLite's own build checked on an in-memory database, and the window's memory cap
    "commands/selfcheck.py": 2,
    "ui/heap.py": 1,
}


def _sql_rule():
    spec = importlib.util.spec_from_file_location("structure_report", ROOT / "tools" / "structure_report.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.SQL


def sql_outside_store(app: Path = APP) -> Counter:
    sql = _sql_rule()
    found: Counter = Counter()
    for path in sorted(app.rglob("*.py")):
        relative = path.relative_to(app)
        if relative.parts[0] == "store":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and sql.match(node.value):
                found[relative.as_posix()] += 1
    return found


def over_the_ratchet(found: Counter) -> dict[str, tuple[int, int]]:
    """file -> (SQL strings found, allowed) where more are found than allowed."""
    return {name: (n, STILL_OUTSIDE.get(name, 0)) for name, n in found.items() if n > STILL_OUTSIDE.get(name, 0)}


def test_no_new_sql_outside_the_store():
    found = sql_outside_store()
    over = over_the_ratchet(found)
    assert not over, (f"SQL outside app/store (file: (found, allowed)): {over}; put the query in an app/store module "
                      "named by its tables, as a function taking the caller's db handle")
    assert sum(found.values()) <= sum(STILL_OUTSIDE.values())


def test_the_ratchet_catches_a_query_added_to_a_service(tmp_path):
    """The check itself: a service that gains one SQL string fails it."""
    service = tmp_path / "services" / "somewhere.py"
    service.parent.mkdir(parents=True)
    service.write_text('def count(db):\n    return db.execute("SELECT count(*) FROM product").fetchone()[0]\n',
                       encoding="utf-8")
    (tmp_path / "store").mkdir()
    (tmp_path / "store" / "catalog.py").write_text('Q = "SELECT * FROM product"\n', encoding="utf-8")
    found = sql_outside_store(tmp_path)
    assert found == Counter({"services/somewhere.py": 1})
    assert over_the_ratchet(found) == {"services/somewhere.py": (1, 0)}
