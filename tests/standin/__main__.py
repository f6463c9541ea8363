"""``python -m tests.standin [--port N]``: run the stand-in Service DUME by hand."""

from __future__ import annotations

import argparse
import logging
import signal
import threading

from tests.standin.server import (
    DEMO_CLIENT_ID,
    DEMO_CLIENT_SECRET,
    DEMO_PLATFORM_ID,
    DEMO_TECHNICAL_ID,
    StandinServer,
)


def main() -> None:
    parser = argparse.ArgumentParser(
        prog="python -m tests.standin",
        description="Serveur de démonstration du service DUME (127.0.0.1 uniquement).",
    )
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--client-id", default=DEMO_CLIENT_ID)
    parser.add_argument("--client-secret", default=DEMO_CLIENT_SECRET)
    parser.add_argument("--token-ttl", type=float, default=3600.0)
    parser.add_argument(
        "--no-validation", action="store_true", help="ne pas valider les DUME reçus"
    )
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s: %(message)s")

    server = StandinServer(
        args.port,
        client_id=args.client_id,
        client_secret=args.client_secret,
        token_ttl=args.token_ttl,
        validate_xml=not args.no_validation,
    )
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    with server:
        print(f"Service DUME de démonstration sur {server.origin}", flush=True)
        print("Pour essayer le client :")
        print(f"  export DUME_API_BASE_URL={server.base_url}")
        print(f"  export DUME_API_TOKEN_URL={server.token_url}")
        print(f"  export DUME_API_PLATFORM_ID={DEMO_PLATFORM_ID}")
        print(f"  export DUME_API_TECHNICAL_ID={DEMO_TECHNICAL_ID}")
        print("  export DUME_API_REQUESTER_ID=21350001200017")
        print("  export DUME_API_REQUESTER_NAME='Commune de Sainte-Ève'")
        print(f"  echo {args.client_secret} | dume remote login --client-id {args.client_id}")
        print("Ctrl-C pour arrêter.", flush=True)
        try:
            while not stop.wait(0.5):
                pass
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()
