"""``python -m proportion``: the same as the ``proportion`` command."""

import atexit
import os
import sys

from proportion import cli

status = cli.main()
if cli.quick_exit_allowed:
    # The command has written and closed all it writes. The interpreter's tear-down would now free every object
    # one by one (after a PDF report, about half a second of CPU for nothing the user sees), so the exit handlers
    # run and the process ends at once. A failed command, or one that did not say so, ends the usual way.
    atexit._run_exitfuncs()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(status)
raise SystemExit(status)
