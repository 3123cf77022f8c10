"""What the seller typed, made comparable: one spelling of Devanagari, ASCII digits, words, the language.

``normalise`` folds the variations that carry no meaning for a shopkeeper's message: Devanagari digits
(२० -> 20), nukta letters (मुनाफ़ा -> मुनाफा), chandrabindu and anusvara, Indian digit grouping
(1,00,000 -> 100000), apostrophes inside words (Lay's -> lays), case and spacing. ``words`` cuts the
result into Latin words, Devanagari words, numbers and the few signs that matter (₹, %, ?).
``detect_language`` tells English, Hindi (Devanagari, by Unicode range) and Hinglish (romanised Hindi,
by its common words) apart; replies are written in the language of the message.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from app.ml.text import romanise

_split = str.split  # word lists below are written as text, one space apart

EN, HI, HINGLISH = "en", "hi", "hinglish"
LANGUAGES = (EN, HI, HINGLISH)

_DIGITS = str.maketrans("०१२३४५६७८९", "0123456789")
# precomposed nukta letters -> the plain letter (क़ -> क); a separate nukta sign is dropped below
_NUKTA = str.maketrans({"\u0958": "\u0915", "\u0959": "\u0916", "\u095a": "\u0917", "\u095b": "\u091c",
                        "\u095c": "\u0921", "\u095d": "\u0922", "\u095e": "\u092b", "\u095f": "\u092f",
                        "\u093c": None, "\u0901": "\u0902", "\u2019": "'", "\u2018": "'", "\u200d": None,
                        "\u200c": None})
_WORD = re.compile(r"[a-z0-9]+(?:\.[0-9]+)?|[\u0900-\u0963\u0966-\u097f]+|[₹%?#]")
_DEVANAGARI = re.compile(r"[\u0900-\u097f]")
_LATIN = re.compile(r"[a-z]")

# Romanised Hindi words that English does not use (ambiguous ones such as "do", "to", "me", "hi" left out)
HINGLISH_WORDS = frozenset(_split("""
aaj aaya aaye abhi accha acha agle agla aur bacha bachi bache bachaa badhao badha badhana badhani badhado bataao
batao becha beche bechi becho bhai bhejo bhej bhav bhaav bikri bika bike biki bikee chahiye chahie chalao chala
chalu chalo daam dam de dena dikhao diya dijiye ghatao gaya gaye gayi hafte hafta haan hai hain ho hua hui hue
hum hamara hamare isko iska iske iss jaldi jao jyada zyada kab kabhi kaha kahan kaise kam kar karo karna karke
karu kal kaun kaunsa kaunse khatam khtam kharab kiska kiske kis kitna kitne kitni kya kyu kyun kyon ka ki ke ko
lagao lao le lo liye maal mahine mahina mal mangao mangwa mangwao mangwa mangwado mat mera meri mere mujhe
munafa munafe na nahi nahin namaste pada pade padi pe par pichle pichhle rakho rehne raha rahi rahe saal sab
sabhi sasta saman samaan se sirf tak theek thik tha thi tum wala wale wali yaar ye yeh haal baki baaki udhaar
udhar udhari dhanda paisa paise kaunsi kisne kisko puch sakte sakta mangwana padega bhej batana karni karega
kyunki rupay rupaye rupya rupiya rupaiye keemat kimat chhoot chhut subah shaam raat agar lekin phir fir gya gye
ruka aaye dega denge kaun-kaun upar niche neeche le jao hisaab hisab ha chal chalo chale chalega liya liye lena
mera meri mere tera teri tere apna apni apne wahi yahi kuch koi sab kabhi dono phone kaam karta karti karte
ne jama kiye kiya diye diya chuka chukaya chuka diye lauta lautaye wasool bharna bhara banega banta grahak
graahak naya nayi naye jodo jod kholo fayda faida kamaya kamai laagat lagat
"""))

# the verb a romanised Hindi sentence ends with (its nouns are often English: "order 8 cancel kar do")
HINGLISH_VERBS = frozenset(_split("""
kar karo kardo kardo kijiye karein karna bhejo bhej batao dikhao lagao hatao badhao ghatao mangao mangwao
chalao rakho likho jodo dijiye dena sunao bajao
"""))
ENGLISH_WORDS = frozenset(_split("""
the a an is are was were what which who whom whose how why when where this that these those my our your their of
for from with about please show tell give did does much many sell sold sales sale price prices stock items item
order orders today yesterday week month year last next and or not no yes any all some have has had we you it its
i be been can could would should will shall more less than by on in into at up down running low out left cheaper
raise reduce increase decrease set make start send run put get buy need offer offers discount campaign goal
target profit revenue owe owes help what's whats status check list approve reject cancel confirm sure ok okay
thanks thank go ahead pending there keep always never everything anything something nothing someone everyone
waiting sent send done doing going phone charge call play open book tell joke weather time news music movie song
train ticket alarm poem
"""))


def normalise(text: str) -> str:
    """Lower-cased text with one spelling for each Devanagari letter and ASCII digits."""
    text = unicodedata.normalize("NFC", str(text)).translate(_DIGITS).translate(_NUKTA).lower()
    text = re.sub(r"(?<=\w)'(?=\w)", "", text)
    text = re.sub(r"(?<=\d),(?=\d)", "", text)
    return " ".join(text.split())


def words(normalised: str) -> list[str]:
    return _WORD.findall(normalised)


def is_devanagari(word: str) -> bool:
    return bool(_DEVANAGARI.match(word))


def latin_form(word: str) -> str:
    """A Devanagari word in rough Latin letters (नमक -> namak); other words unchanged."""
    return romanise(word) if is_devanagari(word) else word


def skeleton(word: str) -> str:
    """Consonants only, doubled letters once: Hinglish spells vowels every which way (chini, cheeni)."""
    plain = re.sub(r"[aeiouy]+", "", latin_form(word))
    return re.sub(r"(.)\1+", r"\1", plain.replace("h", ""))


def detect_language(normalised: str, tokens: Sequence[str], default: str = EN) -> str:
    """'hi' for Devanagari, 'hinglish' for romanised Hindi, else 'en' (``default`` when nothing tells)."""
    devanagari = len(_DEVANAGARI.findall(normalised))
    latin = len(_LATIN.findall(normalised))
    if devanagari > latin:
        return HI
    hinglish = sum(1 for t in tokens if t in HINGLISH_WORDS)
    english = sum(1 for t in tokens if t in ENGLISH_WORDS)
    if hinglish and (hinglish >= english or hinglish >= 2):
        return HINGLISH
    if any(t in HINGLISH_VERBS for t in tokens[-2:]):  # "order number 8 cancel kar do": Hindi grammar, English nouns
        return HINGLISH
    if not hinglish and not english:
        return default if devanagari == 0 and latin < 12 else EN
    return EN
