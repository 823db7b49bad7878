"""The command line, calling the same services as the window."""
