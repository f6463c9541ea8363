"""ESPD-EDM XML: hardened parsing, version detection, reading and writing (Qt-free)."""
