"""Undo from the chat of a khata payment and of a new customer: asked again, confirmed, done through the
services, logged, and never twice."""

from __future__ import annotations

DINESH = "SELECT khata_balance_paise FROM customer WHERE name = 'Dinesh Verma'"


def _kinds(reply) -> list[str]:
    return [b.kind for b in reply.buttons]


def test_a_khata_payment_is_taken_back_only_on_a_second_yes(shop):
    owed = shop.scalar(DINESH)
    shop.assistant.ask("Dinesh ne 200 jama kiye")
    done = shop.assistant.ask("haan")
    assert shop.scalar(DINESH) == owed - 20000
    assert _kinds(done) == ["undo"]
    payment_id = shop.scalar("SELECT max(id) FROM payment")

    asked = shop.assistant.press(done.buttons[0].id)  # Undo: a question, nothing changed yet
    assert _kinds(asked) == ["confirm", "cancel"] and "₹200" in asked.text and "₹900" in asked.text
    assert shop.scalar(DINESH) == owed - 20000
    assert shop.assistant.ask("nahi").intent == "reject"  # turned down: still nothing changed
    assert shop.scalar(DINESH) == owed - 20000

    again = shop.assistant.press(done.buttons[0].id)
    taken = shop.assistant.press(again.buttons[0].id)
    assert "₹900" in taken.text and not taken.buttons
    assert shop.scalar(DINESH) == owed
    # append-only: the payment stays, a reversing row of the opposite amount nets it out
    assert shop.scalar("SELECT amount_paise FROM payment WHERE id = ?", (payment_id,)) == 20000
    assert shop.scalar("SELECT amount_paise FROM payment WHERE reference = ?", (f"reversal:{payment_id}",)) == -20000
    assert shop.scalar("SELECT sum(amount_paise) FROM khata_entry WHERE customer_id ="
                       " (SELECT id FROM customer WHERE name = 'Dinesh Verma')") == owed
    # logged: the payment is marked undone, and the undo itself is a confirmed action
    assert shop.scalar("SELECT status FROM assistant_action WHERE kind = 'khata_payment'") == "undone"
    assert shop.scalar("SELECT basis || ':' || status FROM assistant_action WHERE kind = 'undo_khata_payment'"
                       " AND status = 'done'") == "confirmed:done"
    assert shop.scalar("SELECT count(*) FROM event WHERE type = 'PaymentRecorded' AND data_json LIKE '%-20000%'"
                       " AND actor = 'seller' AND reason LIKE '%₹200 wapas lun%'") == 1
    # never twice
    twice = shop.assistant.press(done.buttons[0].id)
    assert "nothing to undo" in twice.text.lower() or "kuch nahi" in twice.text
    assert shop.scalar(DINESH) == owed


def test_an_undo_is_refused_when_the_khata_moved_since(shop):
    owed = shop.scalar(DINESH)
    shop.assistant.ask("received 100 rupees from dinesh")
    done = shop.assistant.ask("yes")
    asked = shop.assistant.press(done.buttons[0].id)
    shop.assistant.ask("dinesh verma paid 50")
    shop.assistant.ask("yes")
    assert shop.scalar(DINESH) == owed - 15000
    late = shop.assistant.press(asked.buttons[0].id)  # the question expired with the newer turns
    assert shop.scalar(DINESH) == owed - 15000
    assert "expired" in late.text or "already" in late.text


def test_a_new_customer_is_removed_on_a_confirmed_undo_in_hindi(shop):
    shop.assistant.ask("नया ग्राहक जोड़ो सुरेश पाल 9812312312")
    done = shop.assistant.ask("हाँ")
    assert shop.scalar("SELECT active FROM customer WHERE phone = '9812312312'") == 1
    asked = shop.assistant.press(done.buttons[0].id)
    assert _kinds(asked) == ["confirm", "cancel"]
    removed = shop.assistant.ask("हाँ")
    assert removed.lang == "hi" and "सुरेश पाल" in removed.text
    assert shop.scalar("SELECT active FROM customer WHERE phone = '9812312312'") == 0
    assert shop.scalar("SELECT count(*) FROM event WHERE type = 'CustomerSaved' AND actor = 'seller'") >= 2
    assert "already" not in shop.assistant.ask("add customer Farida Khan").text


def test_a_customer_with_a_payment_is_not_removed(shop):
    shop.assistant.ask("add customer Farida Khan 9811122233")
    done = shop.assistant.ask("yes")
    shop.assistant.ask("farida khan paid 100")
    shop.assistant.ask("yes")
    asked = shop.assistant.press(done.buttons[0].id)
    refused = shop.assistant.press(asked.buttons[0].id)
    assert "nothing was undone" in refused.text
    assert shop.scalar("SELECT active FROM customer WHERE name = 'Farida Khan'") == 1
