"""Reads of purchase orders the seller refused in the approvals inbox (so an agent never asks again unchanged)."""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlite_utils import Database


@dataclass(frozen=True, slots=True, kw_only=True)
class RefusedOrder:
    decision_id: int
    supplier_id: int
    lines: dict[str, int]  # sku -> milli-units asked for
    total_paise: int
    refused_at: str  # UTC ISO


def refused_orders(db: Database, since_iso: str) -> dict[int, list[RefusedOrder]]:
    """{supplier id: its refused purchase orders since ``since_iso``, newest first}."""
    found: dict[int, list[RefusedOrder]] = {}
    for decision_id, actions, decided_at in db.execute(
            "SELECT d.id, d.actions_json, a.decided_at FROM agent_approval a JOIN agent_decision d"
            " ON d.id = a.decision_id WHERE a.status = 'rejected' AND a.decided_at >= ?"
            " ORDER BY a.decided_at DESC, d.id DESC", (since_iso,)):
        for action in json.loads(actions):
            params = action.get("params", {})
            if action.get("kind") != "purchase_order" or params.get("supplier_id") is None:
                continue
            lines = {str(line["sku"]): int(line["qty_milli"]) for line in params.get("lines", [])}
            found.setdefault(int(params["supplier_id"]), []).append(RefusedOrder(
                decision_id=int(decision_id), supplier_id=int(params["supplier_id"]), lines=lines,
                total_paise=int(params.get("total_paise", 0)), refused_at=decided_at))
    return found
