"""Recipient profiles the user saved for reports, and the options they last used.

Both are JSON in the vault's settings table (they say who the user reports to). A saved
profile that cannot be read (written by hand, or by a newer version in a shape this one does
not know) is skipped and counted, never allowed to break the export.
"""

from __future__ import annotations

import logging
from typing import Any

from peerdesk.i18n import _, ngettext
from peerdesk.models.report import BUILT_IN, ProfileError, RecipientProfile
from peerdesk.storage.settings import VaultSettings
from peerdesk.storage.vault import Vault

log = logging.getLogger(__name__)

PROFILES_KEY = "report_profiles"
LAST_OPTIONS_KEY = "report_last_options"
MAX_PROFILES = 50


class ReportProfiles:
    """The saved recipient profiles of one vault, in the order they were saved."""

    def __init__(self, vault: Vault) -> None:
        self._settings = VaultSettings(vault)
        self.unreadable = 0

    def _raw(self) -> list[Any]:
        value = self._settings.get(PROFILES_KEY, [])
        return value if isinstance(value, list) else []

    def list(self) -> list[RecipientProfile]:
        found: list[RecipientProfile] = []
        self.unreadable = 0
        for item in self._raw():
            try:
                profile = RecipientProfile.from_dict(item)
            except (ProfileError, TypeError):
                self.unreadable += 1
                continue
            if profile.name in BUILT_IN or any(p.name == profile.name for p in found):
                self.unreadable += 1
                continue
            found.append(profile)
        if self.unreadable:
            log.info("skipped %d saved report profile(s) that could not be read", self.unreadable)
        return found

    def get(self, name: str) -> RecipientProfile | None:
        return next((p for p in self.list() if p.name == name), None)

    def save(self, profile: RecipientProfile) -> None:
        """Add ``profile``, or replace the saved one with the same name."""
        if profile.name in BUILT_IN:
            raise ProfileError(
                _("A built-in profile cannot be replaced; save it under a new name.")
            )
        profiles = self.list()
        for index, existing in enumerate(profiles):
            if existing.name == profile.name:
                profiles[index] = profile
                break
        else:
            if len(profiles) >= MAX_PROFILES:
                raise ProfileError(
                    ngettext(
                        "At most {count} profile can be saved; delete one first.",
                        "At most {count} profiles can be saved; delete one first.",
                        MAX_PROFILES,
                    ).format(count=MAX_PROFILES)
                )
            profiles.append(profile)
        self._settings.set(PROFILES_KEY, [p.to_dict() for p in profiles])

    def delete(self, name: str) -> bool:
        profiles = self.list()
        kept = [p for p in profiles if p.name != name]
        if len(kept) == len(profiles):
            return False
        self._settings.set(PROFILES_KEY, [p.to_dict() for p in kept])
        return True

    def last_options(self) -> dict[str, Any]:
        """What the export dialog showed last time (profile name, paper, author, ...)."""
        value = self._settings.get(LAST_OPTIONS_KEY, {})
        return value if isinstance(value, dict) else {}

    def remember_options(self, options: dict[str, Any]) -> None:
        self._settings.set(LAST_OPTIONS_KEY, options)


__all__ = ["LAST_OPTIONS_KEY", "MAX_PROFILES", "PROFILES_KEY", "ReportProfiles"]
