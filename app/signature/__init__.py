"""Sign and verify documents: PAdES, CAdES, XAdES, ASiC (Qt-free core).

Verification (:class:`Verifier`) follows ETSI EN 319 102-1 and reports the
five checks of the arrêté of 22 March 2019; trust comes from the EU trusted
lists and the user's own anchors (:class:`TrustStore`); signing uses a PKCS#12
file or a PKCS#11 token (:func:`load_pkcs12`, :func:`open_pkcs11`,
:func:`sign_file`).  See ``engine.py`` for how the indication is decided.
"""

from app.signature.errors import (
    KeyAccessError,
    SignatureInputError,
    SigningError,
    TimestampError,
    TrustDataError,
)
from app.signature.model import (
    BatchRow,
    BatchSummary,
    Check,
    CheckKey,
    CheckStatus,
    FileVerification,
    Indication,
    SignatureReport,
    TrustDataInfo,
    file_verification_from_json,
)
from app.signature.sign import (
    SignedOutput,
    SignFormat,
    SigningKey,
    SignOptions,
    load_pkcs12,
    open_pkcs11,
    sign_bytes,
    sign_file,
)
from app.signature.trust import LoadedTrust, TrustStore
from app.signature.verify import Verifier, record_history

__all__ = [
    "BatchRow",
    "BatchSummary",
    "Check",
    "CheckKey",
    "CheckStatus",
    "FileVerification",
    "Indication",
    "KeyAccessError",
    "LoadedTrust",
    "SignFormat",
    "SignOptions",
    "SignatureInputError",
    "SignatureReport",
    "SignedOutput",
    "SigningError",
    "SigningKey",
    "TimestampError",
    "TrustDataError",
    "TrustDataInfo",
    "TrustStore",
    "Verifier",
    "file_verification_from_json",
    "load_pkcs12",
    "open_pkcs11",
    "record_history",
    "sign_bytes",
    "sign_file",
]
