"""steward_app: offline tally of a contract ratification vote across a coalition of unions."""

__version__ = "0.1.0"
