"""The journal entry editor, built from pages: :mod:`.dialog` assembles the window
(:class:`~peerdesk.ui.journal.editor.dialog.IncidentEditor`) from the section pages in
:mod:`.pages`, the repeated rows in :mod:`.rows`, the people and attachment pieces, and the
helper objects that carry each family of actions (drafts, saving, attachments, withdrawal)."""
