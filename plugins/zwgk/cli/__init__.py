"""The ``zwgk`` command line: one module per command; output and exit codes owned here."""
