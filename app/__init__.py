"""DUME Desktop: offline-first ESPD-EDM 4.1.0 tool for buyers and economic operators."""

__version__ = "0.1.0"
APP_NAME = "dume"
