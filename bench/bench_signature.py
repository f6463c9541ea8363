"""Benchmark of signature verification (issue 7), with independent references.

Run: ``.venv/bin/python bench/bench_signature.py``.  Prints a markdown table;
:func:`run` returns the figures (milliseconds) for a top-level bench runner.

- per-file verification time of each format (PAdES, CAdES detached/attached,
  XAdES enveloped/detached, ASiC-E, ASiC-S, and B-T variants), median of
  ``REPEATS`` runs after one warm-up, full report included (certificate path,
  revocation from local CRLs, qualification, the five checks);
- in the same run on the same files: ``openssl cms -verify`` (CAdES detached)
  and ``xmlsec1 --verify --enabled-key-data x509`` (XAdES enveloped), one
  process per file as a user would run them (skipped, with the reason, when
  the tool is not installed);
- a 200-file batch (a folder of mixed formats with detached originals).

Everything is generated in a temporary folder with a throw-away test PKI and a
local RFC 3161 timestamp server on 127.0.0.1; nothing touches the network.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make ``app`` and ``tests`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.signature.sign import load_pkcs12
from app.signature.trust import TrustStore
from app.signature.verify import Verifier
from tests.signature import factory as f
from tests.signature.pki import PASSWORD, build_pki
from tests.signature.servers import local_server, make_timestamper

REPEATS = 15
BATCH_FILES = 200
KINDS = [
    "pades",
    "cades-detached",
    "cades-attached",
    "xades-enveloped",
    "xades-detached",
    "asic-e",
    "asic-s",
]


def _median_ms(action: Callable[[], object], repeats: int = REPEATS) -> float:
    action()  # warm-up: lazy imports, caches
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return round(statistics.median(times), 2)


def _process_ms(command: list[str], cwd: Path, expect_ok: bool = True) -> float:
    def once() -> None:
        done = subprocess.run(command, capture_output=True, cwd=cwd, timeout=60, check=False)
        if (done.returncode == 0) is not expect_ok:
            raise RuntimeError(f"{command[0]} verdict unexpected: {done.stderr[-300:]!r}")

    return _median_ms(once)


def run(repeats: int = REPEATS) -> dict[str, float | str]:
    global REPEATS
    REPEATS = repeats
    with tempfile.TemporaryDirectory(prefix="dume-bench-sig-") as tmp, local_server() as server:
        folder = Path(tmp)
        url, state = server
        pki = build_pki(folder / "pki", f"{url}/crl")
        state.timestamper = make_timestamper(
            pki.tsa.cert_der, pki.tsa.key_pem(), [pki.root.cert_der]
        )
        store = TrustStore(folder / "trust")
        store.add_anchor(pki.root.cert_pem)
        for data in pki.crls.values():
            store.add_crl(data)
        verifier = Verifier(store=store)
        key = load_pkcs12(pki.path("signer.p12"), PASSWORD)
        results: dict[str, float | str] = {}
        samples: dict[str, f.Signed] = {}
        for kind in KINDS:
            signed = f.sign(kind, key)
            samples[kind] = signed
            check = verifier.verify_bytes(signed.data, signed.name, originals=signed.originals)
            assert check.all_passed, (kind, [s.sub_indication for s in check.signatures])
            results[f"verify {kind} (ms)"] = _median_ms(
                lambda s=signed: verifier.verify_bytes(s.data, s.name, originals=s.originals)
            )
        for kind in ("pades", "cades-detached", "xades-enveloped"):
            signed = f.sign(kind, key, tsa=f"{url}/tsa")
            results[f"verify {kind} B-T (ms)"] = _median_ms(
                lambda s=signed: verifier.verify_bytes(s.data, s.name, originals=s.originals)
            )
        _references(folder, pki, samples, results)
        results.update(_batch(folder, key, verifier))
        key.close()
    return results


def _references(
    folder: Path, pki: object, samples: dict[str, f.Signed], results: dict[str, float | str]
) -> None:
    work = folder / "reference"
    work.mkdir()
    root_pem = work / "root.pem"
    inter_pem = work / "intermediate.pem"
    root_pem.write_bytes(pki.root.cert_pem)  # type: ignore[attr-defined]
    inter_pem.write_bytes(pki.intermediate.cert_pem)  # type: ignore[attr-defined]
    openssl = shutil.which("openssl")
    if openssl:
        cades = samples["cades-detached"]
        (work / "memoire.txt.p7s").write_bytes(cades.data)
        (work / "memoire.txt").write_bytes(cades.originals["memoire.txt"])
        command = [
            openssl, "cms", "-verify", "-binary", "-inform", "DER", "-in", "memoire.txt.p7s",
            "-content", "memoire.txt", "-CAfile", str(root_pem), "-purpose", "any",
            "-out", "/dev/null",
        ]  # fmt: skip
        results["openssl cms -verify, CAdES detached (ms)"] = _process_ms(command, work)
    else:
        results["openssl cms -verify, CAdES detached (ms)"] = "openssl absent"
    xmlsec1 = shutil.which("xmlsec1")
    if xmlsec1:
        (work / "offre.xml").write_bytes(samples["xades-enveloped"].data)
        command = [
            xmlsec1, "--verify", "--enabled-key-data", "x509", "--trusted-pem", str(root_pem),
            "--untrusted-pem", str(inter_pem), "--id-attr:Id",
            "http://uri.etsi.org/01903/v1.3.2#:SignedProperties", "offre.xml",
        ]  # fmt: skip
        results["xmlsec1 --verify, XAdES enveloped (ms)"] = _process_ms(command, work)
    else:
        results["xmlsec1 --verify, XAdES enveloped (ms)"] = (
            "xmlsec1 absent (apt-get install xmlsec1)"
        )


def _batch(folder: Path, key: object, verifier: Verifier) -> dict[str, float | str]:
    batch = folder / "batch"
    batch.mkdir()
    kinds = ["pades", "cades-detached", "xades-enveloped", "xades-detached", "asic-e"]
    templates = {kind: f.sign(kind, key) for kind in kinds}  # type: ignore[arg-type]
    count = 0
    index = 0
    while count < BATCH_FILES:
        signed = templates[kinds[index % len(kinds)]]
        sub = batch / f"offre-{index:03d}"
        sub.mkdir()
        (sub / signed.name).write_bytes(signed.data)
        count += 1
        for name, data in signed.originals.items():
            if count < BATCH_FILES:
                (sub / name).write_bytes(data)
                count += 1
        index += 1
    start = time.perf_counter()
    summary = verifier.verify_batch(batch)
    elapsed = (time.perf_counter() - start) * 1000
    signed_rows = [r for r in summary.rows if r.signatures]
    assert all(r.indication and r.indication.value == "TOTAL_PASSED" for r in signed_rows)
    return {
        f"batch of {len(summary.rows)} files, total (ms)": round(elapsed, 1),
        "batch, per file (ms)": round(elapsed / max(1, len(summary.rows)), 2),
        "batch, signed files": float(len(signed_rows)),
    }


def main() -> None:
    results = run()
    print("| measure | value |")
    print("|---|---|")
    for name, value in results.items():
        print(f"| {name} | {value} |")


if __name__ == "__main__":
    main()
