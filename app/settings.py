"""Every user setting, declared once: key, type, default, French title, checks, migrations.

The schema is Qt-free.  The desktop app stores it in ``QSettings``
(:mod:`app.ui.settings_store`); tests use :class:`MemoryBackend`.  Code never
reads a key by name: it passes a declared :class:`Setting` to
:meth:`Settings.get`, and a lint-style test (``tests/ship/test_settings.py``)
fails when anything uses a key string that is not declared here.

Values are stored as text (numbers in decimal, booleans as ``true``/``false``,
structures as JSON) so that every backend reads back exactly what was
written, whatever its own type system.

No secret is ever a setting: the PISTE client secret and the proxy password
go to the OS keyring (:mod:`app.sync.credentials`, :data:`PROXY_KEYRING_SERVICE`).
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Callable, Iterable, Mapping, MutableMapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, Literal, Protocol, TypeVar, cast
from urllib.parse import quote, urlsplit

import platformdirs

from app import APP_NAME
from app.errors import UserFacingError
from app.paths import DATA_DIR_ENV

__all__ = [
    "AUTOSAVE_DELAY_MS",
    "DATA_FOLDER",
    "FIRST_RUN_DONE",
    "LANGUAGE",
    "MIGRATIONS",
    "PROXY_MODE",
    "PROXY_URL",
    "PROXY_USER",
    "ROLE",
    "SCHEMA",
    "SCHEMA_VERSION",
    "SYNC_ACTIVE_PROFILE",
    "SYNC_PROFILE_SETTINGS",
    "TRUSTED_LIST_REFRESH_DAYS",
    "TSA_URL",
    "MemoryBackend",
    "Setting",
    "SettingValueError",
    "Settings",
    "SettingsBackend",
    "apply_startup_environment",
    "by_key",
    "migrate",
    "settings_path",
]

log = logging.getLogger("dume.settings")

T = TypeVar("T")
Kind = Literal["text", "url", "int", "bool", "choice", "json"]

#: where the settings file lives unless the platform default is wanted
CONFIG_DIR_ENV = "DUME_CONFIG_DIR"
SETTINGS_FILE_NAME = "settings.ini"
#: keyring service of the proxy password (the user name is an ordinary setting)
PROXY_KEYRING_SERVICE = "dume-desktop/proxy"
PROXY_KEYRING_ENTRY = "password"


class SettingValueError(UserFacingError):
    """A value the user typed cannot be kept (the settings dialog shows it by its field)."""

    title = "Paramètre invalide"

    def __init__(self, setting: Setting[Any], message: str, *, hint: str | None = None) -> None:
        super().__init__(f"{setting.title} : {message}", hint=hint)
        self.setting = setting


@dataclass(frozen=True)
class Setting(Generic[T]):
    """One declared setting.  ``title`` is French; the Qt layer translates it."""

    key: str
    default: T
    title: str
    kind: Kind
    choices: tuple[str, ...] = ()
    minimum: int | None = None
    maximum: int | None = None
    #: URL schemes accepted for ``kind="url"``
    schemes: tuple[str, ...] = ("https", "http")

    # ------------------------------------------------------------ text <-> value
    def encode(self, value: T) -> str:
        checked = self.check(value)
        if self.kind == "bool":
            return "true" if checked else "false"
        if self.kind == "json":
            return json.dumps(checked, ensure_ascii=False, sort_keys=True)
        return str(checked)

    def decode(self, raw: str) -> T:
        """The stored text as a value; raises :class:`SettingValueError` if it is not one."""
        value: Any
        if self.kind == "bool":
            lowered = raw.strip().lower()
            if lowered not in ("true", "false", "1", "0"):
                raise SettingValueError(self, f"« {raw} » n'est ni vrai ni faux.")
            value = lowered in ("true", "1")
        elif self.kind == "int":
            try:
                value = int(raw.strip())
            except ValueError:
                raise SettingValueError(self, f"« {raw} » n'est pas un nombre entier.") from None
        elif self.kind == "json":
            try:
                value = json.loads(raw)
            except json.JSONDecodeError:
                raise SettingValueError(self, "contenu illisible.") from None
        else:
            value = raw
        return self.check(cast(T, value))

    # ------------------------------------------------------------ checks
    def check(self, value: T) -> T:
        """Return *value* if it is acceptable, else raise :class:`SettingValueError`."""
        if self.kind == "bool":
            if not isinstance(value, bool):
                raise SettingValueError(self, "vrai ou faux attendu.")
        elif self.kind == "int":
            self._check_int(value)
        elif self.kind == "json":
            if not isinstance(value, type(self.default)):
                raise SettingValueError(self, "structure inattendue.")
        else:
            if not isinstance(value, str):
                raise SettingValueError(self, "texte attendu.")
            if self.kind == "choice" and value not in self.choices:
                raise SettingValueError(
                    self,
                    f"« {value} » n'est pas une valeur possible.",
                    hint=f"Valeurs possibles : {', '.join(self.choices)}.",
                )
            if self.kind == "url" and value:
                self._check_url(value)
        return value

    def _check_int(self, value: object) -> None:
        if not isinstance(value, int) or isinstance(value, bool):
            raise SettingValueError(self, "nombre entier attendu.")
        if self.minimum is not None and value < self.minimum:
            raise SettingValueError(self, f"au moins {self.minimum}.")
        if self.maximum is not None and value > self.maximum:
            raise SettingValueError(self, f"au plus {self.maximum}.")

    def _check_url(self, value: str) -> None:
        parts = urlsplit(value.strip())
        if parts.scheme not in self.schemes or not parts.hostname:
            raise SettingValueError(
                self,
                f"adresse invalide : « {value} ».",
                hint=f"Attendu : une adresse {' ou '.join(s + '://…' for s in self.schemes)}",
            )
        if parts.username or parts.password:
            raise SettingValueError(
                self,
                "les identifiants ne se mettent pas dans l'adresse.",
                hint="Le mot de passe est gardé dans le trousseau du système.",
            )
        try:
            _ = parts.port  # raises ValueError on a malformed port
        except ValueError:
            raise SettingValueError(self, f"port invalide dans « {value} ».") from None


# ---------------------------------------------------------------- the schema
SCHEMA_VERSION = 1
SCHEMA_VERSION_KEY = "meta/schema_version"

LANGUAGE = Setting(
    "app/language",
    "system",
    "Langue de l'interface",
    "choice",
    choices=("system", "fr", "en"),
)
ROLE = Setting("app/role", "both", "Votre rôle", "choice", choices=("buyer", "operator", "both"))
FIRST_RUN_DONE = Setting("app/first_run_done", False, "Première configuration faite", "bool")
DATA_FOLDER = Setting("storage/data_folder", "", "Dossier des données", "text")
AUTOSAVE_DELAY_MS = Setting(
    "editing/autosave_delay_ms",
    500,
    "Délai d'enregistrement automatique (millisecondes)",
    "int",
    minimum=100,
    maximum=60_000,
)
# The API profiles' keys are those of app/ui/api_settings_page.py (ProfileSettings).
SYNC_ACTIVE_PROFILE = Setting(
    "sync/active_profile",
    "sandbox",
    "Service DUME utilisé",
    "choice",
    choices=("sandbox", "production"),
)
#: one JSON object per built-in profile: addresses and platform ids, never a secret
SYNC_PROFILE_SETTINGS: dict[str, Setting[dict[str, Any]]] = {
    name: Setting(f"sync/profiles/{name}", {}, f"Réglages du profil d'API « {name} »", "json")
    for name in ("sandbox", "production")
}
TSA_URL = Setting("signature/tsa_url", "", "Service d'horodatage (TSA)", "url")
TRUSTED_LIST_REFRESH_DAYS = Setting(
    "signature/trusted_list_refresh_days",
    7,
    "Actualisation des listes de confiance (jours, 0 : jamais)",
    "int",
    minimum=0,
    maximum=365,
)
ONLINE_SIGNATURE_CHECKS = Setting(
    "signature/online_checks",
    True,
    "Vérifications en ligne des signatures (révocation, listes de confiance)",
    "bool",
)
PROXY_MODE = Setting(
    "network/proxy_mode", "system", "Proxy", "choice", choices=("system", "none", "manual")
)
PROXY_URL = Setting("network/proxy_url", "", "Adresse du proxy", "url")
PROXY_USER = Setting("network/proxy_user", "", "Utilisateur du proxy", "text")

_DECLARED: tuple[Setting[Any], ...] = (
    LANGUAGE,
    ROLE,
    FIRST_RUN_DONE,
    DATA_FOLDER,
    AUTOSAVE_DELAY_MS,
    SYNC_ACTIVE_PROFILE,
    *SYNC_PROFILE_SETTINGS.values(),
    TSA_URL,
    TRUSTED_LIST_REFRESH_DAYS,
    ONLINE_SIGNATURE_CHECKS,
    PROXY_MODE,
    PROXY_URL,
    PROXY_USER,
)
SCHEMA: dict[str, Setting[Any]] = {s.key: s for s in _DECLARED}
#: keys the store may hold besides the settings themselves
RESERVED_KEYS = frozenset({SCHEMA_VERSION_KEY})


def by_key(key: str) -> Setting[Any]:
    """The declared setting of *key*; ``KeyError`` for an undeclared one."""
    try:
        return SCHEMA[key]
    except KeyError:
        raise KeyError(f"undeclared setting {key!r} (declare it in app/settings.py)") from None


# ---------------------------------------------------------------- storage
class SettingsBackend(Protocol):
    """Text-only key/value storage (QSettings in the app, a dict in tests)."""

    def read(self, key: str) -> str | None: ...

    def write(self, key: str, value: str) -> None: ...

    def remove(self, key: str) -> None: ...

    def stored_keys(self) -> list[str]: ...

    def sync(self) -> None: ...


@dataclass
class MemoryBackend:
    values: dict[str, str] = field(default_factory=dict)

    def read(self, key: str) -> str | None:
        return self.values.get(key)

    def write(self, key: str, value: str) -> None:
        self.values[key] = value

    def remove(self, key: str) -> None:
        self.values.pop(key, None)

    def stored_keys(self) -> list[str]:
        return sorted(self.values)

    def sync(self) -> None:
        """Nothing to flush."""


# ---------------------------------------------------------------- migrations
Migration = Callable[[SettingsBackend], None]


def _to_v1(store: SettingsBackend) -> None:
    """Version 1: the first declared schema.

    Development builds stored a locale name (``fr_FR``) where a language
    (``fr``) is now expected, and booleans as ``1``/``0``.
    """
    language = store.read(LANGUAGE.key)
    if language and language not in LANGUAGE.choices:
        short = language.replace("-", "_").split("_")[0].lower()
        if short in LANGUAGE.choices:
            store.write(LANGUAGE.key, short)
        else:
            store.remove(LANGUAGE.key)
    done = store.read(FIRST_RUN_DONE.key)
    if done in ("1", "0"):
        store.write(FIRST_RUN_DONE.key, "true" if done == "1" else "false")


#: ``{version produced: migration}``; each one takes the store from version - 1
MIGRATIONS: dict[int, Migration] = {1: _to_v1}


def stored_version(store: SettingsBackend) -> int:
    raw = store.read(SCHEMA_VERSION_KEY)
    try:
        return int(raw) if raw is not None else 0
    except ValueError:
        return 0


def migrate(
    store: SettingsBackend,
    *,
    migrations: Mapping[int, Migration] = MIGRATIONS,
    target: int = SCHEMA_VERSION,
) -> list[int]:
    """Bring *store* to *target*, one version at a time; return the versions applied.

    A store written by a newer app (version above *target*) is left alone:
    this app reads the keys it knows and keeps defaults for the others.
    """
    current = stored_version(store)
    if current > target:
        log.warning("settings written by a newer version (%d > %d): not migrated", current, target)
        return []
    applied: list[int] = []
    for version in range(current + 1, target + 1):
        migration = migrations.get(version)
        if migration is not None:
            migration(store)
        applied.append(version)
        # Stamped after each step: an interrupted run resumes where it stopped.
        store.write(SCHEMA_VERSION_KEY, str(version))
    if applied:
        store.sync()
        log.info("settings migrated from version %d to %d", current, target)
    return applied


# ---------------------------------------------------------------- typed access
class Settings:
    """Typed access to the declared settings over a text backend."""

    def __init__(self, backend: SettingsBackend) -> None:
        self.backend = backend
        self.migrated = migrate(backend)

    def get(self, setting: Setting[T]) -> T:
        raw = self.backend.read(setting.key)
        if raw is None:
            return setting.default
        try:
            return setting.decode(raw)
        except SettingValueError as error:
            # A hand-edited or damaged file must not stop the app: say so, use the default.
            log.warning("setting %s unreadable, default used: %s", setting.key, error.one_line())
            return setting.default

    def set(self, setting: Setting[T], value: T) -> None:
        """Store *value*; raises :class:`SettingValueError` (and stores nothing) if invalid."""
        self.backend.write(setting.key, setting.encode(value))

    def reset(self, setting: Setting[Any]) -> None:
        self.backend.remove(setting.key)

    def is_set(self, setting: Setting[Any]) -> bool:
        return self.backend.read(setting.key) is not None

    def sync(self) -> None:
        self.backend.sync()

    def summary(self, settings: Iterable[Setting[Any]] | None = None) -> dict[str, Any]:
        """``{key: value}`` of harmless settings, for crash reports (no URL, no folder)."""
        chosen = settings or (
            LANGUAGE,
            ROLE,
            AUTOSAVE_DELAY_MS,
            SYNC_ACTIVE_PROFILE,
            TRUSTED_LIST_REFRESH_DAYS,
            PROXY_MODE,
        )
        return {s.key: self.get(s) for s in chosen}


def settings_path() -> Path:
    """The settings file: ``$DUME_CONFIG_DIR/settings.ini`` or the platform's config folder.

    It is not in the data folder, because the data folder is itself a setting.
    """
    override = os.environ.get(CONFIG_DIR_ENV)
    base = (
        Path(override).expanduser()
        if override
        else Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))
    )
    return base / SETTINGS_FILE_NAME


PROXY_VARIABLES = ("HTTPS_PROXY", "HTTP_PROXY", "https_proxy", "http_proxy")


def proxy_address(settings: Settings, password: str | None) -> str | None:
    """The proxy URL to use, with its credentials, or ``None`` (manual mode only)."""
    if settings.get(PROXY_MODE) != "manual" or not settings.get(PROXY_URL):
        return None
    parts = urlsplit(settings.get(PROXY_URL).strip())
    user = settings.get(PROXY_USER)
    if not user:
        return parts.geturl()
    credentials = quote(user, safe="") + (":" + quote(password, safe="") if password else "")
    return parts._replace(netloc=f"{credentials}@{parts.netloc}").geturl()


def apply_startup_environment(
    settings: Settings,
    proxy_password: Callable[[], str | None] = lambda: None,
    environ: MutableMapping[str, str] | None = None,
) -> None:
    """Make the data folder and proxy settings effective for this process.

    Called once at start-up, before anything opens the library.  An explicit
    ``$DUME_DATA_DIR`` (tests, portable installs) wins over the setting.  The
    proxy goes into the standard ``HTTPS_PROXY`` variables, which the HTTP
    layer reads (:mod:`app.sync.transport`); they live in this process's
    memory only and are never written or reported.
    """
    env = os.environ if environ is None else environ
    folder = settings.get(DATA_FOLDER)
    if folder and not env.get(DATA_DIR_ENV):
        env[DATA_DIR_ENV] = folder
    mode = settings.get(PROXY_MODE)
    if mode == "none":
        for name in PROXY_VARIABLES:
            env.pop(name, None)
    elif mode == "manual":
        address = proxy_address(settings, proxy_password())
        if address:
            for name in PROXY_VARIABLES:
                env[name] = address
            env.setdefault("NO_PROXY", "127.0.0.1,localhost,::1")
