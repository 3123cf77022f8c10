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
