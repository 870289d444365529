"""The bundle's entry script: the same ``main`` as the ``pmdesk`` console script."""

import sys

from pmdesk.cli import main

if __name__ == "__main__":
    sys.exit(main())
