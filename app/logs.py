"""Logging for the whole app: a rotating file, an in-memory tail, and redaction.

Every module logs to a named logger under ``dume`` (``dume.sync``,
``dume.ui.session`` …).  :func:`setup_logging` hangs two handlers on the
``dume`` logger:

* a rotating file in the user log folder (:func:`app.paths.user_log_dir`),
  for support;
* a :class:`TailHandler` keeping the last lines in memory, for the
  "Journal" window and for crash reports.

Both pass lines through :func:`redact_secrets` (tokens, passwords, keys that
slipped into a message).  Crash reports go further with
:func:`redact_report`, which also removes what could be document content:
sentences in quotes, XML, long numbers (SIRET, IBAN), e-mail addresses.
"""

from __future__ import annotations

import logging
import logging.handlers
import re
import threading
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from app.paths import user_log_dir

__all__ = [
    "LOG_FILE_NAME",
    "LoggingSetup",
    "TailHandler",
    "current_setup",
    "redact_report",
    "redact_secrets",
    "setup_logging",
    "shutdown_logging",
]

LOG_FILE_NAME = "dume.log"
ROOT_LOGGER = "dume"
LINE_FORMAT = "%(asctime)s %(levelname)-8s %(name)s: %(message)s"
MASK = "[masqué]"

# ---------------------------------------------------------------- redaction
_SENSITIVE_NAMES = (
    r"password|passwd|mot[ _-]?de[ _-]?passe|secret|client[_-]?secret|token|access[_-]?token|"
    r"refresh[_-]?token|api[_-]?key|apikey|authorization|pin|cpro[_-]?account|credentials?"
)
_SECRET_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    # Authorization: Bearer abc / Basic abc
    (re.compile(r"(?i)\b(bearer|basic)\s+[A-Za-z0-9._~+/=-]{6,}"), rf"\1 {MASK}"),
    # key=value, key: value, "key": "value" for sensitive key names
    (
        re.compile(
            rf"(?i)([\"']?\b(?:{_SENSITIVE_NAMES})\b[\"']?\s*[:=]\s*)"
            r"(\"[^\"]*\"|'[^']*'|[^\s,;&}\]]+)"
        ),
        rf"\1{MASK}",
    ),
    # credentials inside a URL: scheme://user:password@host
    (re.compile(r"(?i)\b([a-z][a-z0-9+.-]*://)[^/\s:@]+:[^/\s@]+@"), rf"\1{MASK}@"),
    # JSON Web Tokens
    (re.compile(r"\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*"), MASK),
    # PEM blocks (private keys, certificates)
    (re.compile(r"-----BEGIN [A-Z ]+-----.*?-----END [A-Z ]+-----", re.DOTALL), MASK),
)
_CONTENT_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    # XML fragments: a document, or part of one
    (re.compile(r"<\?xml.*?(?:\?>)", re.DOTALL), "[XML masqué]"),
    (re.compile(r"<([A-Za-z_][\w.-]*:)?[A-Za-z_][\w.-]*(\s[^<>]*)?>[^<>]*(</[^<>]+>)?"), "[XML]"),
    # long base64 runs: an encoded document or key
    (re.compile(r"[A-Za-z0-9+/]{40,}={0,2}"), "[données masquées]"),
    # e-mail addresses
    (re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+"), "[courriel masqué]"),
    # runs of 9+ digits, spaced or not: SIRET, SIREN, IBAN, phone numbers
    (re.compile(r"\b\d(?:[ .]?\d){8,}\b"), "[nombre masqué]"),
    # quoted text with a space in it: titles, names, descriptions typed by a user
    (re.compile(r"«[^»\n]*»"), "«…»"),
    (re.compile(r'"(?=[^"\s:,{}\[\]])[^"\n]*?[ \t][^"\n]*?(?<=[^"\s:,{}\[\]])"'), '"…"'),
    # single quotes only around words, not in French elisions (« l'import n'a pas »)
    (re.compile(r"(?<!\w)'(?=[^'\s])[^'\n]*?[ \t][^'\n]*?(?<=[^'\s])'(?!\w)"), "'…'"),
)


def _known(values: Iterable[str | None]) -> list[str]:
    # Longest first, so that a secret containing another is masked whole;
    # very short values would mask ordinary words, and are not secrets worth the name.
    return sorted({v for v in values if v and len(v) >= 4}, key=len, reverse=True)


def redact_secrets(text: str, known: Iterable[str | None] = ()) -> str:
    """*text* without secrets: the *known* values, and anything shaped like a credential."""
    for value in _known(known):
        text = text.replace(value, MASK)
    for pattern, replacement in _SECRET_PATTERNS:
        text = pattern.sub(replacement, text)
    return text


def redact_report(text: str, known: Iterable[str | None] = ()) -> str:
    """*text* fit for a bug report: no secret and no document content."""
    text = redact_secrets(text, known)
    for pattern, replacement in _CONTENT_PATTERNS:
        text = pattern.sub(replacement, text)
    return text


class _RedactingFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return redact_secrets(super().format(record))


# ---------------------------------------------------------------- the tail
class TailHandler(logging.Handler):
    """The last *capacity* formatted lines, and listeners told of each new one."""

    def __init__(self, capacity: int = 2000) -> None:
        super().__init__()
        self._lines: deque[str] = deque(maxlen=capacity)
        self._listeners: list[Callable[[str], None]] = []
        self._guard = threading.Lock()

    def emit(self, record: logging.LogRecord) -> None:
        try:
            line = self.format(record)
        except Exception:  # logging must never raise
            self.handleError(record)
            return
        with self._guard:
            self._lines.append(line)
            listeners = list(self._listeners)
        for listener in listeners:
            try:
                listener(line)
            except Exception:
                # A listener that fails (a closed window) is dropped, never the log line.
                with self._guard:
                    if listener in self._listeners:
                        self._listeners.remove(listener)

    def lines(self) -> list[str]:
        with self._guard:
            return list(self._lines)

    def clear(self) -> None:
        with self._guard:
            self._lines.clear()

    def subscribe(self, listener: Callable[[str], None]) -> Callable[[], None]:
        """Call *listener* with each new line (from the logging thread); returns unsubscribe."""
        with self._guard:
            self._listeners.append(listener)

        def unsubscribe() -> None:
            with self._guard:
                if listener in self._listeners:
                    self._listeners.remove(listener)

        return unsubscribe


# ---------------------------------------------------------------- set-up
@dataclass
class LoggingSetup:
    log_file: Path
    file_handler: logging.Handler
    tail: TailHandler


_current: LoggingSetup | None = None
_lock = threading.Lock()


def setup_logging(
    log_dir: Path | None = None,
    *,
    level: int = logging.INFO,
    max_bytes: int = 1_000_000,
    backup_count: int = 5,
    tail_capacity: int = 2000,
) -> LoggingSetup:
    """Send the ``dume`` loggers to a rotating file and to the tail (again: replaces)."""
    global _current
    with _lock:
        _shutdown_locked()
        folder = log_dir or user_log_dir()
        folder.mkdir(parents=True, exist_ok=True)
        log_file = folder / LOG_FILE_NAME
        formatter = _RedactingFormatter(LINE_FORMAT)
        file_handler = logging.handlers.RotatingFileHandler(
            log_file, maxBytes=max_bytes, backupCount=backup_count, encoding="utf-8", delay=True
        )
        file_handler.setFormatter(formatter)
        tail = TailHandler(tail_capacity)
        tail.setFormatter(formatter)
        root = logging.getLogger(ROOT_LOGGER)
        root.setLevel(level)
        root.addHandler(file_handler)
        root.addHandler(tail)
        _current = LoggingSetup(log_file, file_handler, tail)
        return _current


def current_setup() -> LoggingSetup | None:
    return _current


def _shutdown_locked() -> None:
    global _current
    if _current is None:
        return
    root = logging.getLogger(ROOT_LOGGER)
    for handler in (_current.file_handler, _current.tail):
        root.removeHandler(handler)
        handler.close()
    _current = None


def shutdown_logging() -> None:
    """Detach and close the handlers (the file is flushed and closed)."""
    with _lock:
        _shutdown_locked()
