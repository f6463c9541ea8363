"""Verify signed files: one file, a list, a folder or a ZIP; record the history.

Background-task friendly: every entry point takes an optional ``progress``
callback ``(done, total, what)`` and a :class:`~app.validation.CancelToken`
checked between files and signatures (cancelling raises
:class:`~app.errors.Interrupted`).  A :class:`Verifier` holds the trust data,
checked once when it is created; reuse it for a session.
"""

from __future__ import annotations

import asyncio
import hashlib
import io
import json
import logging
import re
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import unquote

from app import __version__
from app.signature._asn1 import crl as asn1_crl
from app.signature._asn1 import x509 as asn1_x509
from app.signature.asic import asic_outcomes
from app.signature.cms import cms_outcomes
from app.signature.detect import DetectedFormat, decode_cms, detect_format
from app.signature.engine import Policy, RawOutcome, finalize
from app.signature.errors import SignatureInputError, TrustDataError
from app.signature.model import (
    BatchRow,
    BatchSummary,
    FileVerification,
    SignatureReport,
)
from app.signature.pades import pdf_outcomes
from app.signature.trust import HttpGet, LoadedTrust, TrustStore, default_http_get
from app.signature.xades import xml_outcomes
from app.validation import CancelToken, ProgressCallback

__all__ = ["Verifier", "record_history", "tool_description"]

log = logging.getLogger("dume.signature.verify")

_MAX_FILE = 512 * 1024 * 1024
_DETACHED_SUFFIXES = (".p7s", ".sig")


def tool_description() -> str:
    def version(name: str) -> str:
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            return "?"

    return (
        f"DUME Desktop {__version__} (pyHanko {version('pyhanko')}, "
        f"pyhanko-certvalidator {version('pyhanko-certvalidator')}, signxml {version('signxml')})"
    )


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _basename(uri: str) -> str:
    return PurePosixPath(uri.replace("\\", "/")).name


class Verifier:
    """Signature verification against one set of trust data.

    ``validation_time`` fixes "now" (reproducible checks, tests); ``online``
    with ``http_get`` lets it download missing CRLs into the trust store's
    cache and verify again.
    """

    def __init__(
        self,
        trust: LoadedTrust | None = None,
        *,
        store: TrustStore | None = None,
        validation_time: datetime | None = None,
        extra_crls: Iterable[bytes] = (),
        online: bool = False,
        http_get: HttpGet | None = None,
    ) -> None:
        self.store = store if store is not None else TrustStore()
        self.validation_time = validation_time
        self.trust = trust if trust is not None else self.store.load(at=validation_time)
        self.extra_crls = [asn1_crl.CertificateList.load(c) for c in extra_crls]
        self.online = online
        self.http_get = http_get

    # ------------------------------------------------------------ one file
    def verify_bytes(
        self,
        data: bytes,
        name: str = "document",
        *,
        originals: Mapping[str, bytes] | None = None,
        cancel: CancelToken | None = None,
    ) -> FileVerification:
        """Verify a file's bytes; ``originals`` are the detached originals by file name."""
        return asyncio.run(self._verify(data, name, originals or {}, cancel))

    def verify_file(
        self,
        path: Path,
        *,
        original: Path | None = None,
        cancel: CancelToken | None = None,
    ) -> FileVerification:
        """Verify a file; a detached signature finds its original beside it unless given."""
        data = _read(path)
        originals = {original.name: _read(original)} if original is not None else {}
        if original is None:
            originals = _sibling_originals(path, data)
        result = self.verify_bytes(data, path.name, originals=originals, cancel=cancel)
        return result

    # ------------------------------------------------------------ many files
    def verify_paths(
        self,
        paths: Sequence[Path],
        *,
        progress: ProgressCallback | None = None,
        cancel: CancelToken | None = None,
        source: str = "",
    ) -> BatchSummary:
        entries: list[tuple[str, bytes]] = []
        for path in paths:
            if path.is_dir():
                for child in sorted(p for p in path.rglob("*") if p.is_file()):
                    entries.append((str(child.relative_to(path)), _read(child)))
            else:
                entries.append((path.name, _read(path)))
        return self._batch(entries, source or ", ".join(str(p) for p in paths), progress, cancel)

    def verify_batch(
        self,
        source: Path,
        *,
        progress: ProgressCallback | None = None,
        cancel: CancelToken | None = None,
    ) -> BatchSummary:
        """A folder (recursively) or a ZIP of files: one summary table."""
        if source.is_dir():
            return self.verify_paths([source], progress=progress, cancel=cancel, source=str(source))
        data = _read(source)
        if detect_format(data) is DetectedFormat.ZIP:
            return self._batch(_zip_entries(data, source.name), str(source), progress, cancel)
        return self._batch([(source.name, data)], str(source), progress, cancel)

    def _batch(
        self,
        entries: list[tuple[str, bytes]],
        source: str,
        progress: ProgressCallback | None,
        cancel: CancelToken | None,
    ) -> BatchSummary:
        # Originals of detached signatures: the files of the same folder first (each
        # bidder's folder may hold its own "acte.pdf"), then names unique in the batch.
        folders: dict[str, dict[str, bytes]] = {}
        counts: dict[str, int] = {}
        for name, data in entries:
            folder = str(PurePosixPath(name.replace("\\", "/")).parent)
            folders.setdefault(folder, {})[_basename(name)] = data
            counts[_basename(name)] = counts.get(_basename(name), 0) + 1
        unique = {_basename(name): data for name, data in entries if counts[_basename(name)] == 1}
        results: list[FileVerification] = []
        rows: list[BatchRow] = []
        total = len(entries)
        for done, (name, data) in enumerate(entries):
            if cancel is not None:
                cancel.check()
            if progress is not None:
                progress(done, total, name)
            folder = str(PurePosixPath(name.replace("\\", "/")).parent)
            originals = {**unique, **folders[folder]}
            originals.pop(_basename(name), None)
            try:
                result = asyncio.run(self._verify(data, name, originals, cancel))
            except SignatureInputError as exc:
                rows.append(BatchRow(name, "erreur", 0, None, (), (), exc.one_line()))
                continue
            results.append(result)
            rows.append(_row(result))
        if progress is not None:
            progress(total, total, "")
        return BatchSummary(source=source, rows=tuple(rows), results=tuple(results))

    # ------------------------------------------------------------ core
    async def _verify(
        self,
        data: bytes,
        name: str,
        originals: Mapping[str, bytes],
        cancel: CancelToken | None,
    ) -> FileVerification:
        started = datetime.now(UTC)
        policy = Policy(
            trust=self.trust,
            validation_time=self.validation_time or started,
            extra_crls=self.extra_crls,
            cancel=cancel,
        )
        policy.check_cancel()
        detected = detect_format(data)
        raws, problems, original = await self._raw(data, name, detected, originals, policy)
        if self.online and self.http_get is not None and _needs_revocation(raws):
            fetched = self.store.fetch_crls(_certs_of(raws), self.http_get)
            if fetched:
                self.trust.crls = [(crl, "cache") for crl in self.store.crls()]
                policy = replace(policy)
                raws, problems, original = await self._raw(data, name, detected, originals, policy)
        reports: list[SignatureReport] = []
        for index, raw in enumerate(raws):
            policy.check_cancel()
            reports.append(await finalize(raw, policy, index + 1))
        if not reports and not problems:
            problems.append("Aucune signature trouvée dans ce fichier.")
        log.info("verified %s: %d signature(s)", name, len(reports))
        return FileVerification(
            file_name=name,
            sha256=_sha256(data),
            size=len(data),
            detected_format=detected.value,
            signatures=tuple(reports),
            verified_at=started,
            validation_time=policy.validation_time,
            trust=self.trust.info,
            policy=policy.description,
            tool=tool_description(),
            original_file=original[0] if original else None,
            original_sha256=_sha256(original[1]) if original else None,
            problems=tuple(problems),
        )

    async def _raw(
        self,
        data: bytes,
        name: str,
        detected: DetectedFormat,
        originals: Mapping[str, bytes],
        policy: Policy,
    ) -> tuple[list[RawOutcome], list[str], tuple[str, bytes] | None]:
        problems: list[str] = []
        original: tuple[str, bytes] | None = None
        if detected is DetectedFormat.PDF:
            return await pdf_outcomes(data, policy), problems, None
        if detected is DetectedFormat.CMS:
            info = decode_cms(data)
            assert info is not None
            original = _pick_original(name, originals)
            raws = await cms_outcomes(
                info,
                policy,
                original=original[1] if original else None,
                original_name=original[0] if original else None,
            )
            return raws, problems, original
        if detected is DetectedFormat.XML_SIGNED:
            used: dict[str, bytes] = {}

            def resolver(uri: str) -> bytes | None:
                found = _resolve(uri, originals)
                if found is not None:
                    used[found[0]] = found[1]
                    return found[1]
                return None

            raws = await xml_outcomes(data, policy, resolver=resolver)
            if len(used) == 1:
                original = next(iter(used.items()))
            return raws, problems, original
        if detected in (DetectedFormat.ASIC_E, DetectedFormat.ASIC_S):
            kind = "ASiC-E" if detected is DetectedFormat.ASIC_E else "ASiC-S"
            raws, container_problems = await asic_outcomes(data, policy, kind)
            return raws, container_problems, None
        if detected is DetectedFormat.XML:
            problems.append("Document XML sans signature.")
        elif detected is DetectedFormat.ZIP:
            problems.append("Archive ZIP ordinaire : vérifiez son contenu (vérification par lot).")
        else:
            problems.append(
                "Format non reconnu : ni PDF, ni CMS/CAdES, ni XML signé, ni conteneur ASiC."
            )
        return [], problems, None


def _pick_original(name: str, originals: Mapping[str, bytes]) -> tuple[str, bytes] | None:
    if not originals:
        return None
    base = _basename(name)
    for suffix in (*_DETACHED_SUFFIXES, ".p7m"):
        if base.lower().endswith(suffix):
            stem = base[: -len(suffix)]
            if stem in originals:
                return stem, originals[stem]
    if len(originals) == 1:
        return next(iter(originals.items()))
    return None


def _resolve(uri: str, originals: Mapping[str, bytes]) -> tuple[str, bytes] | None:
    wanted = _basename(uri)
    if wanted in originals:
        return wanted, originals[wanted]
    if len(originals) == 1:
        return next(iter(originals.items()))
    return None


def _needs_revocation(raws: list[RawOutcome]) -> bool:
    return any(r.signer_cert is not None for r in raws)


def _certs_of(raws: list[RawOutcome]) -> list[asn1_x509.Certificate]:
    certs: dict[bytes, asn1_x509.Certificate] = {}
    for raw in raws:
        for cert in [raw.signer_cert, *raw.other_certs]:
            if cert is not None:
                certs.setdefault(cert.sha256, cert)
    return list(certs.values())


def _row(result: FileVerification) -> BatchRow:
    subs = tuple(s.sub_indication for s in result.signatures if s.sub_indication)
    signers = tuple(
        s.signer.common_name + (f" ({s.signer.organisation})" if s.signer.organisation else "")
        for s in result.signatures
        if s.signer is not None
    )
    return BatchRow(
        file_name=result.file_name,
        detected_format=result.detected_format,
        signatures=len(result.signatures),
        indication=result.indication if result.signatures else None,
        sub_indications=subs,
        signers=signers,
        problem="; ".join(result.problems) or None,
    )


def _read(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > _MAX_FILE:
            raise SignatureInputError(f"{path.name} : fichier trop volumineux (> 512 Mo).")
        return path.read_bytes()
    except OSError as exc:
        raise SignatureInputError(f"{path.name} : lecture impossible ({exc.strerror}).") from None


def _sibling_originals(path: Path, data: bytes) -> dict[str, bytes]:
    """Originals a detached signature may need, looked up beside it by name."""
    originals: dict[str, bytes] = {}
    lower = path.name.lower()
    for suffix in _DETACHED_SUFFIXES:
        if lower.endswith(suffix):
            candidate = path.with_name(path.name[: -len(suffix)])
            if candidate.is_file():
                originals[candidate.name] = _read(candidate)
    if detect_format(data) is DetectedFormat.XML_SIGNED:
        for uri in re.findall(rb'URI="([^"#][^"]*)"', data)[:50]:
            name = unquote(_basename(uri.decode("utf-8", "replace")))
            candidate = path.with_name(name)
            if name and candidate != path and candidate.is_file():
                originals[name] = _read(candidate)
    return originals


def _zip_entries(data: bytes, name: str) -> list[tuple[str, bytes]]:
    entries = []
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = [i for i in archive.infolist() if not i.is_dir()]
            if sum(i.file_size for i in infos) > _MAX_FILE:
                raise SignatureInputError(
                    f"{name} : archive trop volumineuse une fois décompressée."
                )
            for info in infos:
                entries.append((info.filename, archive.read(info)))
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise SignatureInputError(f"{name} : archive ZIP illisible ({exc}).") from None
    return entries


def record_history(library: Any, result: FileVerification) -> Any:
    """Store a verification in the library's history (``Library.record_verification``)."""
    return library.record_verification(
        result.file_name,
        result.sha256,
        str(result.indication),
        json.dumps(result.to_json(), ensure_ascii=False),
    )


def online_verifier(
    store: TrustStore,
    *,
    refresh_every_days: int,
    http_get: HttpGet = default_http_get,
    at: datetime | None = None,
) -> Verifier:
    """A verifier that may use the network: trusted lists refreshed when due, missing CRLs
    fetched.  Offline, it falls back on what is stored: a failed refresh only logs why."""
    if store.refresh_due(refresh_every_days, now=at):
        try:
            info = store.refresh(http_get, at=at)
            log.info("trusted lists refreshed: %s", info.summary_fr)
        except TrustDataError as exc:
            log.warning("trusted lists not refreshed, the stored ones are used: %s", exc.one_line())
    return Verifier(store=store, validation_time=at, online=True, http_get=http_get)
