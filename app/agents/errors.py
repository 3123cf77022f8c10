"""The agents' branch of the error tree (``app.errors.AgentError``)::

    AgentError
    ├── AgentFailed         an agent's run failed after its retries (the engine escalates it)
    ├── CircuitOpen         an agent is paused by its circuit breaker until a retry time
    └── HardLimitBreached   an action would cross a hard limit (MRP, margin floor, budget, cash): never done

    InputError
    └── ScenarioError       a simulator scenario file the user can fix
"""

from __future__ import annotations

from app.errors import AgentError, InputError


class AgentFailed(AgentError):
    def __init__(self, message: str, *, agent: str, attempts: int, hint: str = "") -> None:
        super().__init__(message, hint=hint)
        self.agent = agent
        self.attempts = attempts


class CircuitOpen(AgentError):
    def __init__(self, message: str, *, agent: str, retry_at: str | None, hint: str = "") -> None:
        super().__init__(message, hint=hint)
        self.agent = agent
        self.retry_at = retry_at


class HardLimitBreached(AgentError):
    def __init__(self, message: str, *, violations: list[str], hint: str = "") -> None:
        super().__init__(message, hint=hint)
        self.violations = violations


class ScenarioError(InputError):
    """A scenario file is not usable; the message names the field."""
