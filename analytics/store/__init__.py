"""The store: opening it (SQLite or PostgreSQL), its tables and migrations, reads, all-or-nothing writes, uploads, the audit log and backups."""
