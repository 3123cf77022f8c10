"""``product labels``: a PDF of barcode labels, items without a barcode named with the reason."""

import json
import re

from app.main import run


def test_product_labels_writes_the_sheets_and_names_what_it_left_out(tmp_path, capsys):
    home = str(tmp_path / "home")

    def cli(*argv: str) -> tuple[int, str]:
        code = run(["--data-dir", home, "--shop", "kirana", *argv])
        return code, capsys.readouterr().out

    assert cli("init", "--name", "Sharma General Store", "--state", "27", "--scheme", "unregistered")[0] == 0
    assert cli("product", "add", "SALT1", "Tata Salt 1 kg", "--price", "28", "--mrp", "30",
               "--barcode", "8904000210037")[0] == 0
    assert cli("product", "add", "DAL1", "Toor Dal", "--price", "130", "--mrp", "140")[0] == 0
    pdf = tmp_path / "labels.pdf"
    code, out = cli("product", "labels", "SALT1:70", "DAL1", "--pdf", str(pdf), "--json")
    report = json.loads(out)
    assert code == 0 and report["labels"] == 70 and report["pages"] == 2
    assert report["skipped"][0]["sku"] == "DAL1" and "no barcode" in report["skipped"][0]["reason"]
    assert len(re.findall(rb"/Type /Page\s", pdf.read_bytes())) == 2
    code, out = cli("product", "labels", "SALT1", "--copies", "3", "--layout", "roll-50x25", "--pdf", str(pdf))
    assert code == 0 and out.startswith("3 labels on 3 pages")


def test_labels_in_a_label_printers_language_to_a_file_and_to_a_network_printer(tmp_path, capsys):
    import socket
    import threading

    home = str(tmp_path / "home")

    def cli(*argv: str) -> tuple[int, str]:
        code = run(["--data-dir", home, "--shop", "kirana", *argv])
        return code, capsys.readouterr().out

    assert cli("init", "--name", "Sharma General Store", "--state", "27", "--scheme", "unregistered")[0] == 0
    assert cli("product", "add", "SALT1", "Tata Salt 1 kg", "--price", "28", "--mrp", "30",
               "--barcode", "8904000210037")[0] == 0
    job = tmp_path / "labels.prn"
    code, out = cli("product", "labels", "SALT1:2", "--printer-language", "tspl", "--to", f"file:{job}", "--json")
    assert code == 0 and json.loads(out)["labels"] == 2
    text = job.read_text(encoding="ascii")
    assert 'BARCODE 105,38,"EAN13",90,1,0,2,2,"890400021003"' in text and "PRINT 1,2" in text

    server = socket.create_server(("127.0.0.1", 0))  # a label printer's raw port (9100 on a real one)
    received = bytearray()

    def printer() -> None:
        conn, _addr = server.accept()
        with conn:
            while chunk := conn.recv(4096):
                received.extend(chunk)

    thread = threading.Thread(target=printer)
    thread.start()
    port = server.getsockname()[1]
    code, out = cli("product", "labels", "SALT1", "--printer-language", "zpl", "--to", f"tcp:127.0.0.1:{port}")
    thread.join(10)
    server.close()
    assert code == 0 and out.startswith("1 labels sent to tcp:127.0.0.1")
    assert received.startswith(b"^XA") and b"^BEN,90,Y,N^FD890400021003^FS" in received and b"^PQ1" in received
    code, out = cli("product", "labels", "SALT1", "--printer-language", "zpl")
    assert code != 0
