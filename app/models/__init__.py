"""Qt-free domain model of ESPD requests and responses."""
