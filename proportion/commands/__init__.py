"""Subcommands of the ``proportion`` command line, one module per feature."""
