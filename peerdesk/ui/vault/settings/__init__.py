"""The Settings dialog, built from one page per tab and one helper per action family.

``dialog`` assembles the Security, Vault and Appearance pages (``*_page``); the actions that
take effect at once run through :mod:`keyring_actions`, :mod:`backup_actions` and
:mod:`passphrase_actions`; :mod:`passphrase_change` re-keys the vault off the GUI thread.
"""
