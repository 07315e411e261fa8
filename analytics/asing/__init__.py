"""The register of orang asing, TKA and lembaga asing: aggregate counts and their chart."""
