"""Demo data (DATA CONTOH): a deterministic simulated Malinau and sample files as analysts receive them."""
