"""PDFs are made from our templates, where students, families and employers write text (convention, vœux).
Autoescaping keeps that text out of tags today; WeasyPrint must still never fetch a URL a document names
(http to our own network, file:// on this machine): a template change must not become SSRF or a file read."""
from __future__ import annotations

import socket
import threading

from mps.web.pdf import html_to_pdf


def test_a_document_naming_urls_is_rendered_without_fetching_any():
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    listener.settimeout(0.2)
    port, accepted, done = listener.getsockname()[1], [], threading.Event()

    def accept():
        while not done.is_set():
            try:
                connection = listener.accept()[0]
            except TimeoutError:
                continue
            accepted.append(connection.recv(200))
            connection.close()
    thread = threading.Thread(target=accept)
    thread.start()
    try:
        pdf = html_to_pdf(f"""<html><head><link rel="stylesheet" href="http://127.0.0.1:{port}/style.css">
            <style>@import url("http://127.0.0.1:{port}/import.css");</style></head><body>
            <img src="http://127.0.0.1:{port}/pixel.png"><img src="file:///etc/passwd">
            <p style="background: url('http://127.0.0.1:{port}/bg.png')">Convention</p></body></html>""")
    finally:
        done.set()
        thread.join()
        listener.close()
    assert pdf.startswith(b"%PDF")
    assert accepted == []
