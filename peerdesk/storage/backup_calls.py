"""The three calls :mod:`peerdesk.storage.vault` makes into :mod:`.backup_files`, which is
imported on the first call rather than with the vault.

Opening a vault needs backups only when something went wrong or a migration is due, and the
unlock window needs none of it: ``backup_files`` (and what it brings) loads when first used
(issue 18, item 4). Type checkers see the real functions; at run time each name is a thin
call through the module, so a test that replaces ``backup_files.write_backup`` reaches it here
too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from peerdesk.storage.backup_files import (
        backup_opening_with,
        remove_leftovers,
        write_backup,
    )
else:

    def backup_opening_with(*args: Any, **kwargs: Any) -> Any:
        from peerdesk.storage import backup_files

        return backup_files.backup_opening_with(*args, **kwargs)

    def remove_leftovers(*args: Any, **kwargs: Any) -> Any:
        from peerdesk.storage import backup_files

        return backup_files.remove_leftovers(*args, **kwargs)

    def write_backup(*args: Any, **kwargs: Any) -> Any:
        from peerdesk.storage import backup_files

        return backup_files.write_backup(*args, **kwargs)


__all__ = ["backup_opening_with", "remove_leftovers", "write_backup"]
