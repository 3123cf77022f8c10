"""The OpenAPI 3.0 description of the local API, served at ``GET /v1/openapi.json``."""

from __future__ import annotations

from typing import Any

import app

_ERROR = {"description": "An error",
          "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
_AUTH_ERRORS = {"401": _ERROR, "403": _ERROR, "429": _ERROR}


def _json(schema: dict[str, Any], description: str = "OK") -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _op(summary: str, *, body: dict[str, Any] | None = None, response: dict[str, Any] | None = None,
        params: list[dict[str, Any]] | None = None, created: bool = False) -> dict[str, Any]:
    op: dict[str, Any] = {"summary": summary, "responses": {"201" if created else "200": _json(response or {"type":
                                                                                                    "object"}),
                                                            "400": _ERROR, "422": _ERROR, **_AUTH_ERRORS}}
    if body is not None:
        op["requestBody"] = {"required": True, "content": {"application/json": {"schema": body}}}
    if params:
        op["parameters"] = params
    return op


def _query(name: str, description: str, enum: list[str] | None = None) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "string"}
    if enum:
        schema["enum"] = enum
    return {"name": name, "in": "query", "required": False, "description": description, "schema": schema}


_ID = {"name": "id", "in": "path", "required": True, "schema": {"type": "integer"}}


def document() -> dict[str, Any]:
    reply = {"$ref": "#/components/schemas/Reply"}
    goal = {"$ref": "#/components/schemas/Goal"}
    return {
        "openapi": "3.0.3",
        "info": {"title": "TAVYONIX local API", "version": app.__version__,
                 "description": "The shop's assistant, goals and reports, from this PC or (when the owner allows it) "
                                "the shop's network. Every call except /v1/health and this document needs "
                                "'Authorization: Bearer <token>' (python -m app api token add NAME). Bodies are JSON, "
                                "at most 64 KiB. Money is in paise."},
        "servers": [{"url": "http://127.0.0.1:8765"}],
        "security": [{"bearer": []}],
        "paths": {
            "/v1/health": {"get": {"summary": "Is the API up", "security": [], "responses": {"200": _json(
                {"type": "object", "properties": {"ok": {"type": "boolean"}}})}}},
            "/v1/openapi.json": {"get": {"summary": "This document", "security": [],
                                         "responses": {"200": _json({"type": "object"})}}},
            "/v1/messages": {
                "post": _op("Send the assistant a message, or press a button of an earlier reply", body={
                    "type": "object", "properties": {
                        "text": {"type": "string", "maxLength": 1000, "example": "kal kitna becha?"},
                        "press": {"type": "string", "example": "confirm:12"},
                        "conversation": {"type": "string", "pattern": "^[A-Za-z0-9_.-]{1,40}$"}}}, response=reply),
                "get": _op("The conversation so far", params=[_query("conversation", "which conversation"),
                                                              _query("limit", "how many messages (1-500)")])},
            "/v1/goals": {
                "get": _op("Goals", params=[_query("status", "only goals in this status",
                                                   ["active", "paused", "achieved", "missed", "cancelled"])],
                           response={"type": "object", "properties": {"goals": {"type": "array", "items": goal}}}),
                "post": _op("Set a goal (its plan is made at once)", created=True, response=goal, body={
                    "oneOf": [{"type": "object", "required": ["text"], "properties": {
                        "text": {"type": "string", "example": "grow sales 20% this Diwali"}}},
                              {"type": "object", "required": ["description", "metrics", "ends_on"], "properties": {
                                  "description": {"type": "string"}, "metrics": {"type": "array", "items": {
                                      "$ref": "#/components/schemas/Metric"}},
                                  "starts_on": {"type": "string", "format": "date"},
                                  "ends_on": {"type": "string", "format": "date"},
                                  "priority": {"type": "integer", "minimum": 1, "maximum": 5}}}]})},
            "/v1/goals/{id}": {
                "get": _op("One goal with its plan and progress", params=[_ID], response=goal),
                "patch": _op("Pause, resume, or close a goal", params=[_ID], response=goal, body={
                    "type": "object", "required": ["status"], "properties": {"status": {"type": "string", "enum": [
                        "active", "paused", "achieved", "missed", "cancelled"]}}}),
                "delete": _op("Cancel a goal (goals are kept, never deleted)", params=[_ID], response=goal)},
            "/v1/reports/sales": {"get": _op("Sales over a period", params=[
                _query("period", "a named period", ["today", "yesterday", "this_week", "last_week", "this_month",
                                                    "last_month", "this_year", "last_year"]),
                _query("from", "first day, YYYY-MM-DD (instead of period)"),
                _query("to", "last day, YYYY-MM-DD")])},
            "/v1/reports/stock": {"get": _op("Items at or below their reorder level")},
            "/v1/reports/khata": {"get": _op("Who owes how much")},
            "/v1/reports/summary": {"get": _op("The day's closing summary", params=[
                _query("day", "YYYY-MM-DD (default today)"), _query("lang", "language", ["en", "hi", "hinglish"])])},
            "/v1/reports/alerts": {"get": _op("What needs attention now", params=[
                _query("lang", "language", ["en", "hi", "hinglish"])])},
            "/v1/approvals": {"get": _op("Requests of the agents waiting for the seller", params=[
                _query("status", "pending (default), approved, rejected, expired")])},
            "/v1/approvals/{id}/approve": {"post": _op("Approve a request: it is carried out now", params=[_ID])},
            "/v1/approvals/{id}/reject": {"post": _op("Reject a request", params=[_ID])},
            "/v1/webhooks/whatsapp": {"post": _op("WhatsApp's webhook (messages field), forwarded: campaign "
                                                  "receipts kept, STOP replies withdraw consent",
                                                  body={"type": "object"})},
        },
        "components": {
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
            "schemas": {
                "Error": {"type": "object", "properties": {"error": {"type": "object", "properties": {
                    "code": {"type": "string"}, "message": {"type": "string"}}}}},
                "Reply": {"type": "object", "properties": {
                    "message_id": {"type": "integer"}, "conversation": {"type": "string"},
                    "intent": {"type": "string"}, "slots": {"type": "object"}, "reply": {"type": "string"},
                    "lang": {"type": "string", "enum": ["en", "hi", "hinglish"]},
                    "actions": {"type": "array", "items": {"type": "object", "properties": {
                        "id": {"type": "string"}, "label": {"type": "string"}, "kind": {"type": "string"}}}},
                    "table": {"type": "object", "nullable": True}, "chart": {"type": "object", "nullable": True}}},
                "Metric": {"type": "object", "required": ["metric"], "properties": {
                    "metric": {"type": "string", "enum": ["profit", "revenue", "fill_rate", "waste",
                                                          "inventory_value", "margin"]},
                    "change_pct": {"type": "number"}, "target": {"type": "number"},
                    "target_paise": {"type": "integer"}, "max_paise": {"type": "integer"},
                    "min_bp": {"type": "integer"}}},
                "Goal": {"type": "object", "properties": {
                    "id": {"type": "integer"}, "description": {"type": "string"}, "metrics": {"type": "array"},
                    "starts_on": {"type": "string"}, "ends_on": {"type": "string"}, "priority": {"type": "integer"},
                    "status": {"type": "string"}, "plan": {"type": "object", "nullable": True},
                    "progress": {"type": "object", "nullable": True}}},
            },
        },
    }
