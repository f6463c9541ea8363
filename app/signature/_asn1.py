"""asn1crypto in one place: it ships no type information (mypy sees ``Any``)."""

from asn1crypto import (  # type: ignore[import-untyped]
    cms,
    core,
    crl,
    keys,
    ocsp,
    pem,
    tsp,
    x509,
)

__all__ = ["cms", "core", "crl", "keys", "ocsp", "pem", "tsp", "x509"]
