"""``python -m proportion``: the same as the ``proportion`` command."""

from proportion.cli import run

run()
