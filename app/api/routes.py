"""What the local API answers: the assistant, goals, the main reports and the approvals inbox.

Every handler takes the :class:`Api` (the shop's handles) and a parsed :class:`Request`, and returns a
status and a JSON-able body. Changes go through the services and the engine, as everywhere else; a money
change asked for in a message follows the assistant's rule (offered, then confirmed with its button id).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from app.api.whatsapp_webhook import whatsapp_webhook
from app.assistant import Assistant, Engine
from app.assistant import monitor as assistant_monitor
from app.assistant.periods import report_span
from app.domain import bounds
from app.domain.money import format_inr
from app.errors import AppError, InputError, NotFound
from app.i18n import _
from app.services import goals
from app.services.context import Origin, ServiceContext
from app.store import catalog as catalog_store
from app.store import decisions as decision_store
from app.store import goals as goal_store
from app.store import parties
from app.store import reports as reads
from app.store import stock as stock_store

API_ORIGIN = Origin(actor="seller", reason="local API")
METRICS = ("profit", "revenue", "fill_rate", "waste", "inventory_value", "margin")
PERIODS = ("today", "yesterday", "this_week", "last_week", "this_month", "last_month", "this_year", "last_year")
CONVERSATION = re.compile(r"^[A-Za-z0-9_.-]{1,40}$")


@dataclass
class Api:
    ctx: ServiceContext
    assistant: Assistant
    engine: Engine | None = None


@dataclass
class Request:
    method: str
    path: str
    query: dict[str, str] = field(default_factory=dict)
    body: Any = None
    params: dict[str, str] = field(default_factory=dict)  # parts of the path
    client: str = ""
    token_name: str = ""


class HttpError(Exception):
    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


def _body(request: Request) -> dict[str, Any]:
    if not isinstance(request.body, dict):
        raise HttpError(400, "bad_body", _("The request body must be a JSON object."))
    return request.body


def _text(body: dict[str, Any], key: str, *, required: bool = True, limit: int = 1000) -> str | None:
    value = body.get(key)
    if value is None and not required:
        return None
    if not isinstance(value, str) or not value.strip():
        raise HttpError(422, "bad_field", _("'{field}' must be a non-empty text.").format(field=key))
    if len(value) > limit:
        raise HttpError(422, "too_long", _("'{field}' is longer than {n} characters.").format(field=key, n=limit))
    return value


def _conversation(value: Any, token_name: str) -> str:
    if value is None:
        slug = re.sub(r"[^A-Za-z0-9_.-]+", "-", token_name).strip("-")[:30]
        return f"api-{slug or 'client'}"
    if not isinstance(value, str) or not CONVERSATION.match(value):
        raise HttpError(422, "bad_field", _("'conversation' must be up to 40 letters, digits, '-', '_' or '.'."))
    return value


# --- the assistant -----------------------------------------------------------------------------
def post_message(api: Api, request: Request) -> tuple[int, Any]:
    body = _body(request)
    conversation = _conversation(body.get("conversation"), request.token_name)
    if "press" in body:
        press = _text(body, "press", limit=300)
        reply = api.assistant.press(press, conversation=conversation, source="api")
    else:
        reply = api.assistant.ask(_text(body, "text"), conversation=conversation, source="api")
    return 200, reply.to_json()


def get_messages(api: Api, request: Request) -> tuple[int, Any]:
    conversation = _conversation(request.query.get("conversation"), request.token_name)
    limit = _int(request.query.get("limit", "50"), "limit", 1, 500)
    return 200, {"conversation": conversation, "messages": api.assistant.history(conversation, limit=limit)}


# --- goals -------------------------------------------------------------------------------------
def _goal_json(db, goal_id: int) -> dict[str, Any]:
    row = goal_store.goal_row(db, goal_id)
    if row is None:
        raise HttpError(404, "not_found", _("There is no goal number {id}.").format(id=goal_id))
    progress = goal_store.goal_progress(db, goal_id, limit=1)
    return {"id": row[0], "description": row[1], "metrics": json.loads(row[2]), "starts_on": row[3], "ends_on": row[4],
            "priority": row[5], "status": row[6], "plan": json.loads(row[7]) if row[7] else None,
            "created_at": row[8], "progress": {"measured_on": progress[0][0], "metrics": progress[0][1],
                                               "on_track": progress[0][2]} if progress else None}


def list_goals(api: Api, request: Request) -> tuple[int, Any]:
    db = api.ctx.store.db()
    status = request.query.get("status")
    return 200, {"goals": [_goal_json(db, goal_id) for goal_id in goal_store.goal_ids(db, status=status or None)]}


def get_goal(api: Api, request: Request) -> tuple[int, Any]:
    return 200, _goal_json(api.ctx.store.db(), int(request.params["id"]))


def _metrics(value: Any) -> list[dict[str, Any]]:
    if not isinstance(value, list) or not value or len(value) > 6:
        raise HttpError(422, "bad_field", _("'metrics' must be a list of one to six metrics."))
    out = []
    for item in value:
        if not isinstance(item, dict) or item.get("metric") not in METRICS:
            raise HttpError(422, "bad_field", _("Each metric needs 'metric', one of: {names}.").format(
                names=", ".join(METRICS)))
        clean: dict[str, Any] = {"metric": item["metric"]}
        for key in ("change_pct", "target", "target_paise", "max_paise", "min_bp"):
            if key in item:
                low, high = bounds.GOAL_METRIC_RANGES[key]
                try:
                    clean[key] = bounds.check_number(item[key], low=low, high=high, what=key)
                except InputError as refused:
                    raise HttpError(422, "bad_field", str(refused)) from None
        out.append(clean)
    return out


def _day(value: Any, key: str) -> date:
    try:
        return bounds.check_day(date.fromisoformat(str(value)), what=key)
    except ValueError:
        raise HttpError(422, "bad_field", _("'{field}' must be a date like 2026-03-31.").format(field=key)) from None
    except InputError as refused:
        raise HttpError(422, "bad_field", str(refused)) from None


def create_goal(api: Api, request: Request) -> tuple[int, Any]:
    """A goal from its parts, or from a sentence (``{"text": "grow sales 20% this Diwali"}``)."""
    body = _body(request)
    ctx = api.ctx
    if "text" in body:
        text = _text(body, "text", limit=300)
        from app.assistant import actions
        from app.assistant.understand import understand

        api.assistant.index.ensure()
        found = understand(text, api.assistant.index)
        if found.intent != "set_goal":
            raise HttpError(422, "not_a_goal", _("That does not read like a goal; say what should grow and by how "
                                                 "much, e.g. 'grow sales 20% this Diwali'."))
        offer = actions.offer_goal(ctx, found.lang, found.slots, text)
        description, metrics = text, offer.params["metrics"]
        starts_on, ends_on = date.fromisoformat(offer.params["starts_on"]), date.fromisoformat(offer.params["ends_on"])
        priority = 3
    else:
        description = _text(body, "description", limit=300)
        metrics = _metrics(body.get("metrics"))
        starts_on = _day(body.get("starts_on", ctx.today().isoformat()), "starts_on")
        ends_on = _day(body.get("ends_on"), "ends_on")
        priority = _int(str(body.get("priority", 3)), "priority", 1, 5)
    created = goals.create_goal(ctx, description=description, metrics=metrics, starts_on=starts_on, ends_on=ends_on,
                                priority=priority, origin=API_ORIGIN)
    goal_id = int(created.id)
    if api.engine is not None:
        api.engine.process_business_goal(goal_id)
    return 201, _goal_json(ctx.store.db(), goal_id)


def update_goal(api: Api, request: Request) -> tuple[int, Any]:
    body = _body(request)
    status = _text(body, "status", limit=20)
    goals.set_goal_status(api.ctx, int(request.params["id"]), status, origin=API_ORIGIN)
    return 200, _goal_json(api.ctx.store.db(), int(request.params["id"]))


def delete_goal(api: Api, request: Request) -> tuple[int, Any]:
    """Goals are never deleted (their history explains decisions): a deleted goal is cancelled."""
    goals.set_goal_status(api.ctx, int(request.params["id"]), "cancelled", origin=API_ORIGIN)
    return 200, _goal_json(api.ctx.store.db(), int(request.params["id"]))


# --- reports -----------------------------------------------------------------------------------
def _int(value: str, key: str, low: int, high: int) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise HttpError(422, "bad_field", _("'{field}' must be a whole number.").format(field=key)) from None
    if not low <= number <= high:
        raise HttpError(422, "bad_field", _("'{field}' must be from {low} to {high}.").format(field=key, low=low,
                                                                                           high=high))
    return number


def sales_report(api: Api, request: Request) -> tuple[int, Any]:
    db = api.ctx.store.db()
    if "from" in request.query or "to" in request.query:
        start = _day(request.query.get("from", ""), "from")
        end = _day(request.query.get("to", api.ctx.today().isoformat()), "to")
        if end < start or (end - start).days > 3660:
            raise HttpError(422, "bad_field", _("'to' must come after 'from', within ten years."))
        period = "custom"
    else:
        period = request.query.get("period", "today")
        if period not in PERIODS:
            raise HttpError(422, "bad_field", _("'period' must be one of: {names}.").format(names=", ".join(PERIODS)))
        span = report_span(period, api.ctx.today())
        start, end = span.start, span.end
    bills, total = reads.sales_between(db, start.isoformat(), end.isoformat())
    by_day = reads.sales_by_day(db, start.isoformat(), end.isoformat())
    top = reads.top_items(db, start.isoformat(), end.isoformat(), limit=10)
    return 200, {"period": period, "from": start.isoformat(), "to": end.isoformat(), "bills": bills,
                 "total_paise": total, "total": format_inr(total),
                 "by_day": [{"day": day, "total_paise": amount} for day, amount in sorted(by_day.items())],
                 "top_items": [{"sku": s, "name": n, "qty_milli": q, "total_paise": a} for s, n, q, a in top]}


def stock_report(api: Api, request: Request) -> tuple[int, Any]:
    db = api.ctx.store.db()
    rows = stock_store.low_stock(db, limit=500)
    products = catalog_store.get_many(db, [r[0] for r in rows])
    return 200, {"low_stock": [{"sku": sku, "name": products[sku].name_en, "unit": products[sku].unit,
                                "on_hand_milli": on_hand, "reorder_point_milli": point} for sku, on_hand, point in rows
                               if sku in products]}


def khata_report(api: Api, request: Request) -> tuple[int, Any]:
    db = api.ctx.store.db()
    return 200, {"total_paise": parties.khata_total(db),
                 "debtors": [{"id": c.id, "name": c.name, "owes_paise": c.khata_balance_paise,
                              "credit_limit_paise": c.credit_limit_paise} for c in parties.debtors(db, limit=500)]}


def summary_report(api: Api, request: Request) -> tuple[int, Any]:
    lang = request.query.get("lang", "en")
    if lang not in ("en", "hi", "hinglish"):
        raise HttpError(422, "bad_field", _("'lang' must be en, hi or hinglish."))
    day = _day(request.query["day"], "day") if "day" in request.query else api.ctx.today()
    answer = assistant_monitor.daily_summary(api.ctx, lang, day)
    return 200, {"day": day.isoformat(), "text": answer.text, "table": answer.table.to_json() if answer.table else None}


def alerts_report(api: Api, request: Request) -> tuple[int, Any]:
    lang = request.query.get("lang", "en")
    if lang not in ("en", "hi", "hinglish"):
        raise HttpError(422, "bad_field", _("'lang' must be en, hi or hinglish."))
    return 200, {"alerts": [{"key": a.key, "severity": a.severity, "text": a.text}
                            for a in assistant_monitor.alerts(api.ctx, lang)]}


# --- approvals ---------------------------------------------------------------------------------
def list_approvals(api: Api, request: Request) -> tuple[int, Any]:
    found = decision_store.approvals(api.ctx.store.db(), status=request.query.get("status", "pending"), limit=200)
    return 200, {"approvals": [{"id": a.id, "agent": a.agent, "kind": a.kind, "summary": a.text,
                                "status": a.status, "created_at": a.created_at, "expires_at": a.expires_at}
                               for a in found]}


def answer_approval(api: Api, request: Request) -> tuple[int, Any]:
    """An explicit answer to one request of the approvals inbox (the seller's own API call)."""
    if api.engine is None:
        raise HttpError(503, "no_engine", _("The agents are not running, so requests cannot be answered now."))
    approval_id = int(request.params["id"])
    body = request.body if isinstance(request.body, dict) else {}
    note = body.get("note", "") if isinstance(body.get("note", ""), str) else ""
    if request.params["answer"] == "approve":
        status = api.engine.approve(approval_id, note=note[:300], origin=API_ORIGIN)
    else:
        api.engine.reject(approval_id, note=note[:300], origin=API_ORIGIN)
        status = "rejected"
    return 200, {"approval_id": approval_id, "decision_status": status}


# --- the table ---------------------------------------------------------------------------------
Handler = Callable[[Api, Request], tuple[int, Any]]
ROUTES: list[tuple[str, re.Pattern[str], Handler]] = [
    ("POST", re.compile(r"^/v1/messages$"), post_message),
    ("GET", re.compile(r"^/v1/messages$"), get_messages),
    ("GET", re.compile(r"^/v1/goals$"), list_goals),
    ("POST", re.compile(r"^/v1/goals$"), create_goal),
    ("GET", re.compile(r"^/v1/goals/(?P<id>\d{1,9})$"), get_goal),
    ("PATCH", re.compile(r"^/v1/goals/(?P<id>\d{1,9})$"), update_goal),
    ("DELETE", re.compile(r"^/v1/goals/(?P<id>\d{1,9})$"), delete_goal),
    ("GET", re.compile(r"^/v1/reports/sales$"), sales_report),
    ("GET", re.compile(r"^/v1/reports/stock$"), stock_report),
    ("GET", re.compile(r"^/v1/reports/khata$"), khata_report),
    ("GET", re.compile(r"^/v1/reports/summary$"), summary_report),
    ("GET", re.compile(r"^/v1/reports/alerts$"), alerts_report),
    ("GET", re.compile(r"^/v1/approvals$"), list_approvals),
    ("POST", re.compile(r"^/v1/approvals/(?P<id>\d{1,9})/(?P<answer>approve|reject)$"), answer_approval),
    ("POST", re.compile(r"^/v1/webhooks/whatsapp$"), whatsapp_webhook),  # campaign receipts and STOPs
]


def route(method: str, path: str) -> tuple[Handler | None, dict[str, str], bool]:
    """(handler, path parameters, whether the path exists for another method)."""
    exists = False
    for verb, pattern, handler in ROUTES:
        match = pattern.match(path)
        if match:
            exists = True
            if verb == method:
                return handler, match.groupdict(), True
    return None, {}, exists


def app_error_status(error: AppError) -> int:
    return 404 if isinstance(error, NotFound) else 422 if isinstance(error, InputError) else 409
