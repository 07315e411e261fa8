"""Penanganan (follow-up): cases and their rules, Rakor meetings and decisions, reporting compliance."""
