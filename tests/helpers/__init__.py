"""Shared test helpers (fixtures and fake backends)."""
