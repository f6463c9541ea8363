"""export package (Qt-free)."""
