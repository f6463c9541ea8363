"""The sync UI against the real stand-in server on 127.0.0.1: status indicator, outbox view,
API settings page, fetch by number and SIRET prefill; all network work on the sync thread."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import keyring.backends.fail
import pytest
from PySide6.QtCore import QCoreApplication, QPoint, QRect, QSettings, Qt
from PySide6.QtGui import QColor, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QMessageBox
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from app.storage.documents import load, save_new
from app.storage.library import Library
from app.storage.records import DocumentOrigin, DocumentStatus
from app.sync.credentials import CredentialStore, forget_session_credentials
from app.sync.engine import Connectivity
from app.sync.profiles import ApiProfile
from app.sync.transport import HttpTransport
from app.ui.api_settings_page import ApiSettingsDialog, ProfileSettings
from app.ui.main_window import MainWindow
from app.ui.outbox_view import OutboxDialog, OutboxView
from app.ui.sync_controller import SyncController
from app.ui.sync_status import COLOURS, FAILED_COLOUR, SyncStatusIndicator
from tests.screenshots import SCREENSHOTS
from tests.standin import (
    DEMO_CLIENT_ID,
    DEMO_CLIENT_SECRET,
    DEMO_PLATFORM_ID,
    DEMO_TECHNICAL_ID,
    StandinServer,
)
from tests.sync.memory_keyring import MemoryKeyring, installed
from tests.sync.support import (
    BUYER,
    OPERATOR_SIRET,
    buyer_request,
    make_node,
    save_credentials,
    standin_profile,
)

WAIT_MS = 10000

MakeController = Callable[[ApiProfile], SyncController]


class IniStore:
    """The settings backend over a real QSettings INI file (as the app's settings store)."""

    def __init__(self, path: Path) -> None:
        self.qsettings = QSettings(str(path), QSettings.Format.IniFormat)

    def read(self, key: str) -> str | None:
        value = self.qsettings.value(key)
        return None if value is None else str(value)

    def write(self, key: str, value: str) -> None:
        self.qsettings.setValue(key, value)

    def sync(self) -> None:
        self.qsettings.sync()


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[MemoryKeyring]:
    """A real in-memory keyring, never the user's."""
    backend = MemoryKeyring()
    with installed(backend):
        yield backend
    forget_session_credentials()


@pytest.fixture
def server() -> Iterator[StandinServer]:
    with StandinServer(validate_xml=False) as running:
        yield running


@pytest.fixture
def make_controller(qtbot: QtBot, library: Library) -> Iterator[MakeController]:
    """Controllers ticking fast (0.1 s) and retrying fast while offline; joined at the end."""
    made: list[SyncController] = []

    def make(profile: ApiProfile) -> SyncController:
        controller = SyncController(
            library,
            profile,
            tick_seconds=0.1,
            engine_options={"offline_retry": 0.2, "offline_retry_max": 0.4},
        )
        made.append(controller)
        return controller

    yield make
    for controller in made:
        assert controller.shutdown(WAIT_MS)
        assert not controller.is_running()  # no dangling QThread
        late: list[object] = []
        controller.status_changed.connect(late.append)
        controller.entries_changed.connect(late.append)
        controller.retry(1)  # after shutdown, requests go nowhere (and raise nothing)
        controller.sync_now()
        QCoreApplication.processEvents()
        assert late == []  # nothing queued before the stop reaches the widgets afterwards
        assert controller.shutdown()


def _widgets(qtbot: QtBot, controller: SyncController) -> tuple[SyncStatusIndicator, OutboxView]:
    indicator = SyncStatusIndicator(controller)
    view = OutboxView(controller)
    qtbot.addWidget(indicator)
    qtbot.addWidget(view)
    view.resize(900, 400)
    view.show()
    return indicator, view


def _titles(view: OutboxView) -> list[str]:
    return [view.model.entry(row).title for row in range(view.model.rowCount())]


def test_offline_then_online_cycle(
    qtbot: QtBot,
    library: Library,
    server: StandinServer,
    make_controller: MakeController,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    network_threads: set[int] = set()
    real_post = HttpTransport.post

    def watched_post(self: HttpTransport, *args: object, **kwargs: object) -> object:
        network_threads.add(threading.get_ident())
        return real_post(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(HttpTransport, "post", watched_post)
    profile = standin_profile(server)
    save_credentials(profile)
    server.stop()  # the port stays this server's: it comes back on it
    controller = make_controller(profile)
    indicator, view = _widgets(qtbot, controller)

    school, gym = buyer_request("École"), buyer_request("Gymnase")
    ids = [save_new(library, school), save_new(library, gym)]
    for doc_id in ids:
        controller.publish(doc_id)

    qtbot.waitUntil(lambda: indicator.text() == "Hors ligne · 2 en attente", timeout=WAIT_MS)
    assert indicator.colour() == COLOURS[Connectivity.OFFLINE]
    assert "injoignable" in indicator.error_text()
    qtbot.waitUntil(lambda: view.model.rowCount() == 2, timeout=WAIT_MS)
    assert _titles(view) == ["École", "Gymnase"]
    assert {view.model.entry(r).state_label for r in range(2)} == {"En attente"}
    assert view.summary.text() == "Hors ligne · 2 en attente"
    assert server.calls == []

    seen: list[Connectivity] = []
    controller.status_changed.connect(lambda status: seen.append(status.connectivity))
    server.start()

    qtbot.waitUntil(lambda: indicator.text() == "En ligne", timeout=WAIT_MS)
    assert indicator.colour() == COLOURS[Connectivity.ONLINE]
    assert indicator.error_text() == ""
    assert Connectivity.SYNCING in seen
    assert view.model.rowCount() == 0
    assert not view.empty_label.isHidden()
    assert (controller.status.pending, controller.status.failed) == (0, 0)
    # exactly one copy of each on the server, delivered in order
    assert server.service.count(school.uuid) == server.service.count(gym.uuid) == 1
    assert server.service.count() == 2
    assert [d.uuid for d in server.service.documents()] == [school.uuid, gym.uuid]
    assert all(library.get(doc_id).status == DocumentStatus.SENT for doc_id in ids)
    # every HTTP request left from the sync thread, none from the GUI thread
    assert network_threads
    assert threading.get_ident() not in network_threads


def test_refusal_shows_in_outbox_then_retry_and_discard(
    qtbot: QtBot,
    library: Library,
    server: StandinServer,
    make_controller: MakeController,
    monkeypatch: pytest.MonkeyPatch,
    qtmodeltester: ModelTester,
) -> None:
    server.service.validate_xml = True  # the service refuses what breaks the ESPD rules
    profile = standin_profile(server)
    save_credentials(profile)
    controller = make_controller(profile)
    indicator, view = _widgets(qtbot, controller)

    bad = buyer_request("Marché mal formé")
    bad.buyer.address.country = "FR"  # alpha-2: the schema wants alpha-3
    controller.publish(save_new(library, bad))

    qtbot.waitUntil(lambda: indicator.text() == "En ligne · 1 en échec", timeout=WAIT_MS)
    assert indicator.colour() == FAILED_COLOUR
    assert "refusé" in indicator.error_text()
    qtbot.waitUntil(lambda: view.model.rowCount() == 1, timeout=WAIT_MS)
    qtmodeltester.check(view.model)
    entry = view.selected_entry()  # the refusal is selected for the user
    assert entry is not None
    assert entry.state_label == "Échec"
    assert entry.last_error is not None
    assert "DUME_INVALIDE" in entry.last_error
    assert "DUME_INVALIDE" in view.details.text()
    assert view.retry_button.isEnabled()
    assert view.discard_button.isEnabled()
    assert server.service.count() == 0

    # The platform now accepts it (say its rules were relaxed): « Réessayer » delivers it once.
    server.service.validate_xml = False
    qtbot.mouseClick(view.retry_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: indicator.text() == "En ligne" and view.model.rowCount() == 0, timeout=WAIT_MS
    )
    assert server.service.count(bad.uuid) == 1

    # A second refusal is abandoned: it leaves the outbox, nothing reaches the service.
    server.service.validate_xml = True
    worse = buyer_request("Autre marché mal formé")
    worse.buyer.address.country = "FR"
    controller.publish(save_new(library, worse))
    qtbot.waitUntil(lambda: indicator.text() == "En ligne · 1 en échec", timeout=WAIT_MS)
    qtbot.waitUntil(lambda: view.discard_button.isEnabled(), timeout=WAIT_MS)
    asked: list[str] = []

    def confirm(_parent: object, _title: str, text: str) -> QMessageBox.StandardButton:
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr("app.ui.outbox_view.QMessageBox.question", confirm)
    qtbot.mouseClick(view.discard_button, Qt.MouseButton.LeftButton)
    assert asked
    assert "Autre marché mal formé" in asked[0]
    qtbot.waitUntil(
        lambda: indicator.text() == "En ligne" and view.model.rowCount() == 0, timeout=WAIT_MS
    )
    assert server.service.count(worse.uuid) == 0
    assert server.service.count() == 1

    # The history keeps both: one sent (with its DUME number), one abandoned.
    view.history_box.setChecked(True)
    qtbot.waitUntil(lambda: view.model.rowCount() == 2, timeout=WAIT_MS)
    qtmodeltester.check(view.model)
    rows = [view.model.entry(r) for r in range(2)]
    assert [e.state_label for e in rows] == ["Envoyé", "Abandonné"]
    assert rows[0].dume_id == server.service.documents()[0].id
    assert not view.retry_button.isEnabled()


def test_fetch_by_number_and_prefill_from_siret(
    qtbot: QtBot,
    library: Library,
    server: StandinServer,
    make_controller: MakeController,
    tmp_path: Path,
) -> None:
    # The buyer, on another machine, publishes a request ...
    buyer = make_node(tmp_path / "buyer", standin_profile(server))
    try:
        request = buyer_request("Entretien des espaces verts")
        buyer.engine.queue_document(save_new(buyer.library, request), validated=True)
        [(_, number)] = buyer.engine.run_once().delivered
    finally:
        buyer.close()
    # ... and the operator fetches it by its number.
    controller = make_controller(standin_profile(server))
    with qtbot.waitSignal(controller.fetched, timeout=WAIT_MS) as fetched:
        controller.fetch_by_number(f" {number} ")
    assert fetched.args is not None
    assert fetched.args[0] == number
    doc_id = fetched.args[1]
    assert fetched.args[2] is False
    assert library.get(doc_id).origin == DocumentOrigin.IMPORTED
    assert load(library, doc_id).uuid == request.uuid

    # Fetching the same DUME again selects the document already there.
    with qtbot.waitSignal(controller.fetched, timeout=WAIT_MS) as again:
        controller.fetch_by_number(number)
    assert again.args == [number, doc_id, True]
    assert len(library.list_documents(kind="request")) == 1

    with qtbot.waitSignal(controller.action_failed, timeout=WAIT_MS) as failed:
        controller.fetch_by_number("abc")
    assert failed.args is not None
    assert "8 lettres ou chiffres" in failed.args[1].one_line()

    with qtbot.waitSignal(controller.prefilled, timeout=WAIT_MS) as prefilled:
        controller.prefill_from_siret(OPERATOR_SIRET)
    assert prefilled.args is not None
    company = prefilled.args[0]
    assert company.name == "Menuiserie Dupré"
    assert company.city == "Écouen"


def _fill_profile(dialog: ApiSettingsDialog, server: StandinServer) -> None:
    page = dialog.page
    page.token_url.setText(server.token_url)
    page.api_base_url.setText(server.base_url)
    page.platform_id.setText(DEMO_PLATFORM_ID)
    page.technical_id.setText(DEMO_TECHNICAL_ID)
    page.requester_id.setText(BUYER.id)
    page.requester_name.setText(BUYER.name)


def test_settings_page_keeps_credentials_in_the_keyring_only(
    qtbot: QtBot,
    library: Library,
    server: StandinServer,
    make_controller: MakeController,
    memory_keyring: MemoryKeyring,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    ini = tmp_path / "settings.ini"
    profiles = ProfileSettings(IniStore(ini))
    controller = make_controller(profiles.active_profile())
    indicator = SyncStatusIndicator(controller)
    qtbot.addWidget(indicator)
    # the built-in sandbox lacks the platform ids: nothing is sent, the user is told
    qtbot.waitUntil(lambda: indicator.text() == "Service DUME à configurer", timeout=WAIT_MS)
    dialog = ApiSettingsDialog(profiles, controller)
    qtbot.addWidget(dialog)
    page = dialog.page
    assert page.profile_name() == "sandbox"
    assert page.credentials_label.text() == "Aucun identifiant enregistré pour ce profil."
    assert page.no_keyring_label.isHidden()

    _fill_profile(dialog, server)
    qtbot.keyClicks(page.client_id, DEMO_CLIENT_ID)
    qtbot.keyClicks(page.secret, "pas-le-bon-secret")
    qtbot.mouseClick(page.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.test_button.isEnabled(), timeout=WAIT_MS)
    assert "PISTE a refusé l'identifiant client ou le secret" in page.result_label.text()
    assert "pas-le-bon-secret" not in page.result_label.text()

    page.secret.clear()
    qtbot.keyClicks(page.secret, DEMO_CLIENT_SECRET)
    qtbot.mouseClick(page.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.test_button.isEnabled(), timeout=WAIT_MS)
    assert page.result_label.text().startswith("Connexion réussie")
    assert memory_keyring.entries == {}  # a test stores nothing

    with qtbot.waitSignal(page.profile_saved, timeout=WAIT_MS):
        qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert "trousseau du système" in page.result_label.text()
    assert memory_keyring.entries[("dume-desktop/sandbox", "client_secret")] == DEMO_CLIENT_SECRET
    assert memory_keyring.entries[("dume-desktop/sandbox", "client_id")] == DEMO_CLIENT_ID
    assert page.secret.text() == ""
    assert page.credentials_label.text() == "Identifiants enregistrés dans le trousseau du système."
    # the controller switched to the saved profile and reaches the stand-in
    qtbot.waitUntil(lambda: indicator.text() == "En ligne", timeout=WAIT_MS)

    written = ini.read_bytes()
    assert server.base_url.encode() in written  # the settings file is this one
    assert DEMO_CLIENT_SECRET.encode() not in written
    assert DEMO_CLIENT_ID.encode() not in written
    for path in tmp_path.rglob("*"):
        if path.is_file():
            assert DEMO_CLIENT_SECRET.encode() not in path.read_bytes(), path.name
    assert DEMO_CLIENT_SECRET not in caplog.text
    assert "pas-le-bon-secret" not in caplog.text
    reread = ProfileSettings(IniStore(ini)).active_profile()
    assert reread.api_base_url == server.base_url
    assert reread.platform.technical_id == DEMO_TECHNICAL_ID

    # The page reopened shows the stored client id, never the secret.
    again = ApiSettingsDialog(profiles, controller)
    qtbot.addWidget(again)
    assert again.page.client_id.text() == DEMO_CLIENT_ID
    assert again.page.secret.text() == ""
    qtbot.mouseClick(again.page.forget_button, Qt.MouseButton.LeftButton)
    assert memory_keyring.entries == {}
    qtbot.waitUntil(
        lambda: indicator.text() == "Service DUME à configurer", timeout=WAIT_MS
    )  # no credentials any more


def test_settings_page_without_keyring_keeps_the_secret_for_the_session(
    qtbot: QtBot,
    library: Library,
    server: StandinServer,
    make_controller: MakeController,
    tmp_path: Path,
) -> None:
    ini = tmp_path / "settings.ini"
    profiles = ProfileSettings(IniStore(ini))
    with installed(keyring.backends.fail.Keyring()):
        controller = make_controller(profiles.active_profile())
        dialog = ApiSettingsDialog(profiles, controller)
        qtbot.addWidget(dialog)
        page = dialog.page
        assert not page.no_keyring_label.isHidden()
        _fill_profile(dialog, server)
        page.client_id.setText(DEMO_CLIENT_ID)
        page.secret.setText(DEMO_CLIENT_SECRET)
        assert page.save()
        assert "Aucun trousseau système" in page.result_label.text()
        assert "session" in page.credentials_label.text()
        assert CredentialStore("dume-desktop/sandbox").where() == "session"
        written = ini.read_bytes()
        assert server.base_url.encode() in written
        assert DEMO_CLIENT_SECRET.encode() not in written
        assert DEMO_CLIENT_ID.encode() not in written
        qtbot.waitUntil(
            lambda: controller.status.connectivity is Connectivity.ONLINE, timeout=WAIT_MS
        )


def test_screenshots_of_indicator_outbox_and_settings(
    qtbot: QtBot,
    library: Library,
    server: StandinServer,
    make_controller: MakeController,
    make_main_window: Callable[[], MainWindow],
    tmp_path: Path,
) -> None:
    server.service.validate_xml = True
    profile = standin_profile(server)
    save_credentials(profile)
    window = make_main_window()
    controller = make_controller(profile)
    # the window's own indicator follows its own controller; show this test's one instead
    indicator = SyncStatusIndicator(controller)
    window.statusBar().removeWidget(window.sync_indicator)
    window.sync_indicator.hide()
    window.statusBar().insertPermanentWidget(0, indicator)
    indicator.show()

    bad = buyer_request("Restauration scolaire 2027")
    bad.buyer.address.country = "FR"
    controller.publish(save_new(library, bad))
    qtbot.waitUntil(lambda: controller.status.failed == 1, timeout=WAIT_MS)
    server.stop()
    for title in ("Réfection de l'école", "Extension du gymnase"):
        controller.publish(save_new(library, buyer_request(title)))
    qtbot.waitUntil(
        lambda: indicator.text() == "Hors ligne · 2 en attente · 1 en échec", timeout=WAIT_MS
    )
    window.library_panel.refresh()

    dialog = OutboxDialog(controller, window)
    qtbot.addWidget(dialog)
    dialog.resize(1000, 430)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.view.model.rowCount() == 3, timeout=WAIT_MS)
    dialog.view.select_entry(dialog.view.model.entry(0).id)
    qtbot.wait(50)

    shot = window.grab()
    assert (shot.width(), shot.height()) == (1280, 720)
    _paint_dialog(shot, dialog, QPoint(240, 110))
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    assert shot.save(str(SCREENSHOTS / "sync-outbox.png"))

    ini = tmp_path / "settings.ini"
    profiles = ProfileSettings(IniStore(ini))
    settings = ApiSettingsDialog(profiles, controller)
    qtbot.addWidget(settings)
    settings.resize(760, 640)
    settings.show()
    server.start()
    _fill_profile(settings, server)
    settings.page.client_id.setText(DEMO_CLIENT_ID)
    settings.page.secret.setText(DEMO_CLIENT_SECRET)
    qtbot.mouseClick(settings.page.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: settings.page.test_button.isEnabled(), timeout=WAIT_MS)
    assert settings.page.result_label.text().startswith("Connexion réussie")
    assert settings.grab().save(str(SCREENSHOTS / "sync-settings.png"))


def _paint_dialog(shot: QPixmap, dialog: OutboxDialog, at: QPoint) -> None:
    """Draw the dialog over the window as a window manager would (offscreen has none)."""
    title_height = 28
    content = dialog.grab()
    painter = QPainter(shot)
    frame = QRect(at, content.size()).adjusted(-1, -title_height - 1, 1, 1)
    painter.fillRect(frame.adjusted(4, 4, 4, 4), QColor(0, 0, 0, 60))  # shadow
    painter.fillRect(frame, QColor("#dcdcdc"))
    painter.setPen(QPen(QColor("#7a7a7a")))
    painter.drawRect(frame.adjusted(0, 0, -1, -1))
    painter.setPen(QColor("#202020"))
    painter.drawText(
        QRect(frame.left() + 10, frame.top(), frame.width() - 20, title_height),
        Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
        dialog.windowTitle(),
    )
    painter.drawPixmap(at, content)
    painter.end()


def test_online_verification_from_the_verification_view(
    qtbot: QtBot,
    library: Library,
    server: StandinServer,
    make_controller: MakeController,
    tmp_path: Path,
) -> None:
    """« Vérifier en ligne »: the sync thread asks the stand-in service; its verdict is shown
    beside the local one, and a service fault is one clear error, the local verdict kept."""
    from app.signature.trust import TrustStore
    from app.signature.verify import Verifier
    from app.ui.tasks import TaskRunner
    from app.ui.verification_view import VerificationView
    from tests.standin.faults import Fault, FaultKind

    profile = standin_profile(server, signature_verify_url=server.signature_url)
    save_credentials(profile)
    controller = make_controller(profile)
    assert controller.remote_verification_configured
    runner = TaskRunner()
    view = VerificationView(
        runner, library, verifier_factory=lambda: Verifier(store=TrustStore(tmp_path / "trust"))
    )
    qtbot.addWidget(view)
    view.show()
    assert not view.remote_button.isVisible()  # no service: no button
    view.set_remote(controller.verify_signature_remotely)
    controller.remote_verified.connect(view.show_remote)
    assert view.remote_button.isVisible()
    assert not view.remote_button.isEnabled()  # nothing selected yet

    offer = tmp_path / "offre.xml"
    offer.write_bytes(b"<offre>sans signature</offre>")
    with qtbot.waitSignal(view.verification_done, timeout=WAIT_MS):
        view.verify_paths([offer])
    view.table.selectRow(0)
    assert view.remote_button.isEnabled()
    with qtbot.waitSignal(controller.remote_verified, timeout=WAIT_MS) as verified:
        view.remote_button.click()
    assert verified.args is not None
    assert verified.args[0] == str(offer)
    assert (verified.args[1].indication, verified.args[1].sub_indication) == (
        "TOTAL_FAILED",
        "FORMAT_FAILURE",
    )
    details = view.details.toPlainText()
    assert "Avis du service en ligne" in details
    assert "FORMAT_FAILURE" in details
    assert "FORMAT_FAILURE" in view.status.text()

    server.faults.add(Fault(FaultKind.UNAVAILABLE, api="signature", times=10))
    with qtbot.waitSignal(controller.action_failed, timeout=WAIT_MS) as failed:
        view.remote_button.click()
    assert failed.args is not None
    assert failed.args[0] == "Vérifier en ligne"
    assert failed.args[1].one_line()
    assert view.model.item(0).result is not None  # the local verdict stays
    runner.cancel_all()
    assert runner.wait(WAIT_MS)


def test_the_window_offers_online_verification_only_when_a_service_is_configured(
    make_main_window: Callable[[], MainWindow],
) -> None:
    from dataclasses import replace

    window = make_main_window()
    view = window.open_verification()
    assert not window.sync.remote_verification_configured
    assert not view.remote_button.isVisible()
    window.sync.apply_profile(
        replace(window.sync.profile, signature_verify_url="https://verification.invalid/api")
    )
    assert window.open_verification() is view
    assert view.remote_button.isVisible()
    window.sync.apply_profile(replace(window.sync.profile, signature_verify_url=None))
    window.open_verification()
    assert not view.remote_button.isVisible()
