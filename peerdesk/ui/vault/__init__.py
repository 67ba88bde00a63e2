"""Opening and protecting the vault: unlock, first run, passphrases, settings."""
