"""``python -m proportion``: the same as the ``proportion`` command."""

from proportion.cli import main

raise SystemExit(main())
