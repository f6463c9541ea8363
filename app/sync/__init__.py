"""sync package (Qt-free)."""
