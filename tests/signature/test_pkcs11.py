"""Signing with a PKCS#11 token: a SoftHSM2 token set up by the test in a temp folder."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.signature.errors import KeyAccessError
from app.signature.model import Indication
from app.signature.sign import SignFormat, SignOptions, open_pkcs11, sign_bytes
from app.signature.verify import Verifier
from tests.signature import factory as f
from tests.signature.pki import Pki

MODULES = [
    Path("/usr/lib/softhsm/libsofthsm2.so"),
    Path("/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so"),
    Path("/usr/lib/aarch64-linux-gnu/softhsm/libsofthsm2.so"),
]
PIN, SO_PIN, LABEL = "4321", "87654321", "dume-test"


def _module() -> Path | None:
    return next((m for m in MODULES if m.is_file()), None)


@pytest.fixture(scope="module")
def token(tmp_path_factory: pytest.TempPathFactory, pki: Pki) -> Iterator[str]:
    module, util = _module(), shutil.which("softhsm2-util")
    if module is None or util is None:
        pytest.skip("SoftHSM2 is not installed (Debian package softhsm2)")
    folder = tmp_path_factory.mktemp("softhsm")
    (folder / "tokens").mkdir()
    conf = folder / "softhsm2.conf"
    conf.write_text(f"directories.tokendir = {folder / 'tokens'}\nobjectstore.backend = file\n")
    monkey = pytest.MonkeyPatch()
    monkey.setenv("SOFTHSM2_CONF", str(conf))
    run = {"check": True, "capture_output": True, "timeout": 60}
    subprocess.run(
        [util, "--init-token", "--free", "--label", LABEL, "--so-pin", SO_PIN, "--pin", PIN], **run
    )  # type: ignore[call-overload]
    key_file = folder / "signer.key.pem"
    key_file.write_bytes(pki.signer.key_pem())
    subprocess.run(
        [
            util,
            "--import",
            str(key_file),
            "--token",
            LABEL,
            "--label",
            "signer",
            "--id",
            "01",
            "--pin",
            PIN,
        ],
        **run,  # type: ignore[arg-type]
    )
    key_file.unlink()
    import pkcs11
    from pkcs11 import Attribute, CertificateType, ObjectClass

    library = pkcs11.lib(str(module))
    with library.get_token(token_label=LABEL).open(rw=True, user_pin=PIN) as session:
        for label, ident, ident_obj in (
            ("signer", b"\x01", pki.signer),
            ("intermediate", b"\x02", pki.intermediate),
        ):
            session.create_object(
                {
                    Attribute.CLASS: ObjectClass.CERTIFICATE,
                    Attribute.CERTIFICATE_TYPE: CertificateType.X_509,
                    Attribute.TOKEN: True,
                    Attribute.LABEL: label,
                    Attribute.ID: ident,
                    Attribute.VALUE: ident_obj.cert_der,
                    Attribute.SUBJECT: ident_obj.cert.subject.public_bytes(),
                }
            )
    yield str(module)
    monkey.undo()


def test_sign_every_format_on_the_token(token: str, verifier: Verifier) -> None:
    with open_pkcs11(token, PIN, token_label=LABEL, key_label="signer") as key:
        assert "Jeanne Martin" in key.description
        outputs = [
            ("acte.pdf", sign_bytes(f.make_pdf(), key).data, {}),
            (
                "memoire.txt.p7s",
                sign_bytes(f.TEXT_DOC, key, SignOptions(format=SignFormat.CADES)).data,
                {"memoire.txt": f.TEXT_DOC},
            ),
            ("offre.xml", sign_bytes(f.XML_DOC, key).data, {}),
        ]
    for name, data, originals in outputs:
        result = verifier.verify_bytes(data, name, originals=originals)
        assert [s.indication for s in result.signatures] == [Indication.TOTAL_PASSED], [
            (name, s.sub_indication, s.explanation, s.certificate.detail, s.certificate.chain)
            for s in result.signatures
        ]
        assert result.signatures[0].signer is not None
        assert result.signatures[0].signer.common_name == "Jeanne Martin"


def test_wrong_pin_is_a_clear_error(token: str) -> None:
    with pytest.raises(KeyAccessError) as caught:
        open_pkcs11(token, "0000", token_label=LABEL, key_label="signer")
    assert "PIN" in caught.value.message
    assert "0000" not in caught.value.one_line()
