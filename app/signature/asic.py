"""ASiC-S and ASiC-E containers (ETSI EN 319 162): every signature, every file digest.

- XAdES signatures (``META-INF/*signatures*.xml``): each reference is resolved
  inside the ZIP, so every listed file's digest is checked by the XMLDSig
  verification itself;
- CAdES signatures (``META-INF/*signature*.p7s``): ASiC-E signs an
  ``ASiCManifest`` whose DataObjectReferences we check file by file; ASiC-S
  signs the single data file directly.

pyasice's own verification let a tampered container pass (signature.md §3.4):
it is not used.  Files that no signature covers are named in the report.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import io
import zipfile
from dataclasses import replace
from urllib.parse import unquote

from lxml import etree

from app.signature._asn1 import cms
from app.signature.cms import outcome_for_signed_data
from app.signature.detect import ASIC_E_MIME, ASIC_S_MIME, decode_cms
from app.signature.engine import Policy, RawOutcome
from app.signature.errors import SignatureInputError
from app.signature.model import CheckStatus, IntegrityInfo
from app.signature.xades import xml_outcomes

__all__ = ["asic_outcomes"]

_MAX_TOTAL = 512 * 1024 * 1024
_MANIFEST_NS = "http://uri.etsi.org/02918/v1.2.1#"
_DIGESTS = {
    "http://www.w3.org/2001/04/xmlenc#sha256": "sha256",
    "http://www.w3.org/2001/04/xmldsig-more#sha384": "sha384",
    "http://www.w3.org/2001/04/xmlenc#sha512": "sha512",
    "http://www.w3.org/2000/09/xmldsig#sha1": "sha1",
}
_ASIC_NOTE = (
    " Le conteneur ASiC n'est pas nommé par l'arrêté ; la signature CAdES qu'il porte "
    "l'est : à accepter si la consultation le prévoit."
)


def _read_all(data: bytes) -> tuple[list[str], dict[str, bytes], list[str]]:
    problems = []
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
            if sum(i.file_size for i in infos) > _MAX_TOTAL:
                raise SignatureInputError(
                    "Conteneur trop volumineux une fois décompressé (> 512 Mo)."
                )
            names = [i.filename for i in infos if not i.is_dir()]
            files = {name: archive.read(name) for name in names}
            if infos and infos[0].filename != "mimetype":
                problems.append("Le fichier « mimetype » n'est pas le premier du conteneur.")
            elif infos and infos[0].compress_type != zipfile.ZIP_STORED:
                problems.append(
                    "Le fichier « mimetype » est compressé (il devrait être stocké tel quel)."
                )
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise SignatureInputError(f"Conteneur ASiC illisible : {exc}") from None
    return names, files, problems


def _data_files(names: list[str]) -> list[str]:
    return [n for n in names if n != "mimetype" and not n.startswith("META-INF/")]


def _manifest_entries(manifest: bytes) -> tuple[list[str], list[tuple[str, str, bytes]]]:
    """(signature references, [(file, digest algorithm, digest)]) of an ASiCManifest."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    root = etree.fromstring(manifest, parser)
    ns = {"asic": _MANIFEST_NS, "ds": "http://www.w3.org/2000/09/xmldsig#"}
    sig_refs = [unquote(n.get("URI", "")) for n in root.findall("asic:SigReference", ns)]
    entries = []
    for ref in root.findall("asic:DataObjectReference", ns):
        method = ref.find("ds:DigestMethod", ns)
        value = ref.find("ds:DigestValue", ns)
        algorithm = _DIGESTS.get(method.get("Algorithm", "") if method is not None else "", "")
        digest = base64.b64decode((value.text or "").strip()) if value is not None else b""
        entries.append((unquote(ref.get("URI", "")), algorithm, digest))
    return sig_refs, entries


async def asic_outcomes(
    data: bytes, policy: Policy, kind: str
) -> tuple[list[RawOutcome], list[str]]:
    """All signatures of an ASiC container, and container-level problems."""
    names, files, problems = _read_all(data)
    mimetype = files.get("mimetype", b"").decode("ascii", "replace").strip()
    expected = ASIC_E_MIME if kind == "ASiC-E" else ASIC_S_MIME
    if mimetype and mimetype != expected:
        problems.append(f"Type déclaré « {mimetype} », attendu « {expected} ».")
    data_files = _data_files(names)
    if kind == "ASiC-S" and len(data_files) != 1:
        problems.append(
            f"Un ASiC-S doit contenir un seul fichier de données ({len(data_files)} trouvés)."
        )

    def resolver(uri: str) -> bytes | None:
        return files.get(uri.lstrip("./")) if uri.lstrip("./") in data_files else None

    outcomes: list[RawOutcome] = []
    for name in names:
        if not name.startswith("META-INF/"):
            continue
        lower = name.lower()
        if lower.endswith(".xml") and "signature" in lower:
            found = await xml_outcomes(files[name], policy, resolver=resolver, container=kind)
            outcomes.extend(replace(o, label=f"{name} — {o.label}") for o in found)
        elif lower.endswith(".p7s") and "signature" in lower:
            outcomes.extend(await _cades(name, files, data_files, policy, kind))
    covered: set[str] = set()
    for outcome in outcomes:
        covered.update(outcome.integrity.covered_files)
    uncovered = [n for n in data_files if n not in covered]
    final = []
    for outcome in outcomes:
        not_mine = [n for n in data_files if n not in outcome.integrity.covered_files]
        if not_mine and outcome.integrity.intact:
            outcome = replace(
                outcome,
                integrity=replace(
                    outcome.integrity,
                    coverage=outcome.integrity.coverage
                    + f" Fichiers du conteneur NON couverts : {', '.join(not_mine)}.",
                ),
                warnings=[
                    *outcome.warnings,
                    f"Fichiers non couverts par cette signature : {', '.join(not_mine)}.",
                ],
            )
        final.append(outcome)
    if uncovered:
        problems.append(f"Fichiers couverts par aucune signature : {', '.join(uncovered)}.")
    if not outcomes:
        problems.append("Aucune signature trouvée dans META-INF/.")
    return final, problems


async def _cades(
    name: str, files: dict[str, bytes], data_files: list[str], policy: Policy, kind: str
) -> list[RawOutcome]:
    info = decode_cms(files[name])
    if info is None:
        raise SignatureInputError(f"{name} : signature CAdES illisible.")
    signed_data = info["content"]
    manifests = [
        n
        for n in files
        if n.startswith("META-INF/")
        and "manifest" in n.lower()
        and n.endswith(".xml")
        and n != "META-INF/manifest.xml"
    ]
    target_name: str | None = None
    entries: list[tuple[str, str, bytes]] = []
    manifest_problem = None
    for manifest in manifests:
        try:
            sig_refs, found = _manifest_entries(files[manifest])
        except (etree.XMLSyntaxError, binascii.Error, ValueError):
            manifest_problem = f"{manifest} illisible"
            continue
        if name in sig_refs or (not sig_refs and len(manifests) == 1):
            target_name, entries = manifest, found
            break
    if target_name is None:
        if len(data_files) != 1:
            raise SignatureInputError(
                f"{name} : aucun ASiCManifest ne désigne cette signature "
                f"({manifest_problem or 'absent'})."
            )
        target_name = data_files[0]
    target = files[target_name]
    outcomes = []
    for index, signer_info in enumerate(signed_data["signer_infos"]):
        policy.check_cancel()
        single = signed_data.copy()
        single["signer_infos"] = cms.SignerInfos([signer_info])
        algorithm = signer_info["digest_algorithm"]["algorithm"].native
        outcome = await outcome_for_signed_data(
            single,
            policy,
            raw_digest=hashlib.new(algorithm, target).digest(),
            label=f"{name} — Signature {index + 1}",
            format_name="CAdES",
            packaging=f"{kind} (CAdES)",
            coverage=(
                f"Le manifeste {target_name}"
                if target_name.startswith("META-INF/")
                else f"Le fichier {target_name}."
            ),
        )
        covered = [target_name] if not target_name.startswith("META-INF/") else []
        bad = []
        for file_name, digest_alg, digest in entries:
            if file_name not in files or not digest_alg:
                bad.append(f"{file_name} (absent ou algorithme inconnu)")
                continue
            if hashlib.new(digest_alg, files[file_name]).digest() != digest:
                bad.append(f"{file_name} (empreinte différente)")
            else:
                covered.append(file_name)
        integrity = outcome.integrity
        coverage = integrity.coverage
        if entries:
            coverage = (
                f"Le manifeste {target_name}, qui liste : {', '.join(e[0] for e in entries)}."
            )
        sub = outcome.sub
        if bad and sub is None:
            sub = "HASH_FAILURE"
        outcome = replace(
            outcome,
            sub=sub if bad else outcome.sub,
            integrity=IntegrityInfo(
                intact=(integrity.intact and not bad) if integrity.intact is not None else None,
                signature_value_ok=integrity.signature_value_ok,
                coverage=coverage,
                covered_files=tuple(covered),
                detail=(f"Fichiers altérés : {', '.join(bad)}." if bad else integrity.detail),
            ),
            format_status=CheckStatus.TO_CHECK,
            format_note=outcome.format_note + _ASIC_NOTE,
        )
        outcomes.append(outcome)
    return outcomes
