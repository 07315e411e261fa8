"""Sub-commands of `python -m analytics`; each module defines register(subparsers)."""
