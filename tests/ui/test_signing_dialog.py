"""The signing dialog end to end: real PKCS#12 files, a real SoftHSM2 token, a real TSA on
127.0.0.1; every signed file is verified again by the core with the test root as anchor."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from app.settings import TSA_URL, MemoryBackend, Settings
from app.signature.model import Indication
from app.signature.trust import TrustStore
from app.signature.verify import Verifier
from app.ui.signing_dialog import SigningDialog, open_signing_dialog
from app.ui.tasks import TaskRunner
from tests.screenshots import SCREENSHOTS
from tests.signature import factory as f
from tests.signature.pki import PASSWORD, Pki, build_pki
from tests.signature.servers import ServerState, local_server, make_timestamper


# ---------------------------------------------------------------- fixtures
@pytest.fixture(scope="module")
def server() -> Iterator[tuple[str, ServerState]]:
    with local_server() as running:
        yield running


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory, server: tuple[str, ServerState]) -> Pki:
    url, state = server
    built = build_pki(tmp_path_factory.mktemp("pki"), f"{url}/crl")
    state.timestamper = make_timestamper(
        built.tsa.cert_der, built.tsa.key_pem(), [built.root.cert_der]
    )
    return built


@pytest.fixture(scope="module")
def verifier(tmp_path_factory: pytest.TempPathFactory, pki: Pki) -> Verifier:
    store = TrustStore(tmp_path_factory.mktemp("trust"))
    store.add_anchor(pki.root.cert_pem)
    for data in pki.crls.values():
        store.add_crl(data)
    return Verifier(store=store)


@pytest.fixture
def runner() -> Iterator[TaskRunner]:
    tasks = TaskRunner()
    yield tasks
    tasks.cancel_all()
    assert tasks.wait(20000)


@pytest.fixture
def settings() -> Settings:
    """The app's declared settings, in memory (never the user's file)."""
    return Settings(MemoryBackend())


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    work = tmp_path / "offre"
    work.mkdir()
    (work / "acte.pdf").write_bytes(f.make_pdf())
    (work / "dume-reponse.xml").write_bytes(f.XML_DOC)
    (work / "memoire.txt").write_bytes(f.TEXT_DOC)
    return work


def make_dialog(
    qtbot: QtBot,
    runner: TaskRunner,
    settings: Settings,
    file: Path | None,
    secret: str | None,
) -> tuple[SigningDialog, list[tuple[str, str]]]:
    dialog = SigningDialog(runner, file, settings=settings)
    qtbot.addWidget(dialog)
    asked: list[tuple[str, str]] = []

    def ask_secret(title: str, label: str) -> str | None:
        asked.append((title, label))
        return secret

    dialog.ask_secret = ask_secret  # type: ignore[method-assign]
    dialog.show()
    return dialog, asked


def sign_and_wait(qtbot: QtBot, dialog: SigningDialog) -> None:
    with qtbot.waitSignal(dialog.attempt_finished, timeout=30000):
        qtbot.mouseClick(dialog.sign_button, Qt.MouseButton.LeftButton)
    assert dialog.last_output is not None, dialog.error_label.text()
    assert dialog.sign_button.isEnabled()


def failed_attempt(qtbot: QtBot, dialog: SigningDialog) -> None:
    with qtbot.waitSignal(dialog.attempt_finished, timeout=30000):
        qtbot.mouseClick(dialog.sign_button, Qt.MouseButton.LeftButton)
    assert dialog.error_label.isVisible()
    assert dialog.sign_button.isEnabled()


# ---------------------------------------------------------------- tests
def test_sign_a_pdf_with_pkcs12_then_verify(
    qtbot: QtBot,
    runner: TaskRunner,
    settings: Settings,
    folder: Path,
    pki: Pki,
    verifier: Verifier,
) -> None:
    source = folder / "acte.pdf"
    dialog, asked = make_dialog(qtbot, runner, settings, source, PASSWORD)
    assert dialog.choice().key == "pades"  # a PDF: PAdES first
    assert dialog.output_edit.text() == str(folder / "acte-signé.pdf")
    dialog.pkcs12_edit.setText(str(pki.path("signer.p12")))
    sign_and_wait(qtbot, dialog)

    assert asked == [("Mot de passe du certificat", "Mot de passe de signer.p12 :")]
    out = folder / "acte-signé.pdf"
    assert dialog.last_output == out
    assert dialog.result_label.isVisible()
    assert "PADES B-B" in dialog.result_label.text()
    assert not dialog.error_label.isVisible()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    qtbot.wait(20)
    assert dialog.grab().save(str(SCREENSHOTS / "verify-signing-dialog.png"))
    result = verifier.verify_file(out)
    assert [s.indication for s in result.signatures] == [Indication.TOTAL_PASSED]
    assert result.indication is Indication.TOTAL_PASSED
    assert result.signatures[0].signer is not None
    assert result.signatures[0].signer.common_name == "Jeanne Martin"
    # the password is in no setting
    backend = settings.backend
    assert isinstance(backend, MemoryBackend)
    assert all(PASSWORD not in value for value in backend.values.values())


def test_wrong_password_is_a_clear_error_and_writes_nothing(
    qtbot: QtBot, runner: TaskRunner, settings: Settings, folder: Path, pki: Pki
) -> None:
    before = sorted(p.name for p in folder.iterdir())
    dialog, _asked = make_dialog(qtbot, runner, settings, folder / "acte.pdf", "pas-le-bon")
    dialog.pkcs12_edit.setText(str(pki.path("signer.p12")))
    failed_attempt(qtbot, dialog)
    text = dialog.error_label.text()
    assert text.startswith("Clé de signature : Impossible d'ouvrir le certificat")
    assert "mot de passe incorrect" in text
    assert "pas-le-bon" not in text
    assert sorted(p.name for p in folder.iterdir()) == before  # nothing written, no temp file
    assert dialog.last_output is None
    assert not dialog.result_label.isVisible()


@pytest.mark.parametrize(
    ("name", "format_key", "out_name"),
    [
        ("dume-reponse.xml", "xades-enveloped", "dume-reponse-signé.xml"),
        ("dume-reponse.xml", "xades-detached", "dume-reponse.xml.xades.xml"),
        ("memoire.txt", "cades", "memoire.txt.p7s"),
        ("acte.pdf", "cades", "acte.pdf.p7s"),
    ],
)
def test_each_format_verifies(
    qtbot: QtBot,
    runner: TaskRunner,
    settings: Settings,
    folder: Path,
    pki: Pki,
    verifier: Verifier,
    name: str,
    format_key: str,
    out_name: str,
) -> None:
    dialog, _asked = make_dialog(qtbot, runner, settings, folder / name, PASSWORD)
    dialog.pkcs12_edit.setText(str(pki.path("ec_signer.p12")))
    dialog.select_format(format_key)
    assert dialog.output_edit.text() == str(folder / out_name)
    sign_and_wait(qtbot, dialog)
    result = verifier.verify_file(folder / out_name)
    assert [s.indication for s in result.signatures] == [Indication.TOTAL_PASSED], [
        (s.sub_indication, s.explanation) for s in result.signatures
    ]


def test_formats_offered_follow_the_bytes(
    qtbot: QtBot, runner: TaskRunner, settings: Settings, folder: Path
) -> None:
    disguised = folder / "vraiment-un-pdf.txt"
    disguised.write_bytes(f.make_pdf())
    dialog, _asked = make_dialog(qtbot, runner, settings, disguised, PASSWORD)
    keys = [dialog.format_combo.itemData(i).key for i in range(dialog.format_combo.count())]
    assert keys == ["pades", "cades"]
    dialog.set_file(folder / "dume-reponse.xml")
    keys = [dialog.format_combo.itemData(i).key for i in range(dialog.format_combo.count())]
    assert keys == ["xades-enveloped", "xades-detached", "cades"]
    dialog.set_file(folder / "memoire.txt")
    assert dialog.format_combo.count() == 1
    assert dialog.choice().key == "cades"


def test_timestamp_authority_from_settings_gives_b_t(
    qtbot: QtBot,
    runner: TaskRunner,
    settings: Settings,
    folder: Path,
    pki: Pki,
    verifier: Verifier,
    server: tuple[str, ServerState],
) -> None:
    url = f"{server[0]}/tsa"
    settings.set(TSA_URL, url)
    dialog, _asked = make_dialog(qtbot, runner, settings, folder / "memoire.txt", PASSWORD)
    assert dialog.tsa_edit.text() == url
    dialog.pkcs12_edit.setText(str(pki.path("signer.p12")))
    sign_and_wait(qtbot, dialog)
    assert "CADES B-T" in dialog.result_label.text()
    result = verifier.verify_file(folder / "memoire.txt.p7s")
    signature = result.signatures[0]
    assert signature.indication is Indication.TOTAL_PASSED
    assert signature.timestamp is not None
    assert signature.timestamp.valid


def test_unreachable_timestamp_authority_is_a_clear_error(
    qtbot: QtBot,
    runner: TaskRunner,
    settings: Settings,
    folder: Path,
    pki: Pki,
    server: tuple[str, ServerState],
) -> None:
    server[1].fail_tsa = True
    try:
        dialog, _asked = make_dialog(qtbot, runner, settings, folder / "acte.pdf", PASSWORD)
        dialog.tsa_edit.setText(f"{server[0]}/tsa")
        dialog.pkcs12_edit.setText(str(pki.path("signer.p12")))
        failed_attempt(qtbot, dialog)
    finally:
        server[1].fail_tsa = False
    assert dialog.error_label.text().startswith("Horodatage impossible : ")
    assert not (folder / "acte-signé.pdf").exists()
    assert settings.get(TSA_URL) == ""  # typed for one signature: the settings are untouched


def test_nothing_asked_until_the_form_is_complete(
    qtbot: QtBot, runner: TaskRunner, settings: Settings, folder: Path, pki: Pki
) -> None:
    dialog, asked = make_dialog(qtbot, runner, settings, None, PASSWORD)
    assert dialog.start_signing() is None
    assert dialog.error_label.text() == "Choisissez le fichier à signer."
    dialog.set_file(folder / "acte.pdf")
    assert dialog.start_signing() is None
    assert dialog.error_label.text() == "Choisissez le fichier de certificat PKCS#12."
    dialog.pkcs11_radio.setChecked(True)
    assert not dialog.pkcs12_edit.isEnabled()
    assert dialog.start_signing() is None
    assert "module PKCS#11" in dialog.error_label.text()
    dialog.pkcs12_radio.setChecked(True)
    dialog.pkcs12_edit.setText(str(pki.path("signer.p12")))
    dialog.output_edit.setText(str(folder / "acte.pdf"))
    assert dialog.start_signing() is None
    assert "remplacer l'original" in dialog.error_label.text()
    assert asked == []
    # the user closes the password prompt: no task, nothing written
    dialog.output_edit.setText(str(folder / "sortie.pdf"))
    dialog.ask_secret = lambda _title, _label: None  # type: ignore[method-assign]
    assert dialog.start_signing() is None
    assert not (folder / "sortie.pdf").exists()
    # an existing output is replaced only when the user agrees
    (folder / "sortie.pdf").write_bytes(b"ancien")
    dialog.confirm_overwrite = lambda _path: False  # type: ignore[method-assign]
    assert dialog.start_signing() is None
    assert (folder / "sortie.pdf").read_bytes() == b"ancien"


def test_pkcs11_asks_the_pin_and_reports_a_missing_module(
    qtbot: QtBot, runner: TaskRunner, settings: Settings, folder: Path, tmp_path: Path
) -> None:
    dialog, asked = make_dialog(qtbot, runner, settings, folder / "dume-reponse.xml", "1234")
    dialog.pkcs11_radio.setChecked(True)
    dialog.module_edit.setText(str(tmp_path / "absent-pkcs11.so"))
    dialog.token_edit.setText("carte")
    failed_attempt(qtbot, dialog)
    assert asked == [("Code PIN", "Code PIN de la carte :")]
    text = dialog.error_label.text()
    assert text.startswith("Clé de signature : Impossible d'ouvrir la carte ou le jeton")
    assert "1234" not in text
    assert not (folder / "dume-reponse-signé.xml").exists()


def test_operator_workspace_opens_the_dialog_with_the_file_preset(
    qtbot: QtBot, runner: TaskRunner, settings: Settings, folder: Path
) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    dialog = open_signing_dialog(parent, runner, folder / "dume-reponse.xml", settings=settings)
    assert dialog.isVisible()
    assert not dialog.isModal()  # the workspace stays usable
    assert dialog.file_edit.text() == str(folder / "dume-reponse.xml")
    assert dialog.choice().key == "xades-enveloped"
    assert dialog.testAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    with qtbot.waitSignal(dialog.destroyed):
        dialog.close()
