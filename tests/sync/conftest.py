"""Sync fixtures: an in-memory keyring (CI has no keyring service), the marketplace simulator on
127.0.0.1, and a shop with one channel per marketplace connected to it."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from typing import Any

import keyring
import pytest
from keyring.backend import KeyringBackend

from app.services import catalog
from app.services.context import ServiceContext
from app.session import Session
from app.sim.marketplace import SimServer, Simulator
from app.store import outbox
from app.sync import setup
from app.sync.credentials import Credentials
from app.sync.policy import Backoff, BreakerPolicy
from app.sync.worker import SyncWorker, WorkerConfig


class MemoryKeyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.store: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.store.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.store[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        import keyring.errors

        if (service, username) not in self.store:
            raise keyring.errors.PasswordDeleteError(username)
        del self.store[(service, username)]


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture
def sim(clock) -> Iterator[SimServer]:
    simulator = Simulator(seed=1, timeout_s=0.6)
    simulator.offset_s = clock.now().timestamp() - time.time()  # the marketplaces live on the test's calendar
    server = SimServer(simulator).start()
    yield server
    server.stop()


@pytest.fixture(autouse=True)
def _payload_checks() -> Iterator[None]:
    setup.register_payload_checks()
    yield
    outbox.remove_payload_check(setup.check_payload)


SECRETS = {"amazon": {"refresh_token": "good-refresh", "client_secret": "cs"},
           "shopify": {"access_token": "shpat-test"},
           "woocommerce": {"consumer_key": "ck_test", "consumer_secret": "cs_test"},
           "ondc": {"api_key": "ondc-key"}}
CHANNEL = {"amazon": "amazon_in", "shopify": "shopify", "woocommerce": "website", "ondc": "ondc"}


@pytest.fixture
def credentials(data, memory_keyring) -> Credentials:
    return Credentials(data.root / "credentials")


@pytest.fixture
def connect(ctx: ServiceContext, sim: SimServer, credentials: Credentials) -> Callable[..., str]:
    """Add a channel for ``market`` (amazon/shopify/woocommerce/ondc), connected to the simulator."""

    def make(market: str, *, cap_milli: int | None = None, code: str | None = None) -> str:
        code = code or CHANNEL[market]
        catalog.add_channel(ctx, code=code, name=market.title(), allocation_cap_milli=cap_milli)
        setup.connect(ctx, channel=code, adapter=market, base_url=sim.url, secrets=SECRETS[market],
                      credentials=credentials, account={"seller_id": "A1SELLER"} if market == "amazon" else {})
        return code

    return make


@pytest.fixture
def list_item(ctx: ServiceContext, sim: SimServer, make_product) -> Callable[..., str]:
    """Create a product, list it on ``channel`` (of ``market``) and give the simulator the listing."""

    def make(sku: str, channel: str, market: str, *, stock_milli: int = 10_000, **product: Any) -> str:
        from app.store import catalog as catalog_store

        if catalog_store.get(ctx.store.db(), sku) is None:
            make_product(sku, opening_stock_milli=stock_milli, **product)
        sim.sim.ensure_listing(market, sku, title=f"Item {sku}")
        catalog.list_on_channel(ctx, channel=channel, sku=sku)
        return sku

    return make


FAST = WorkerConfig(backoff=Backoff(base_s=0.01, cap_s=0.05), breaker=BreakerPolicy(threshold=1000),
                    request_timeout_s=0.4, pull_every_s=0.0, max_pace_wait_s=2.0)


@pytest.fixture
def make_worker(ctx: ServiceContext, credentials: Credentials) -> Iterator[Callable[..., SyncWorker]]:
    made: list[SyncWorker] = []

    def make(config: WorkerConfig = FAST, *, keep_others: bool = False, **kw: Any) -> SyncWorker:
        if not keep_others:  # like a restarted app: the previous sender is gone
            for old in made:
                old.close()
        worker = SyncWorker(ctx, secret=credentials.get, config=config, **kw)
        made.append(worker)
        return worker

    yield make
    for worker in made:
        worker.close()


def statuses(session: Session | ServiceContext) -> dict[str, int]:
    store = session.store
    return outbox.counts(store.db())
