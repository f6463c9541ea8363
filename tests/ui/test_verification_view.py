"""The "Vérifier des signatures" view, driven through real widgets, real files and a real PKI.

A folder of mixed files goes in (valid PAdES, tampered CAdES, XAdES from an
untrusted root, an unsigned PDF, a random file); the table, the details, the
library history and the saved reports (PDF read back with pypdf, JSON twins)
are checked.
"""

from __future__ import annotations

import json
import random
import threading
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.signature.errors import TrustDataError
from app.signature.model import file_verification_from_json
from app.signature.sign import SigningKey, load_pkcs12
from app.signature.trust import TrustStore
from app.signature.verify import Verifier
from app.storage.library import Library
from app.ui.tasks import TaskRunner
from app.ui.verification_view import (
    SUMMARY_FILE,
    VerificationTableModel,
    VerificationView,
    VerifiedItem,
)
from tests.screenshots import SCREENSHOTS
from tests.signature import factory as f
from tests.signature.pki import PASSWORD, SIREN, Pki, build_pki

#: file -> (status word in the table, status key, what its PDF report must say)
EXPECTED = {
    "acte.pdf": ("Valide", "TOTAL_PASSED", "Valide (TOTAL_PASSED)"),
    "bruit.bin": ("Non signé", "UNSIGNED", "Aucune signature n'a été trouvée"),
    "memoire.txt": ("Non signé", "UNSIGNED", "Aucune signature n'a été trouvée"),
    "memoire.txt.p7s": ("Invalide", "TOTAL_FAILED", "Invalide (TOTAL_FAILED / HASH_FAILURE)"),
    "offre.xml": (
        "Indéterminé",
        "INDETERMINATE",
        "Indéterminé (INDETERMINATE / NO_CERTIFICATE_CHAIN_FOUND)",
    ),
    "vierge.pdf": ("Non signé", "UNSIGNED", "Aucune signature n'a été trouvée"),
}


# ---------------------------------------------------------------- fixtures
@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> Pki:
    return build_pki(tmp_path_factory.mktemp("pki"))


@pytest.fixture(scope="module")
def verifier(tmp_path_factory: pytest.TempPathFactory, pki: Pki) -> Verifier:
    store = TrustStore(tmp_path_factory.mktemp("trust"))
    store.add_anchor(pki.root.cert_pem)
    for data in pki.crls.values():
        store.add_crl(data)
    return Verifier(store=store)


@pytest.fixture(scope="module")
def keys(pki: Pki) -> Iterator[dict[str, SigningKey]]:
    opened = {
        name: load_pkcs12(pki.path(f"{name}.p12"), PASSWORD) for name in ("signer", "stranger")
    }
    yield opened
    for key in opened.values():
        key.close()


@pytest.fixture(scope="module")
def mixed_files(keys: dict[str, SigningKey]) -> dict[str, bytes]:
    cades = f.sign("cades-detached", keys["signer"])
    return {
        "acte.pdf": f.sign("pades", keys["signer"]).data,
        # the detached original beside the .p7s had one byte changed after signing
        "memoire.txt": f.TEXT_DOC.replace(f.PRICE, f.TAMPERED_PRICE),
        "memoire.txt.p7s": cades.data,
        "offre.xml": f.sign("xades-enveloped", keys["stranger"]).data,
        "vierge.pdf": f.make_pdf(),
        "bruit.bin": random.Random(7).randbytes(3000),
    }


@pytest.fixture
def mixed_folder(tmp_path: Path, mixed_files: dict[str, bytes]) -> Path:
    folder = tmp_path / "DCE"
    folder.mkdir()
    for name, data in mixed_files.items():
        (folder / name).write_bytes(data)
    return folder


@pytest.fixture
def library(tmp_path: Path) -> Iterator[Library]:
    with Library.open(tmp_path / "library.sqlite3") as opened:
        yield opened


@pytest.fixture
def runner() -> Iterator[TaskRunner]:
    tasks = TaskRunner()
    yield tasks
    tasks.cancel_all()
    assert tasks.wait(20000)


@pytest.fixture
def make_view(
    qtbot: QtBot, runner: TaskRunner, library: Library, verifier: Verifier
) -> Iterator[Callable[..., VerificationView]]:
    views: list[VerificationView] = []

    def make(**kwargs: object) -> VerificationView:
        options: dict[str, object] = {"verifier_factory": lambda: verifier}
        options.update(kwargs)
        view = VerificationView(runner, library, **options)  # type: ignore[arg-type]
        qtbot.addWidget(view)
        view.resize(1280, 720)
        view.show()
        views.append(view)
        return view

    yield make
    for view in views:
        view.close()


# ---------------------------------------------------------------- helpers
def drop(view: VerificationView, paths: list[Path]) -> bool:
    """A real drag-enter then drop, as from a file manager; True when the drag was accepted."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    enter = QDragEnterEvent(
        QPointF(200, 200),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(view, enter)
    if not enter.isAccepted():
        return False
    event = QDropEvent(
        QPointF(200, 200),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(view, event)
    return True


def table(view: VerificationView) -> dict[str, tuple[str, str]]:
    model = view.model
    rows = {}
    for row in range(model.rowCount()):
        name = model.index(row, 1).data()
        word = model.index(row, 0).data()
        key = model.index(row, 0).data(VerificationTableModel.StatusRole)
        rows[name] = (word, key)
    return rows


def row_of(view: VerificationView, name: str) -> int:
    return next(r for r in range(view.model.rowCount()) if view.model.index(r, 1).data() == name)


def pdf_text(path: Path) -> str:
    return " ".join((page.extract_text() or "") for page in PdfReader(path).pages)


# ---------------------------------------------------------------- tests
def test_dropped_folder_fills_the_table_with_words_colours_and_history(
    qtbot: QtBot, make_view: Callable[..., VerificationView], mixed_folder: Path, library: Library
) -> None:
    view: VerificationView = make_view()
    with qtbot.waitSignal(view.verification_done, timeout=30000) as done:
        assert drop(view, [mixed_folder])
    assert len(done.args[0]) == len(EXPECTED)

    assert table(view) == {name: (word, key) for name, (word, key, _) in EXPECTED.items()}
    model = view.model
    backgrounds = set()
    for row in range(model.rowCount()):
        status = model.index(row, 0)
        # never colour alone: a word, an icon and an accessible text go with the colour
        assert status.data(Qt.ItemDataRole.DisplayRole)
        assert not status.data(Qt.ItemDataRole.DecorationRole).isNull()
        assert status.data(Qt.ItemDataRole.DisplayRole) in status.data(
            Qt.ItemDataRole.AccessibleTextRole
        )
        backgrounds.add(status.data(Qt.ItemDataRole.BackgroundRole).color().name())
    assert len(backgrounds) == 4  # valid, indeterminate, invalid, unsigned
    signers = model.index(row_of(view, "offre.xml"), 4).data()
    assert signers == "Stéphane Inconnu (ACME Bâtiment SAS)"
    assert "HASH_FAILURE" in model.index(row_of(view, "memoire.txt.p7s"), 5).data()
    assert model.index(row_of(view, "acte.pdf"), 2).data() == "PAdES-B-B"

    summary = view.summary.text()
    for part in ("6 fichier(s)", "1 Valide", "1 Indéterminé", "1 Invalide", "3 Non signé"):
        assert part in summary
    assert "aucune liste UE" in summary

    # the signed files went to the library's verification history, with their verdict
    history = {r.file_name: r.indication for r in library.verification_history(20)}
    assert history == {
        "acte.pdf": "TOTAL_PASSED",
        "memoire.txt.p7s": "TOTAL_FAILED",
        "offre.xml": "INDETERMINATE",
    }


def test_details_panel_shows_every_field_of_a_signature(
    qtbot: QtBot, make_view: Callable[..., VerificationView], mixed_folder: Path
) -> None:
    view: VerificationView = make_view()
    with qtbot.waitSignal(view.verification_done, timeout=30000):
        view.verify_paths([mixed_folder])

    qtbot.mouseClick(
        view.table.viewport(),
        Qt.MouseButton.LeftButton,
        pos=view.table.visualRect(view.model.index(row_of(view, "acte.pdf"), 1)).center(),
    )
    text = view.details.toPlainText()
    for expected in (
        "acte.pdf",
        "Valide",
        "TOTAL_PASSED",
        "Jeanne Martin",
        f"SIREN\n{SIREN}",
        "Certificat qualifié\nNon",
        "PAdES-B-B",
        "Date de signature déclarée",
        "Aucun horodatage",
        "Intégrité\nIntact",
        "Révocation\nNon révoqué",
        "Portée de la signature",
        "DUME Test Root CA",
        "Données de confiance",
        "aucune liste de confiance européenne chargée",
        "1 ancre(s) de confiance",
        "Identité du signataire",
        "Catégorie du certificat",
        "Format de signature",
        "Certificat ni expiré ni révoqué à la date de signature",
        "Intégrité du document signé",
        "Conforme",
        "À vérifier",  # identity is always for the buyer to check
    ):
        assert expected in text, expected
    assert text.count("✔ Conforme") >= 2

    view.table.selectRow(row_of(view, "offre.xml"))
    text = view.details.toPlainText()
    assert "Indéterminé" in text
    assert "NO_CERTIFICATE_CHAIN_FOUND" in text
    assert "Stéphane Inconnu" in text
    assert "aucune ancre de confiance reconnue" in text

    view.table.selectRow(row_of(view, "memoire.txt.p7s"))
    text = view.details.toPlainText()
    assert "✘ Invalide" in text
    assert "Intégrité\nAltéré" in text
    assert "✘ Non conforme" in text
    assert "memoire.txt (SHA-256" in text  # the detached original that was used

    view.table.selectRow(row_of(view, "bruit.bin"))
    assert "Format non reconnu" in view.details.toPlainText()


def test_saved_reports_name_each_file_and_its_verdict(
    qtbot: QtBot, make_view: Callable[..., VerificationView], mixed_folder: Path, tmp_path: Path
) -> None:
    view: VerificationView = make_view()
    with qtbot.waitSignal(view.verification_done, timeout=30000):
        view.verify_paths([mixed_folder])
    reports = tmp_path / "rapports"
    asked: list[Path] = []

    def ask_folder(default: Path) -> Path:
        asked.append(default)
        return reports

    view.ask_report_folder = ask_folder  # type: ignore[method-assign]
    with qtbot.waitSignal(view.reports_saved, timeout=30000) as saved:
        qtbot.mouseClick(view.save_all_button, Qt.MouseButton.LeftButton)
    assert asked == [mixed_folder]  # proposed: beside the verified files
    written = saved.args[0]
    assert len(written) == 2 * len(EXPECTED) + 1
    for name, (_word, key, verdict) in EXPECTED.items():
        pdf = reports / f"{name}.verification.pdf"
        text = " ".join(pdf_text(pdf).split())
        assert name in text
        assert verdict in text, (name, text[:400])
        twin = json.loads((reports / f"{name}.verification.json").read_text(encoding="utf-8"))
        assert twin["file_name"] == name
        result = file_verification_from_json(twin)
        assert (result.indication.value if result.signatures else "UNSIGNED") == key
    summary = json.loads((reports / SUMMARY_FILE).read_text(encoding="utf-8"))
    assert summary["counts"] == {
        "TOTAL_PASSED": 1,
        "INDETERMINATE": 1,
        "TOTAL_FAILED": 1,
        "UNSIGNED": 3,
    }
    assert sorted(row["file_name"] for row in summary["rows"]) == sorted(EXPECTED)
    assert not list(reports.glob("*.tmp"))  # atomic writes left no temporary file
    assert "6 rapport(s) PDF" in view.status.text()

    # "Enregistrer le rapport": the selected file's report, proposed beside it
    view.table.selectRow(row_of(view, "memoire.txt.p7s"))
    proposed: list[Path] = []

    def ask_path(default: Path) -> Path:
        proposed.append(default)
        return default

    view.ask_report_path = ask_path  # type: ignore[method-assign]
    with qtbot.waitSignal(view.reports_saved, timeout=30000) as saved:
        qtbot.mouseClick(view.save_button, Qt.MouseButton.LeftButton)
    beside = mixed_folder / "memoire.txt.p7s.verification.pdf"
    assert proposed == [beside]
    assert saved.args[0] == [beside, beside.with_suffix(".json")]
    assert "Invalide (TOTAL_FAILED / HASH_FAILURE)" in " ".join(pdf_text(beside).split())


def test_picked_files_and_zip_archive(
    qtbot: QtBot,
    make_view: Callable[..., VerificationView],
    mixed_files: dict[str, bytes],
    tmp_path: Path,
) -> None:
    archive = tmp_path / "offres.zip"
    with zipfile.ZipFile(archive, "w") as out:
        out.writestr("entreprise-a/acte.pdf", mixed_files["acte.pdf"])
        out.writestr("entreprise-b/offre.xml", mixed_files["offre.xml"])
        out.writestr("../evasion.bin", mixed_files["bruit.bin"])
    loose = tmp_path / "acte-signé.pdf"
    loose.write_bytes(mixed_files["acte.pdf"])
    asice = tmp_path / "offre.asice"  # a ZIP too, but a signature container: not unpacked
    asice.write_bytes(f._zip([("mimetype", f.ASIC_E_MIME), ("a.txt", b"a")]))
    view: VerificationView = make_view()
    view.ask_files = lambda: [loose, archive, asice]  # type: ignore[method-assign]
    with qtbot.waitSignal(view.verification_done, timeout=30000):
        qtbot.mouseClick(view.add_files_button, Qt.MouseButton.LeftButton)
    rows = table(view)
    assert rows == {
        "acte-signé.pdf": ("Valide", "TOTAL_PASSED"),
        "entreprise-a/acte.pdf": ("Valide", "TOTAL_PASSED"),
        "entreprise-b/offre.xml": ("Indéterminé", "INDETERMINATE"),
        "../evasion.bin": ("Non signé", "UNSIGNED"),
        "offre.asice": ("Non signé", "UNSIGNED"),
    }
    items = {item.name: item for item in view.model.items()}
    assert items["entreprise-a/acte.pdf"].default_report_pdf() == (
        tmp_path / "offres-entreprise-a-acte.pdf.verification.pdf"
    )
    assert items["acte-signé.pdf"].default_report_pdf() == (
        tmp_path / "acte-signé.pdf.verification.pdf"
    )
    reports = tmp_path / "rapports"
    view.ask_report_folder = lambda _default: reports  # type: ignore[method-assign]
    with qtbot.waitSignal(view.reports_saved, timeout=30000):
        view.save_all_reports()
    # a hostile "../" entry name stays inside the chosen folder
    assert (reports / "evasion.bin.verification.pdf").is_file()
    assert not (tmp_path / "evasion.bin.verification.pdf").exists()
    assert (reports / "entreprise-a" / "acte.pdf.verification.pdf").is_file()

    view.clear()
    assert view.model.rowCount() == 0
    assert not view.save_all_button.isEnabled()


def test_cancel_while_trust_data_loads_adds_nothing(
    qtbot: QtBot, make_view: Callable[..., VerificationView], mixed_folder: Path, verifier: Verifier
) -> None:
    gate = threading.Event()

    def slow_trust() -> Verifier:
        gate.wait(20)  # loading the EU trusted lists can take seconds
        return verifier

    view: VerificationView = make_view(verifier_factory=slow_trust)
    task = view.verify_paths([mixed_folder])
    assert task is not None
    assert view.cancel_button.isEnabled()
    assert not view.add_files_button.isEnabled()
    assert view.verify_paths([mixed_folder]) is None  # one task at a time
    assert not drop(view, [mixed_folder])  # a drop is refused while busy
    with qtbot.waitSignal(task.cancelled, timeout=30000):
        qtbot.mouseClick(view.cancel_button, Qt.MouseButton.LeftButton)
        gate.set()
    qtbot.waitUntil(lambda: not view.busy())
    assert view.model.rowCount() == 0
    assert view.status.text() == "Vérification annulée : aucun résultat ajouté."
    assert view.add_files_button.isEnabled()


def test_trust_data_failure_is_presented_in_french(
    qtbot: QtBot, make_view: Callable[..., VerificationView], mixed_folder: Path
) -> None:
    def broken_trust() -> Verifier:
        raise TrustDataError("Liste de confiance européenne illisible : signature invalide.")

    view: VerificationView = make_view(verifier_factory=broken_trust)
    shown: list[Exception] = []
    view.present_error = shown.append  # type: ignore[method-assign]
    task = view.verify_paths([mixed_folder])
    assert task is not None
    qtbot.waitUntil(lambda: not view.busy(), timeout=30000)
    assert [type(e) for e in shown] == [TrustDataError]
    assert view.model.rowCount() == 0
    assert "échoué" in view.status.text()


def test_non_local_drops_are_refused(make_view: Callable[..., VerificationView]) -> None:
    view: VerificationView = make_view()
    mime = QMimeData()
    mime.setUrls([QUrl("https://example.org/offre.pdf")])
    enter = QDragEnterEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(view, enter)
    assert not enter.isAccepted()
    assert view.verify_paths([Path("/nonexistent/nothing.pdf")]) is None
    assert "Aucun fichier" in view.status.text()


def test_table_model_passes_the_qt_model_tester(
    qtmodeltester: object, mixed_folder: Path, verifier: Verifier
) -> None:
    model = VerificationTableModel()
    summary = verifier.verify_batch(mixed_folder)
    results = {r.file_name: r for r in summary.results}
    model.add_items([VerifiedItem(n, mixed_folder, results[n]) for n in sorted(results)])
    model.add_items([VerifiedItem("cassé.pdf", mixed_folder, None, "illisible")])
    assert model.index(model.rowCount() - 1, 0).data() == "Illisible"
    qtmodeltester.check(model)  # type: ignore[attr-defined]


def test_screenshot_of_results_and_details(
    qtbot: QtBot, make_view: Callable[..., VerificationView], mixed_folder: Path
) -> None:
    view: VerificationView = make_view()
    with qtbot.waitSignal(view.verification_done, timeout=30000):
        view.verify_paths([mixed_folder])
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    shots = (("results", "acte.pdf", False), ("invalid", "memoire.txt.p7s", False))
    for name, row, scrolled in (*shots, ("checks", "offre.xml", True)):
        view.table.selectRow(row_of(view, row))
        if scrolled:  # down to the five checks of the arrêté
            bar = view.details.verticalScrollBar()
            bar.setValue(bar.maximum())
        qtbot.wait(50)
        image = view.grab()
        assert (image.width(), image.height()) == (1280, 720)
        assert image.save(str(SCREENSHOTS / f"verify-{name}.png"))
