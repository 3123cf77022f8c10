"""What the assistant can do, said when asked ("help"), when it did not understand, and when a message asks
for something it cannot do yet ("export my products to Dubai", "sone ka bhav"): then it says so plainly,
with what it can do, and never answers a different question instead."""

from __future__ import annotations

from app.assistant.phrases import tr
from app.assistant.reply import Answer, Button
from app.assistant.text import EN, HI, HINGLISH
from app.assistant.understand import Understanding

HELP_EXAMPLES = {
    EN: ["How much did we sell today?", "How much profit this month?", "Which items are running out?",
         "Reorder Tata salt", "Who owes me money?", "Grow sales 10% this month"],
    HINGLISH: ["aaj kitna becha?", "is mahine kitna munafa hua?", "kya khatam hone wala hai?",
               "Maggi ka daam 2 rupay kam karo", "udhaar kiska baki hai?", "is mahine bikri 10% badhao"],
    HI: ["आज कितना बेचा?", "इस महीने कितना मुनाफा हुआ?", "क्या खत्म होने वाला है?", "टाटा नमक मंगवाओ",
         "उधार किसका बाकी है?", "इस महीने बिक्री 10% बढ़ाओ"],
}
CAN_DO = tr("I can tell you about sales, profit, GST and its due dates, stock, khata, orders to ship, offers, "
            "campaigns and goals; and, after asking you, change a price, reorder, start an offer, set a goal, record "
            "a khata payment or add a customer.",
            "Main bikri, munafa, GST aur uski tareekhen, stock, udhaar, bhejne wale order, offer, campaign aur goal "
            "bata sakta hoon; aur aapse poochh kar daam badal sakta hoon, order de sakta hoon, offer ya goal laga "
            "sakta hoon, khata me payment likh sakta hoon ya naya grahak jod sakta hoon.")


def help_answer(lang: str) -> Answer:
    text = tr("I look after the shop with you. I ask before anything that changes the shop.",
              "Main dukan sambhalne me madad karta hoon. Dukan me kuch bhi badalne se pehle main poochta hoon."
              ).text(lang) + " " + CAN_DO.text(lang)
    examples = HELP_EXAMPLES.get(lang, HELP_EXAMPLES[EN])
    return Answer(text, buttons=[Button(id=f"ask:{e}", label=e, kind="ask") for e in examples])


SUGGEST = {
    "sales_report": (tr("Today's sales", "Aaj ki bikri"), {EN: "today's sales", HINGLISH: "aaj kitna becha",
                                                          HI: "आज की बिक्री"}),
    "profit_report": (tr("This month's profit", "Is mahine ka munafa"), {EN: "profit this month",
                                                                        HINGLISH: "is mahine kitna munafa hua",
                                                                        HI: "इस महीने कितना मुनाफा हुआ"}),
    "low_stock": (tr("What is running out", "Kya khatam ho raha hai"), {EN: "which items are running out",
                                                                       HINGLISH: "kya khatam hone wala hai",
                                                                       HI: "क्या खत्म होने वाला है"}),
    "khata_balance": (tr("Who owes money", "Udhaar kiska baki"), {EN: "who owes me money",
                                                                  HINGLISH: "udhaar kiska baki",
                                                                  HI: "उधार किसका बाकी है"}),
}


def _buttons(found: Understanding | None, lang: str) -> list[Button]:
    guesses = [name for name, p in (found.ranked[:3] if found else []) if name in SUGGEST and p >= 0.1]
    chosen = guesses or list(SUGGEST)
    buttons = [Button(id=f"ask:{SUGGEST[g][1].get(lang, SUGGEST[g][1][EN])}", label=SUGGEST[g][0].text(lang),
                      kind="ask") for g in chosen[:3]]
    buttons.append(Button(id="ask:help", label=tr("Help", "Madad").text(lang), kind="ask"))
    return buttons


def unknown_answer(found: Understanding, lang: str) -> Answer:
    if found.out_of_scope is not None or found.via == "classifier":  # read as outside the shop, not unclear
        return cannot_answer(found, lang)
    text = tr("Sorry, I did not understand that.", "Maaf kijiye, samajh nahi aaya.").text(lang)
    return Answer(text + " " + CAN_DO.text(lang), buttons=_buttons(found, lang))


def cannot_answer(found: Understanding | None, lang: str) -> Answer:
    """'I can't do that yet', and what it can do: for what lies outside the shop's books, and for noise."""
    text = tr("I can't do that yet.", "Ye main abhi nahi kar sakta.").text(lang)
    return Answer(text + " " + CAN_DO.text(lang), buttons=_buttons(None, lang))
