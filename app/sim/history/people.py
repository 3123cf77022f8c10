"""Who the demo shop deals with: the shop itself, its ten distributors and its regular customers.

A kirana in Kothrud, Pune (Maharashtra, GST state 27). Names are common Indian names; phone numbers
are generated, so they belong to nobody in particular, and the demo never queues a message to them.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from stdnum import luhn

__all__ = ["SHOP", "SHOP_PAN", "STATE", "SUPPLIERS", "CustomerPlan", "SupplierPlan", "make_customers", "make_gstin",
           "make_pan", "make_phones"]

_GSTIN_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
STATE = "27"  # Maharashtra


def make_gstin(state: str, pan: str, entity: str = "1") -> str:
    """A GSTIN with a correct check character: state + PAN + entity number + 'Z' + Luhn mod 36."""
    body = f"{state}{pan}{entity}Z"
    return body + luhn.calc_check_digit(body, _GSTIN_ALPHABET)


def make_pan(rng: random.Random, holder: str, surname: str) -> str:
    """A well-formed PAN: 3 letters, the holder type (P person, F firm, C company), the surname's
    initial, 4 digits (not 0000) and a letter."""
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    head = "".join(rng.choice(letters) for _ in range(3))
    return f"{head}{holder}{surname[0].upper()}{rng.randint(1, 9999):04d}{rng.choice(letters)}"


SHOP = {
    "name": "Sharma General Store",
    "legal_name": "Rajesh Kumar Sharma",
    "address": "Shop 4, Shivneri Apartments, Karve Road, Kothrud",
    "city": "Pune",
    "pincode": "411038",
    "state_code": STATE,
    "gst_scheme": "regular",
    "upi_id": "sharmageneral@okhdfcbank",
    "phone": "9822041375",
    "email": "sharmageneralstore@gmail.com",
    "fssai_no": "11521034000417",
}
SHOP_PAN = "BKRPS4821L"  # a proprietor's PAN: fourth letter P (person), fifth S (Sharma)


@dataclass(frozen=True, slots=True)
class SupplierPlan:
    key: str
    name: str
    contact_person: str
    surname: str
    address: str
    lead_time_days: int
    min_order_rupees: int
    payment_terms_days: int
    visit_days: tuple[int, ...]  # 0 = Monday
    notes: str


# The distributors, by the companies whose goods they carry.
SUPPLIERS: tuple[SupplierPlan, ...] = (
    SupplierPlan("ganesh", "Shree Ganesh Distributors", "Sunil Joshi", "Joshi", "Gultekdi Market Yard, Pune",
                 2, 3000, 7, (0, 3), "Hindustan Unilever"),
    SupplierPlan("maruti", "Maruti Traders", "Prakash Agarwal", "Agarwal", "Bhavani Peth, Pune",
                 2, 2500, 7, (1, 4), "ITC, Nestle"),
    SupplierPlan("jaiambe", "Jai Ambe Agencies", "Mahesh Patel", "Patel", "Timber Market, Ganj Peth, Pune",
                 3, 5000, 15, (2, 5), "Tata Consumer, Adani Wilmar, Marico"),
    SupplierPlan("krishna", "Krishna Dairy & Bakery Supply", "Santosh Gaikwad", "Gaikwad", "Warje Malwadi, Pune",
                 1, 500, 0, (0, 1, 2, 3, 4, 5, 6), "Amul, Gokul, bread, pav and eggs; delivers every morning"),
    SupplierPlan("balaji", "Balaji Grain Merchants", "Ramesh Bansal", "Bansal", "APMC Market Yard, Gultekdi, Pune",
                 1, 4000, 0, (0, 2, 4, 5), "Grains, dal, sugar, dry fruits, onions and potatoes from the mandi"),
    SupplierPlan("saikrupa", "Sai Krupa Enterprises", "Vitthal Shinde", "Shinde", "Hadapsar Industrial Estate, Pune",
                 2, 2000, 7, (0, 3), "Parle and Britannia"),
    SupplierPlan("mahalaxmi", "Mahalaxmi Beverages", "Anil Kulkarni", "Kulkarni", "Bhosari MIDC, Pune",
                 2, 2500, 7, (1, 5), "Coca-Cola, PepsiCo, Bisleri, Parle Agro"),
    SupplierPlan("omsai", "Om Sai Spices & Namkeen", "Deepak Bhatia", "Bhatia", "Raviwar Peth, Pune",
                 4, 3000, 15, (2,), "Everest, MDH, Haldiram's, MTR, Ching's"),
    SupplierPlan("gurukripa", "Gurukripa Marketing", "Harish Mehta", "Mehta", "Shivajinagar, Pune",
                 3, 4000, 15, (3,), "Colgate, P&G, Dabur, Reckitt, Godrej, Wipro"),
    SupplierPlan("siddhi", "Siddhivinayak General Agencies", "Ganesh Pawar", "Pawar", "Kasba Peth, Pune",
                 5, 1500, 7, (5,), "Mondelez, Perfetti, matches, agarbatti, batteries"),
)


@dataclass(frozen=True, slots=True)
class CustomerPlan:
    name: str
    name_hi: str
    area: str
    kind: str  # cash | monthly | weekly | slow  (how they use the khata)


# First names and surnames in English and Devanagari; customers are made by pairing them.
_FIRST = (
    ("Ramesh", "रमेश"), ("Suresh", "सुरेश"), ("Sunita", "सुनीता"), ("Anita", "अनीता"), ("Vijay", "विजय"),
    ("Priya", "प्रिया"), ("Manoj", "मनोज"), ("Kavita", "कविता"), ("Sanjay", "संजय"), ("Meena", "मीना"),
    ("Rahul", "राहुल"), ("Pooja", "पूजा"), ("Amit", "अमित"), ("Neha", "नेहा"), ("Ashok", "अशोक"),
    ("Geeta", "गीता"), ("Rajesh", "राजेश"), ("Asha", "आशा"), ("Nitin", "नितिन"), ("Swati", "स्वाति"),
    ("Ganesh", "गणेश"), ("Lata", "लता"), ("Dinesh", "दिनेश"), ("Rekha", "रेखा"), ("Sachin", "सचिन"),
    ("Shobha", "शोभा"), ("Mohan", "मोहन"), ("Vaishali", "वैशाली"), ("Imran", "इमरान"), ("Farida", "फ़रीदा"),
    ("Joseph", "जोसेफ़"), ("Mary", "मैरी"), ("Harpreet", "हरप्रीत"), ("Arjun", "अर्जुन"), ("Deepa", "दीपा"),
    ("Prakash", "प्रकाश"), ("Sneha", "स्नेहा"), ("Mahesh", "महेश"), ("Ujwala", "उज्ज्वला"), ("Kiran", "किरण"),
)
_LAST = (
    ("Patil", "पाटिल"), ("Deshmukh", "देशमुख"), ("Kulkarni", "कुलकर्णी"), ("Jadhav", "जाधव"), ("Pawar", "पवार"),
    ("Shinde", "शिंदे"), ("More", "मोरे"), ("Joshi", "जोशी"), ("Gupta", "गुप्ता"), ("Yadav", "यादव"),
    ("Sharma", "शर्मा"), ("Verma", "वर्मा"), ("Singh", "सिंह"), ("Kale", "काले"), ("Bhosale", "भोसले"),
    ("Chavan", "चव्हाण"), ("Mishra", "मिश्रा"), ("Naik", "नाईक"), ("Gaikwad", "गायकवाड़"), ("Sawant", "सावंत"),
)
_MUSLIM_LAST = (("Shaikh", "शेख़"), ("Khan", "ख़ान"), ("Sayyed", "सैयद"))
_AREAS = ("Karve Road", "Kothrud Depot", "Mayur Colony", "Dahanukar Colony", "Ideal Colony", "Paud Road",
          "Shastri Nagar", "Bhusari Colony", "Kachare Wasti", "Sutar Dara")
# how the fifty regulars use the khata: a few pay at once, most settle monthly or weekly, a few let it run
_KINDS = ("cash",) * 9 + ("monthly",) * 26 + ("weekly",) * 9 + ("slow",) * 6


def make_customers(rng: random.Random, count: int = 50) -> list[CustomerPlan]:
    names: list[CustomerPlan] = []
    seen: set[str] = set()
    kinds = list(_KINDS) * (count // len(_KINDS) + 1)
    rng.shuffle(kinds)
    while len(names) < count:
        first, first_hi = rng.choice(_FIRST)
        if first in ("Imran", "Farida"):
            last, last_hi = rng.choice(_MUSLIM_LAST)
        elif first in ("Joseph", "Mary"):
            last, last_hi = rng.choice((("D'Souza", "डिसूज़ा"), ("Fernandes", "फ़र्नांडिस")))
        elif first == "Harpreet":
            last, last_hi = ("Kaur", "कौर")
        else:
            last, last_hi = rng.choice(_LAST)
        name = f"{first} {last}"
        if name in seen:
            continue
        seen.add(name)
        area = rng.choice(_AREAS)
        names.append(CustomerPlan(name, f"{first_hi} {last_hi}", area, kinds[len(names)]))
    return names


def make_phones(rng: random.Random, count: int) -> list[str]:
    """Distinct 10-digit mobile numbers."""
    phones: list[str] = []
    seen: set[str] = set()
    while len(phones) < count:
        phone = f"{rng.choice('6789')}{rng.randint(0, 999_999_999):09d}"
        if phone not in seen and phone != SHOP["phone"]:
            seen.add(phone)
            phones.append(phone)
    return phones
