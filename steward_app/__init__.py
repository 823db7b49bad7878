"""steward_app: offline tally of a contract ratification vote across a coalition of unions."""

import logging

__version__ = "0.1.0"

# silent until the program sets up its log (services.logs): a library never prints warnings
logging.getLogger(__name__).addHandler(logging.NullHandler())
