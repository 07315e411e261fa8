"""Screen text in Bahasa Indonesia and English: the catalogue (data files per language) and label helpers."""
