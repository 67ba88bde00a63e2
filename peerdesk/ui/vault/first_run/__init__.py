"""The first-run wizard: one module per page, assembled in :mod:`.wizard`."""
