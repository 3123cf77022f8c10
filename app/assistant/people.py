"""A new customer's name and phone number, read from a message that asks to add them.

"add a new customer Rakesh Yadav 9876501234", "Manoj Tiwari ka khata kholo", "नया ग्राहक जोड़ो सुरेश पाल":
the name is the longest run of words that are neither the command's own words nor numbers; a phone is ten
digits starting with 6-9 (an Indian mobile).
"""

from __future__ import annotations

import re

from app.assistant import lexicon
from app.assistant.text import is_devanagari

_split = str.split

COMMAND_WORDS = frozenset(_split("""
enrol enroll onboard
add adding new create open register registered make start customer customers client khata account udhar udhaar
named name called naam number num no phone mobile mob contact please pls a an the for with and to of as in
ko ka ki ke ki me mein mai list daal dalo daalo do karo kar kardo jodo jod jodna jodiye joddo naya nayi naye
grahak graahak kholo khol kholna banao bana banaiye likho likh entry sir ji bhai is wala wali hai
नया नयी नई नए ग्राहक जोडो जोड़ो जोड़ो जोड खाता खोलो खोल बनाओ बना नाम नंबर नम्बर फोन मोबाइल का की के को में
लिस्ट डालो डाल दो करो कर लिखो जी है
"""))
PHONE = re.compile(r"^[6-9]\d{9}$")
LETTERS = re.compile(r"^(?:[a-z]+|[\u0900-\u0963\u0971-\u097f]+)$")


def phone_in(tokens: list[str]) -> str | None:
    for token in tokens:
        digits = token[2:] if token.startswith("91") and len(token) == 12 else token
        if PHONE.match(digits):
            return digits
    return None


def new_name(tokens: list[str]) -> str | None:
    """The name the message gives, in the script it was written in ("Rakesh Yadav", "सुरेश पाल")."""
    runs: list[list[str]] = []
    run: list[str] = []
    for token in tokens:
        word = bool(LETTERS.match(token)) and len(token) >= 2 and token not in COMMAND_WORDS \
            and token not in lexicon.STOPWORDS and token not in lexicon.UNITS and token not in lexicon.CURRENCY
        if word:
            run.append(token)
        elif run:
            runs.append(run)
            run = []
    if run:
        runs.append(run)
    if not runs:
        return None
    best = max(runs, key=len)[:3]
    return " ".join(w if is_devanagari(w) else w.capitalize() for w in best)
