"""A local stand-in for Service DUME (AIFE) and PISTE, for tests and demos.

``python -m tests.standin --port 8765`` runs it by hand; tests use
:class:`StandinServer` directly.  It is not part of the shipped app.
"""

from tests.standin.faults import Fault, FaultKind, FaultPlan
from tests.standin.server import (
    DEMO_CLIENT_ID,
    DEMO_CLIENT_SECRET,
    DEMO_PLATFORM_ID,
    DEMO_TECHNICAL_ID,
    HOST,
    Call,
    StandinServer,
)
from tests.standin.service import COMPANIES, DumeService, StoredDume

__all__ = [
    "COMPANIES",
    "DEMO_CLIENT_ID",
    "DEMO_CLIENT_SECRET",
    "DEMO_PLATFORM_ID",
    "DEMO_TECHNICAL_ID",
    "HOST",
    "Call",
    "DumeService",
    "Fault",
    "FaultKind",
    "FaultPlan",
    "StandinServer",
    "StoredDume",
]
