"""Fixtures of the sync tests: an in-memory keyring, the stand-in server, users' stacks."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from app.sync.credentials import forget_session_credentials
from app.sync.profiles import ApiProfile, Requester
from tests.standin import StandinServer
from tests.sync.memory_keyring import MemoryKeyring, installed
from tests.sync.support import BUYER, Node, make_node, standin_profile


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[MemoryKeyring]:
    """Every sync test runs against a real (in-memory) keyring, never the user's."""
    backend = MemoryKeyring()
    with installed(backend):
        yield backend
    forget_session_credentials()


@pytest.fixture
def server() -> Iterator[StandinServer]:
    """The stand-in, XML validation off (tests about validation switch it on)."""
    with StandinServer(validate_xml=False) as running:
        yield running


@pytest.fixture
def profile(server: StandinServer) -> ApiProfile:
    return standin_profile(server)


@pytest.fixture
def make_user(tmp_path: Path, server: StandinServer) -> Iterator[Callable[..., Node]]:
    """``make_user("buyer")`` -> a Node with its own library, signed in to the stand-in."""
    nodes: list[Node] = []

    def factory(
        name: str = "buyer",
        requester: Requester = BUYER,
        *,
        credentials: bool = True,
        **changes: Any,
    ) -> Node:
        node = make_node(
            tmp_path / name, standin_profile(server, requester, **changes), credentials=credentials
        )
        nodes.append(node)
        return node

    yield factory
    for node in nodes:
        node.close()
