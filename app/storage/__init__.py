"""Local library: the embedded SQLite store (Qt-free)."""
