"""One function per user action, over the store and the domain."""
