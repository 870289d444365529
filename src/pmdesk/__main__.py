"""``python -m pmdesk``: the same as the ``pmdesk`` command."""

import sys

from pmdesk.cli import main

sys.exit(main())
