"""What the bundled executable runs: the same entry point as the `steward-app` command."""

import sys

from steward_app.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
