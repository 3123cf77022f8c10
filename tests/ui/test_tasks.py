import threading

from PySide6.QtCore import QObject, Slot

from app.errors import InputError
from app.ui.tasks import LatestOnly, ProgressRelay, run_in_background, wait_for_tasks


def test_result_arrives_on_the_gui_thread(qtbot):
    gui = threading.get_ident()
    seen = {}

    def op():
        seen["op_thread"] = threading.get_ident()
        return 42

    def done(result):
        seen["result"], seen["done_thread"] = result, threading.get_ident()

    run_in_background(op, done)
    qtbot.waitUntil(lambda: "result" in seen)
    assert seen["result"] == 42
    assert seen["op_thread"] != gui
    assert seen["done_thread"] == gui


def test_errors_reach_on_error(qtbot):
    errors = []

    def op():
        raise InputError("The quantity must be more than zero.", hint="Type 1 or more.")

    run_in_background(op, lambda _r: errors.append("done?!"), errors.append)
    qtbot.waitUntil(lambda: bool(errors))
    assert isinstance(errors[0], InputError) and errors[0].hint == "Type 1 or more."


def _let_go_on(freed: list[bool]) -> object:
    class Held:  # stands for a widget the work's closure holds: Qt crashes if one is deleted off the GUI thread
        def __del__(self) -> None:
            freed.append(threading.current_thread() is threading.main_thread())

    return Held()


def test_the_work_and_its_result_are_let_go_on_the_gui_thread(qtbot):
    """A dialog that asked and was closed before the answer: the closure held its last reference, and the
    worker dropped it, deleting the widget on the worker thread (a crash of the suite under load)."""
    freed: list[bool] = []
    done = []

    def start() -> None:
        held = _let_go_on(freed)
        run_in_background(lambda: held and _let_go_on(freed), lambda _result: done.append(1))

    start()
    qtbot.waitUntil(lambda: bool(done) and len(freed) == 2, timeout=5_000)
    assert freed == [True, True]


def test_a_failed_work_is_let_go_on_the_gui_thread(qtbot):
    freed: list[bool] = []
    errors: list[BaseException] = []

    def start() -> None:
        held = _let_go_on(freed)

        def op() -> None:
            raise InputError(f"nothing for {held!r}")

        run_in_background(op, lambda _r: None, errors.append)

    start()
    qtbot.waitUntil(lambda: bool(errors), timeout=5_000)
    errors.clear()  # the error's traceback holds the closure's frame, and with it the held object
    qtbot.waitUntil(lambda: bool(freed), timeout=5_000)
    assert freed == [True]


def test_a_dialog_held_only_by_its_callback_goes_while_the_relay_is_whole(qtbot):
    """A dialog that asked, closed and dropped by everyone else: its bound method, the callback, held its last
    reference. The relay kept it until its own deferred deletion; the dialog then went halfway through the
    relay's destructor and its ``destroyed`` signal reached the half-deleted relay (a segmentation fault in the
    courier window's test). Now the dialog goes when the answer is delivered."""
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QDialog

    shown: list[int] = []
    gone: list[bool] = []

    class Asking(QDialog):
        def got(self, result: int) -> None:
            shown.append(result)

    def start() -> None:
        dialog = Asking()
        dialog.destroyed.connect(lambda: gone.append(True))
        run_in_background(lambda: 7, dialog.got, owner=dialog)

    start()
    qtbot.waitUntil(lambda: shown == [7], timeout=5_000)
    wait_for_tasks()
    assert gone == [True]  # gone on delivery, not with the relay
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    qtbot.wait(20)


def test_latest_only_drops_an_older_slower_answer(qtbot):
    release = threading.Event()
    shown = []
    runner = LatestOnly()

    def slow():
        release.wait(5)
        return "old"

    runner.run(slow, shown.append)
    runner.run(lambda: "new", shown.append)
    qtbot.waitUntil(lambda: shown == ["new"])
    release.set()
    wait_for_tasks()
    qtbot.wait(50)  # let the old result's queued delivery run
    assert shown == ["new"]


def test_no_callback_after_the_owner_is_gone(qtbot):
    release = threading.Event()
    owner = QObject()
    calls = []
    run_in_background(lambda: release.wait(5), calls.append, owner=owner)
    owner.deleteLater()
    qtbot.waitUntil(lambda: _deleted(owner))
    release.set()
    wait_for_tasks()
    qtbot.wait(50)
    assert calls == []


def _deleted(obj: QObject) -> bool:
    import shiboken6

    return not shiboken6.isValid(obj)


class _Receiver(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.reports: list[tuple[float, str, int]] = []

    @Slot(float, str)
    def report(self, fraction: float, text: str) -> None:
        self.reports.append((fraction, text, threading.get_ident()))


def test_progress_reports_cross_to_the_gui_thread(qtbot):
    receiver = _Receiver()
    relay = ProgressRelay()
    relay.changed.connect(receiver.report)

    def work():
        relay(0.5, "Adding items")
        relay(1.0, "Done")

    run_in_background(work, lambda _r: None)
    qtbot.waitUntil(lambda: len(receiver.reports) == 2)
    assert [(f, t) for f, t, _thread in receiver.reports] == [(0.5, "Adding items"), (1.0, "Done")]
    assert {thread for *_rest, thread in receiver.reports} == {threading.get_ident()}


def test_background_reads_reuse_their_threads_connections(qtbot, session):
    """Qt's pool threads get a fresh Python thread state (and an empty threading.local) for each task: each read
    in the background opened one more connection, never closed, 13 a barcode scanned and 50 MB a bill."""
    store = session.store
    idents: list[int] = []
    for _ in range(40):
        run_in_background(lambda: (store.db().execute("SELECT COUNT(*) FROM product").fetchone(),
                                   threading.get_ident())[1], idents.append)
        assert wait_for_tasks()
    qtbot.waitUntil(lambda: len(idents) == 40)
    assert len(store._all) <= len(set(idents)) + 1  # one a pool thread, and the test's own
