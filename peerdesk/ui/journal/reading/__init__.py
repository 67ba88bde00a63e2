"""The read view of a journal entry: the record as a report shows it, read-only, with Edit and
History beside it (:class:`EntryReadDialog`)."""

from peerdesk.ui.journal.reading.dialog import EntryReadDialog

__all__ = ["EntryReadDialog"]
