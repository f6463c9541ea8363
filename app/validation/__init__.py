"""Validation of ESPD documents: XSD first (lxml), then the official business rules."""

from app.validation.findings import Finding, ValidationReport
from app.validation.service import (
    CancelToken,
    ProgressCallback,
    validate_bytes,
    validate_document,
    validate_path,
)

__all__ = [
    "CancelToken",
    "Finding",
    "ProgressCallback",
    "ValidationReport",
    "validate_bytes",
    "validate_document",
    "validate_path",
]
