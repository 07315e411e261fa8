"""Bahan Rakor: the meeting briefing as PDF and PowerPoint, gathered from the same numbers the screen shows."""
