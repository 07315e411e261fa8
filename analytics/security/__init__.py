"""Accounts and trust: login throttling, password strength, backup signing keys, TLS certificates."""
