"""Online sync with Service DUME (AIFE) through PISTE, offline first (Qt-free).

Modules, from the wire up:

* :mod:`app.sync.profiles` – :class:`ApiProfile` (URLs, platform ids, the
  configurable open points of the contract), sandbox and production presets;
* :mod:`app.sync.credentials` – PISTE client id and secret in the OS keyring
  (or in memory for the session when there is no keyring);
* :mod:`app.sync.transport`, :mod:`app.sync.auth` – HTTPS with timeouts,
  retries, back-off; the OAuth2 token kept in memory;
* :mod:`app.sync.client` – :class:`DumeClient`, one method per documented operation;
* :mod:`app.sync.outbox`, :mod:`app.sync.ledger`, :mod:`app.sync.reconcile`,
  :mod:`app.sync.engine` – the persistent outbox and :class:`SyncEngine`;
* :mod:`app.sync.signature_remote` – optional remote signature verification;
* :mod:`app.sync.cli` – ``dume remote …``, ``dume sync``, ``dume outbox``.

Nothing is imported here, so ``import app.sync.cli`` stays cheap.
"""
