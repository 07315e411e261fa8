"""From an uploaded file to clean records: safe reading of CSV/Excel, headers, dates, categories, validation and the upload report."""
