"""Brands commonly stocked by a kirana, with the category and HSN heading their products usually fall under.

This is the built-in list that :func:`app.ml.packtext.extract` matches OCR text against; the shop's
own catalog brands are added to it by the caller. Brand names are trademarks of their owners; we
only recognise them on packs the seller photographs.
"""

from __future__ import annotations

# brand -> the categories (resources/data/categories.csv codes) its packs are usually in
BRANDS: dict[str, tuple[str, ...]] = {
    "Parle-G": ("biscuits",), "Parle": ("biscuits", "confectionery"), "Britannia": ("biscuits", "dairy"),
    "Sunfeast": ("biscuits",), "Good Day": ("biscuits",), "Bourbon": ("biscuits",), "Hide & Seek": ("biscuits",),
    "Oreo": ("biscuits",), "McVitie's": ("biscuits",), "Unibic": ("biscuits",), "Priyagold": ("biscuits",),
    "Haldiram's": ("snacks",), "Bikaji": ("snacks",), "Lay's": ("snacks",), "Kurkure": ("snacks",),
    "Uncle Chipps": ("snacks",), "Bingo": ("snacks",), "Balaji": ("snacks",), "Too Yumm": ("snacks",),
    "Maggi": ("instant", "sauces"), "Yippee": ("instant",), "Knorr": ("instant",), "Ching's Secret": ("instant",),
    "Top Ramen": ("instant",), "MTR": ("instant", "spices"),
    "Aashirvaad": ("staples",), "India Gate": ("staples",), "Daawat": ("staples",), "Tata Sampann": ("staples",),
    "Fortune": ("oils", "staples"), "Saffola": ("oils",), "Dhara": ("oils",), "Gemini": ("oils",),
    "Patanjali": ("oils", "personal_care"), "Amul": ("dairy",), "Mother Dairy": ("dairy",), "Nandini": ("dairy",),
    "Tata Salt": ("spices",), "Tata": ("spices", "breakfast"), "MDH": ("spices",), "Everest": ("spices",),
    "Catch": ("spices",), "Badshah": ("spices",), "Madhur": ("sugar",), "Dhampur": ("sugar",),
    "Tata Tea": ("breakfast",), "Red Label": ("breakfast",), "Taj Mahal": ("breakfast",), "Wagh Bakri": ("breakfast",),
    "Bru": ("breakfast",), "Nescafe": ("breakfast",), "Kellogg's": ("breakfast",), "Bournvita": ("breakfast",),
    "Horlicks": ("breakfast",), "Cadbury": ("confectionery",), "Dairy Milk": ("confectionery",),
    "KitKat": ("confectionery",), "Nestle": ("confectionery", "dairy"), "Melody": ("confectionery",),
    "Frooti": ("beverages",), "Maaza": ("beverages",), "Bisleri": ("beverages",), "Kinley": ("beverages",),
    "Thums Up": ("beverages",), "Coca-Cola": ("beverages",), "Pepsi": ("beverages",), "Sprite": ("beverages",),
    "Real": ("beverages",), "Tropicana": ("beverages",), "Paper Boat": ("beverages",),
    "Kissan": ("sauces",), "Mother's Recipe": ("sauces",), "Nilon's": ("sauces",), "Del Monte": ("sauces",),
    "Happilo": ("dry_fruits",), "Nutraj": ("dry_fruits",),
    "Lux": ("personal_care",), "Lifebuoy": ("personal_care",), "Dettol": ("personal_care",),
    "Santoor": ("personal_care",), "Dove": ("personal_care", "hair_care"), "Nivea": ("personal_care",),
    "Vaseline": ("personal_care",), "Pond's": ("personal_care",), "Himalaya": ("personal_care",),
    "Colgate": ("oral_care",), "Pepsodent": ("oral_care",), "Close-Up": ("oral_care",), "Dabur": ("oral_care",),
    "Sensodyne": ("oral_care",), "Clinic Plus": ("hair_care",), "Parachute": ("hair_care",),
    "Head & Shoulders": ("hair_care",), "Sunsilk": ("hair_care",), "Pantene": ("hair_care",),
    "Surf Excel": ("household",), "Rin": ("household",), "Tide": ("household",), "Ariel": ("household",),
    "Wheel": ("household",), "Ghadi": ("household",), "Vim": ("household",), "Harpic": ("household",),
    "Lizol": ("household",), "Colin": ("household",), "Good Knight": ("home_needs",), "All Out": ("home_needs",),
    "Mortein": ("home_needs",), "Odonil": ("home_needs",), "Cello": ("home_needs",),
    "Johnson's": ("baby",), "Pampers": ("baby",), "Huggies": ("baby",), "Cerelac": ("baby",),
    "Himalaya Baby": ("baby",),
}
