"""signature package (Qt-free)."""
