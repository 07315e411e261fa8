"""Password strength: refused when zxcvbn's common-password lists and patterns guess it easily.

zxcvbn (Dropbox's estimator, Python port) knows the 30,000 most common passwords, English words,
names, keyboard walks, repeats ("aaaaaaaaaa") and sequences ("1234567890"); we add the words of this
office that a guesser would try first. Length alone is not enough: `aaaaaaaaaa` is ten characters.
"""

from __future__ import annotations

from zxcvbn import zxcvbn

# Score 3 = "safely unguessable: moderate protection from offline slow-hash scenario" (< 10^10 guesses).
MIN_SCORE = 3
# Words an attacker here tries first; zxcvbn treats them like dictionary words.
LOCAL_WORDS = ("waspada", "malinau", "kesbangpol", "kaltara", "kalimantan", "bupati", "pemkab", "admin",
               "analis", "pimpinan", "sandi", "katasandi", "rahasia", "indonesia", "merdeka")
# zxcvbn's matching grows faster than linearly with length; the first 100 characters decide.
CHECKED_LENGTH = 100


def check_password_strength(password: str, username: str = "") -> str | None:
    """Return why the password is too easy to guess (Indonesian), or None when it is strong enough."""
    result = zxcvbn(password[:CHECKED_LENGTH], user_inputs=[*LOCAL_WORDS, username])
    if result["score"] >= MIN_SCORE:
        return None
    return ("Kata sandi terlalu mudah ditebak (kata sandi umum, pengulangan, urutan papan ketik, nama "
            "pengguna atau kata yang lazim di kantor ini). Pakai beberapa kata yang tidak lazim "
            "digabung, mis. 'sungai-pelangi-tujuh-batu'.")
