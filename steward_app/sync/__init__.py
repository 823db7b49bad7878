"""The exchange file format, signing and merge (see issue: file sync)."""
