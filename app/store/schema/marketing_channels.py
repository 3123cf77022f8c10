"""Marketing's own channels among the sync channels (the ``marketing_channels`` set): a Facebook page
(adapter ``facebook_page``) and a Google Business Profile (adapter ``google_business``) where the shop's
offers are posted.

``sync_channel.adapter`` is checked against a list of adapters (set ``sync``); SQLite cannot change a CHECK
in place, so the table is rebuilt with its rows from its own current definition with the adapters added
(whatever columns other sets have given it by then are kept).
"""

from __future__ import annotations

from sqlite_utils import Database

from app.store.schema.base import MigrationSet

SCHEMA = MigrationSet("marketing_channels")


@SCHEMA.migration
def m0001_post_adapters(db: Database) -> None:
    """Allow the ``facebook_page`` and ``google_business`` adapters on a sync channel."""
    sql = db.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'sync_channel'").fetchone()[0]
    adding = [name for name in ("facebook_page", "google_business") if f"'{name}'" not in sql]
    if not adding:
        return
    head, sep, tail = sql.partition("CHECK (adapter IN (")
    if not sep:
        raise RuntimeError("sync_channel has no adapter list to extend")
    names, close, rest = tail.partition(")")
    rebuilt = f"{head}{sep}{names}, {', '.join(repr(name) for name in adding)}{close}{rest}"
    indexes = [r[0] for r in db.execute("SELECT sql FROM sqlite_master WHERE type = 'index' AND"
                                        " tbl_name = 'sync_channel' AND sql IS NOT NULL")]
    db.execute("ALTER TABLE sync_channel RENAME TO sync_channel_before_posts")
    db.execute(rebuilt)
    db.execute("INSERT INTO sync_channel SELECT * FROM sync_channel_before_posts")
    db.execute("DROP TABLE sync_channel_before_posts")
    for index in indexes:
        db.execute(index)


def _allow_adapters(db: Database, names: tuple[str, ...], scratch: str) -> None:
    """Rebuild ``sync_channel`` with ``names`` added to its adapter list (as ``m0001_post_adapters`` does)."""
    sql = db.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'sync_channel'").fetchone()[0]
    adding = [name for name in names if f"'{name}'" not in sql]
    if not adding:
        return
    head, sep, tail = sql.partition("CHECK (adapter IN (")
    if not sep:
        raise RuntimeError("sync_channel has no adapter list to extend")
    listed, close, rest = tail.partition(")")
    rebuilt = f"{head}{sep}{listed}, {', '.join(repr(name) for name in adding)}{close}{rest}"
    indexes = [r[0] for r in db.execute("SELECT sql FROM sqlite_master WHERE type = 'index' AND"
                                        " tbl_name = 'sync_channel' AND sql IS NOT NULL")]
    db.execute(f"ALTER TABLE sync_channel RENAME TO {scratch}")
    db.execute(rebuilt)
    db.execute(f"INSERT INTO sync_channel SELECT * FROM {scratch}")
    db.execute(f"DROP TABLE {scratch}")
    for index in indexes:
        db.execute(index)


@SCHEMA.migration
def m0002_instagram_and_ads(db: Database) -> None:
    """Allow the ``instagram_business`` (posts) and ``amazon_ads`` (sponsored-products budgets) adapters."""
    _allow_adapters(db, ("instagram_business", "amazon_ads"), "sync_channel_before_instagram")
