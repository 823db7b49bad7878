"""The tally file: its bytes, its checks, and the signing keys (docs/sync-format.md)."""
