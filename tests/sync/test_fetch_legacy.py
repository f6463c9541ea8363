"""A DUME the service returns in an older ESPD-EDM version is converted on the way in.

The version the French Service DUME emits is not published: whatever it sends
is read like an imported file (converted, with its mismatch report, the
original kept), never refused for being 2.1.1.
"""

from __future__ import annotations

import base64
from collections.abc import Callable

import pytest

from app.errors import ArtefactsMissingError
from app.legacy import legacy_artefacts
from app.storage.documents import load, save_new
from tests.standin import StandinServer
from tests.sync.support import OPERATOR, Node


def test_a_2_1_1_dume_fetched_by_number_is_converted_with_its_report(
    server: StandinServer, make_user: Callable[..., Node]
) -> None:
    try:
        original = legacy_artefacts("2.1.1").example("EXTENDED-request").read_bytes()
    except ArtefactsMissingError as exc:
        pytest.skip(f"ESPD-EDM 2.1.1 artefacts not installed: {exc.message}")
    platform = make_user("platform")  # another platform publishes in 2.1.1
    dume_id = platform.client.save("request", original, validated=True).id

    operator = make_user("operator", OPERATOR)
    fetched = operator.client.fetch_request(dume_id)

    assert (fetched.kind, fetched.source_version) == ("request", "2.1.1")
    assert fetched.conversion_report is not None
    assert fetched.conversion_report["source_version"] == "2.1.1"
    assert "converti en ESPD-EDM 4.1.0" in fetched.conversion_report["summary"]
    assert base64.b64decode(fetched.original_xml or "") == original
    assert "crime-org" in fetched.criterion_codes()
    # in the library, the operator answers it like any request, report included
    stored = load(operator.library, save_new(operator.library, fetched, imported=True))
    assert stored.conversion_report == fetched.conversion_report
