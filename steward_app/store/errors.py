"""Errors the store raises, each with a sentence a steward can act on."""


class StoreError(Exception):
    """The database cannot do what was asked; the message says why and what to do."""
