"""legacy package (Qt-free)."""
