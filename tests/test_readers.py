"""Tests of the input layer (etl/readers.py): files, folders, corpora, HTML, feeds and URLs."""

from __future__ import annotations

import json
import logging
import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from etl.readers import (
    DEFAULT_USER_AGENT,
    RawArticle,
    ReadError,
    iter_inputs,
    list_inputs,
    normalize_date,
    normalize_text,
    read_one,
)

# --------------------------------------------------------------------------- sample inputs

ARTICLE_HTML = """<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Market bombing kills 12 in Kandahar | Daily Herald</title>
<meta property="og:site_name" content="Daily Herald">
<meta property="og:title" content="Market bombing kills 12 in Kandahar">
<meta property="article:published_time" content="2016-01-12T10:00:00Z">
<link rel="canonical" href="https://www.dailyherald.example/world/market-bombing">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<main><article>
<h1>Market bombing kills 12 in Kandahar</h1>
<p>At least twelve people were killed and 30 wounded when a bomb exploded in a crowded market in
Kandahar on Tuesday, police said.</p>
<p>The explosion happened at around 10am local time, when the market was busy with shoppers buying
vegetables and bread. Officials said the toll could rise as several of the wounded were in a critical state.</p>
<p>No group has claimed responsibility for the attack so far, a spokesman for the provincial government
said on Tuesday evening.</p>
</article></main>
<aside><h3>Most read</h3><ul><li><a href="/a">Storm closes schools across the north</a></li>
<li><a href="/b">Minister resigns over tender scandal</a></li></ul></aside>
<footer><p>Copyright 2016 Daily Herald. All rights reserved. Contact us | Privacy policy</p></footer>
</body></html>
"""

STORY_2_HTML = """<!DOCTYPE html>
<html><head><title>Seven dead in clashes near Aleppo</title>
<meta property="og:site_name" content="Levant Post">
<meta name="date" content="2016-02-03">
</head><body><nav><a href="/">Front page</a> <a href="/region">Region</a></nav>
<article><h1>Seven dead in clashes near Aleppo</h1>
<p>Seven people, including two children, died in clashes between government forces and rebels near
Aleppo on Wednesday, a monitoring group said.</p>
<p>The group said at least fifteen others were wounded, some seriously, and that fighting went on
into the night around the villages north of the city.</p>
<p>Local hospitals appealed for blood donations as ambulances brought in more of the injured.</p>
</article><footer>Levant Post 2016</footer></body></html>
"""

LONG_CONTENT = (
    "<p>Three soldiers were killed and four injured when their patrol hit a roadside bomb in Helmand "
    "province on Monday, the defence ministry said in a statement.</p>"
    "<p>The ministry said the patrol was returning to its base near Lashkar Gah when the device exploded. "
    "The wounded were taken by helicopter to a military hospital and were said to be in a stable state.</p>"
    "<p>The Taliban said in a message to journalists that its fighters had planted the bomb, and that more "
    "attacks would follow on the road, which links the provincial capital with the district centres.</p>"
)


def rss_feed(base: str) -> str:
    """A news RSS feed: one full entry, one teaser whose page exists, one teaser whose page is gone."""
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Regional Wire</title><link>{base}/</link><description>News from the region</description>
<item><title>Three soldiers killed in Helmand blast</title><link>{base}/helmand.html</link>
<guid>wire-1001</guid><pubDate>Mon, 11 Jan 2016 08:30:00 +0000</pubDate>
<description>Three soldiers were killed...</description>
<content:encoded><![CDATA[{LONG_CONTENT}]]></content:encoded></item>
<item><title>Seven dead in clashes near Aleppo</title><link>{base}/story-2.html</link>
<guid>wire-1002</guid>
<description>Seven people, including two children, died in clashes near Aleppo on Wednesday [&#8230;]
</description></item>
<item><title>Ferry capsizes off the coast</title><link>{base}/missing.html</link>
<guid>wire-1003</guid><pubDate>Thu, 04 Feb 2016 12:00:00 +0000</pubDate>
<description>A ferry carrying dozens of passengers capsized...</description></item>
</channel></rss>
"""


ATOM_FEED = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
<title>Border Monitor</title><id>urn:border-monitor</id><updated>2016-03-01T09:00:00Z</updated>
<entry><title>Shelling hits border villages</title><id>urn:bm:1</id>
<published>2016-03-01T07:15:00Z</published><updated>2016-03-01T09:00:00Z</updated>
<content type="html">{LONG_CONTENT.replace("<", "&lt;").replace(">", "&gt;")}</content></entry>
</feed>
"""


# --------------------------------------------------------------------------- local HTTP server


class Server:
    """A local HTTP server (127.0.0.1, ephemeral port) serving canned routes in a thread."""

    def __init__(self) -> None:
        self.release = threading.Event()
        self.user_agents: list[str] = []
        self.routes: dict[str, tuple[int, str, bytes]] = {}
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:  # noqa: N802 - the http.server API
                server.user_agents.append(self.headers.get("User-Agent", ""))
                if self.path == "/slow":
                    server.release.wait(5)
                if self.path.startswith("/drip"):  # one byte every 0.2 s, 40 bytes at most (bounded)
                    try:
                        if self.path == "/drip-headers":
                            for byte in b"HTTP/1.1 200 OK\r\nX-Slow: " + b"a" * 30:
                                self.wfile.write(bytes([byte]))
                                self.wfile.flush()
                                time.sleep(0.2)
                            return
                        self.send_response(200)
                        self.send_header("Content-Type", "text/plain")
                        self.end_headers()
                        for _ in range(40):
                            self.wfile.write(b"x")
                            self.wfile.flush()
                            time.sleep(0.2)
                    except OSError:
                        pass
                    return
                if self.path == "/huge":  # over 10 MB, streamed without a Content-Length
                    self.send_response(200)
                    self.send_header("Content-Type", "text/html")
                    self.end_headers()
                    block = b"<p>" + b"casualty report " * 65_000 + b"</p>\n"
                    try:
                        for _ in range(12):
                            self.wfile.write(block)
                    except OSError:
                        pass
                    return
                status, content_type, body = server.routes.get(self.path, (404, "text/plain", b"not found"))
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", content_type)
                    self.send_header("Content-Length", str(len(body)))
                    self.send_header("Last-Modified", "Wed, 01 Jun 2022 10:00:00 GMT")
                    self.end_headers()
                    self.wfile.write(body)
                except OSError:
                    pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def url(self, path: str) -> str:
        return self.base + path


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    srv = Server()
    nodate = ARTICLE_HTML.replace('<meta property="article:published_time" content="2016-01-12T10:00:00Z">', "")
    srv.routes.update(
        {
            "/article.html": (200, "text/html; charset=utf-8", ARTICLE_HTML.encode()),
            "/nodate.html": (200, "text/html", nodate.encode()),
            "/story-2.html": (200, "text/html; charset=utf-8", STORY_2_HTML.encode()),
            "/feed.xml": (200, "application/rss+xml", rss_feed(srv.base).encode()),
            "/feed-as-html": (200, "text/html", rss_feed(srv.base).encode()),
            "/atom": (200, "application/atom+xml", ATOM_FEED.encode()),
            "/error": (500, "text/html", b"<h1>Internal Server Error</h1>"),
            "/big.html": (200, "text/html", b"<p>" + b"x" * 200_000 + b"</p>"),
            "/logo.png": (200, "image/png", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4),
            "/corpus.jsonl": (200, "application/x-ndjson", b'{"id": "u1", "text": "Two killed in raid."}\n'),
        }
    )
    srv.thread.start()
    yield srv
    srv.release.set()
    srv.httpd.shutdown()
    srv.httpd.server_close()


@pytest.fixture(autouse=True)
def _no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    """Local requests must not go through a proxy that the environment may name."""
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")


# --------------------------------------------------------------------------- helpers


def read(path: Path | str, **kwargs: object) -> list[RawArticle | ReadError]:
    return list(read_one(str(path), **kwargs))


def articles(items: list) -> list[RawArticle]:
    return [item for item in items if isinstance(item, RawArticle)]


def errors(items: list) -> list[ReadError]:
    return [item for item in items if isinstance(item, ReadError)]


def only_error(items: list) -> ReadError:
    assert len(items) == 1 and isinstance(items[0], ReadError), items
    return items[0]


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode(encoding))
    return path


# --------------------------------------------------------------------------- corpora


def test_jsonl_reads_records_and_reports_bad_lines(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "a1", "text": "Five killed in Mosul attack.\r\n\r\n\r\n\r\nPolice said.", "title": "Mosul",
                    "published": "2016-01-12T10:00:00Z", "url": "https://news.example/a1", "source": "Wire"}),
        '{"id": "a2", "text": "Broken line" "published": "2016-01-13"}',
        json.dumps({"id": "a3", "text": "Two soldiers wounded.", "published": "12 January 2016"}),
        "",
        json.dumps({"id": "a4", "text": "   "}),
        json.dumps({"id": "a5", "title": "No text here"}),
        json.dumps({"id": 6, "Text": "Eleven\u200b dead.", "published": "sometime last week"}),
        json.dumps(["not", "an", "object"]),
    ]  # fmt: skip
    path = write(tmp_path / "corpus.jsonl", "\n".join(lines) + "\n")
    items = read(path)
    good = articles(items)
    assert [a.source_id for a in good] == ["a1", "a3", "6"]
    first = good[0]
    assert first.text == "Five killed in Mosul attack.\n\nPolice said."
    assert (first.title, first.url, first.source, first.published) == (
        "Mosul", "https://news.example/a1", "Wire", "2016-01-12",
    )  # fmt: skip
    assert first.origin == f"{path}:1"
    assert good[1].published == "2016-01-12"
    assert good[2].text == "Eleven dead." and good[2].published is None
    bad = {e.origin: e.reason for e in errors(items)}
    assert set(bad) == {f"{path}:2", f"{path}:5", f"{path}:6", f"{path}:8"}
    assert bad[f"{path}:2"].startswith("not valid JSON at line 2: Expecting ',' delimiter")
    assert "no text at line 5" in bad[f"{path}:5"]
    assert "no text at line 6" in bad[f"{path}:6"]
    assert "not an object" in bad[f"{path}:8"]
    assert all(str(path) in str(e) for e in errors(items))


def test_jsonl_record_over_the_cap_is_an_error_for_that_record_only(tmp_path: Path) -> None:
    path = tmp_path / "big.ndjson"
    records = [{"id": "small", "text": "One killed."}, {"id": "huge", "text": "word " * 400}]
    write(path, "\n".join(json.dumps(r) for r in records))
    items = read(path, max_bytes=1000)
    assert [a.source_id for a in articles(items)] == ["small"]
    error = errors(items)[0]
    assert error.origin == f"{path}:2" and "is 2.0 KB, over the 1000 bytes cap for one article" in error.reason


def test_csv_with_quoted_multiline_fields_and_header_aliases(tmp_path: Path) -> None:
    text = (
        'ID,Title,Body,Date,Source\r\n'
        'c1,"Raid in Idlib","Four civilians were killed in an air raid.\r\n\r\n'
        'Rescuers said the toll, ""at least four"", could rise.",2016-01-12,Idlib Today\r\n'
        'c2,Quiet day,,2016-01-13,Idlib Today\r\n'
        'c3,"Border clash","Two guards died.",13 January 2016,Frontier News\r\n'
    )  # fmt: skip
    path = write(tmp_path / "reports.csv", text)
    items = read(path)
    good = articles(items)
    assert [a.source_id for a in good] == ["c1", "c3"]
    assert good[0].text == (
        'Four civilians were killed in an air raid.\n\nRescuers said the toll, "at least four", could rise.'
    )
    assert (good[0].title, good[0].source, good[0].published) == ("Raid in Idlib", "Idlib Today", "2016-01-12")
    assert good[0].origin == f"{path}:2"
    assert good[1].origin == f"{path}:6" and good[1].published == "2016-01-13"
    error = only_error(errors(items))
    assert error.origin == f"{path}:5" and "no text at line 5" in error.reason


def test_tsv_and_semicolon_csv(tmp_path: Path) -> None:
    tsv = write(tmp_path / "a.tsv", "id\ttext\tpublished\nt1\tNine killed in Kabul.\t2016/01/12\n")
    semicolon = write(tmp_path / "b.csv", "id;content\ns1;Two injured in Gao.\n")
    assert [(a.source_id, a.text, a.published) for a in articles(read(tsv))] == [
        ("t1", "Nine killed in Kabul.", "2016-01-12"),
    ]
    assert [(a.source_id, a.text) for a in articles(read(semicolon))] == [("s1", "Two injured in Gao.")]


def test_csv_without_text_column_or_rows(tmp_path: Path) -> None:
    no_text = write(tmp_path / "no_text.csv", "id,headline\n1,Something\n")
    error = only_error(read(no_text))
    assert error.origin == str(no_text) and "no text column" in error.reason and "headline" in error.reason
    header_only = write(tmp_path / "header_only.csv", "id,text\n")
    assert only_error(read(header_only)).reason == "CSV has a header but no rows"


# --------------------------------------------------------------------------- single documents


def test_txt_title_detection(tmp_path: Path) -> None:
    titled = write(tmp_path / "titled.txt", "Bomb kills 5 in Quetta\n\nFive people were killed.\n\n\n\nPolice said.\n")
    untitled = write(tmp_path / "untitled.txt", "Five people were killed.\n\nPolice said so on Monday.")
    one_line = write(tmp_path / "one.txt", "Five people were killed in Quetta")
    [a] = read(titled)
    assert (a.title, a.text, a.source_id, a.origin, a.published) == (
        "Bomb kills 5 in Quetta", "Five people were killed.\n\nPolice said.", str(titled), str(titled), None,
    )  # fmt: skip
    [b] = read(untitled)
    assert b.title is None and b.text.startswith("Five people were killed.\n\n")
    [c] = read(one_line)
    assert c.title is None and c.text == "Five people were killed in Quetta"


def test_html_page_main_text_and_metadata(tmp_path: Path) -> None:
    path = write(tmp_path / "page.html", ARTICLE_HTML)
    [article] = read(path)
    assert isinstance(article, RawArticle)
    assert article.title == "Market bombing kills 12 in Kandahar"
    assert article.source == "Daily Herald"
    assert article.published == "2016-01-12"
    assert article.url == "https://www.dailyherald.example/world/market-bombing"
    assert article.text.startswith("At least twelve people were killed and 30 wounded")
    assert article.text.count("\n\n") == 2
    for boilerplate in ("Home", "Most read", "Storm closes schools", "Copyright", "<p>"):
        assert boilerplate not in article.text


def test_truncated_html_still_gives_its_text(tmp_path: Path) -> None:
    cut = ARTICLE_HTML[: ARTICLE_HTML.index("No group has claimed") + 25]
    path = write(tmp_path / "cut.htm", cut)
    [article] = read(path)
    assert isinstance(article, RawArticle), article
    assert "At least twelve people were killed" in article.text
    assert article.title == "Market bombing kills 12 in Kandahar"


def test_table_layout_html_falls_back_to_a_body_strip(tmp_path: Path) -> None:
    cells = "".join(
        f"<tr><td>Report {n}: Gunmen attacked a checkpoint and killed {n} policemen, officials said.</td></tr>"
        for n in range(2, 7)
    )
    page = f"<html><head><title>Attacks</title></head><body><table>{cells}</table><footer>Site footer</footer></body>"
    [article] = read(write(tmp_path / "old.html", page))
    assert isinstance(article, RawArticle), article
    assert "killed 2 policemen" in article.text and "killed 6 policemen" in article.text
    assert "Site footer" not in article.text and article.title == "Attacks"


def test_degenerate_html_is_an_error(tmp_path: Path) -> None:
    path = write(tmp_path / "stub.html", "<html><head><title>Loading</title></head><body><div id='app'>")
    error = only_error(read(path))
    assert (error.origin, error.reason) == (str(path), "no article text found in HTML")


def test_feed_files_rss_and_atom(tmp_path: Path) -> None:
    full = rss_feed("https://wire.example").split("<item>")
    rss = write(tmp_path / "wire.rss", "<item>".join(full[:2]) + "</channel></rss>")
    [entry] = read(rss)
    assert isinstance(entry, RawArticle), entry
    assert (entry.title, entry.source, entry.published, entry.url, entry.source_id, entry.origin) == (
        "Three soldiers killed in Helmand blast", "Regional Wire", "2016-01-11",
        "https://wire.example/helmand.html", "wire-1001", f"{rss}#1",
    )  # fmt: skip
    assert entry.text.startswith("Three soldiers were killed and four injured") and entry.text.count("\n\n") == 2
    [atom] = read(write(tmp_path / "monitor.atom", ATOM_FEED))
    assert (atom.title, atom.source) == ("Shelling hits border villages", "Border Monitor")
    assert atom.published == "2016-03-01"


def test_broken_feed_is_an_error(tmp_path: Path) -> None:
    path = write(tmp_path / "broken.xml", '<?xml version="1.0"?>\n<rss version="2.0"><channel><title>Wire</ti')
    error = only_error(read(path))
    assert error.origin == str(path) and error.reason.startswith("not a readable RSS/Atom feed: ")


def test_unknown_extensions_are_sniffed(tmp_path: Path) -> None:
    jsonl = write(tmp_path / "dump.data", '{"id": "x1", "text": "Three killed."}\n{"id": "x2", "text": "One hurt."}\n')
    html = write(tmp_path / "page.php", ARTICLE_HTML)
    feed = write(tmp_path / "feed.cgi", ATOM_FEED)
    text = write(tmp_path / "README", "Notes on the raid\n\nSix killed, officials said.")
    assert [a.source_id for a in articles(read(jsonl))] == ["x1", "x2"]
    assert read(html)[0].source == "Daily Herald"
    assert read(feed)[0].source == "Border Monitor"
    assert read(text)[0].title == "Notes on the raid"


# --------------------------------------------------------------------------- files: edge cases


def test_folders_are_read_recursively_sorted_without_hidden_files(tmp_path: Path) -> None:
    root = tmp_path / "inputs"
    write(root / "b.txt", "Two killed.")
    write(root / "a" / "z.txt", "One killed.")
    write(root / "a" / "deeper" / "c.jsonl", '{"id": "j1", "text": "Four killed."}\n')
    write(root / ".hidden.txt", "secret")
    write(root / ".git" / "config.txt", "secret")
    url = "https://news.example/story"
    listed = list_inputs([str(root), url])
    assert listed == [
        str(root / "a" / "deeper" / "c.jsonl"), str(root / "a" / "z.txt"), str(root / "b.txt"), url,
    ]  # fmt: skip
    texts = [a.text for a in articles(list(iter_inputs([str(root)])))]
    assert texts == ["Four killed.", "One killed.", "Two killed."]


def test_missing_path_is_an_error(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere" / "story.txt"
    error = only_error(read(missing))
    assert (error.origin, error.reason, error.stage) == (str(missing), "no such file or folder", "read")
    assert str(error) == f"{missing}: no such file or folder"


def test_empty_files_are_errors(tmp_path: Path) -> None:
    for name, content in [("zero.txt", ""), ("blank.html", " \n\t\n"), ("blank.jsonl", "\n\n"), ("blank.csv", "\n")]:
        path = write(tmp_path / name, content)
        error = only_error(read(path))
        assert (error.origin, error.reason) == (str(path), "empty file"), name


def test_binary_files_are_errors(tmp_path: Path) -> None:
    png = tmp_path / "photo.txt"
    png.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200))
    pdf = tmp_path / "report.html"
    pdf.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    blob = tmp_path / "blob.jsonl"
    blob.write_bytes(b'{"id": 1}\x00\x01\x02' * 50)
    error = only_error(read(png))
    assert (error.origin, error.reason) == (str(png), "binary file, not text (looks like PNG)")
    error = only_error(read(pdf))
    assert (error.origin, error.reason) == (str(pdf), "binary file, not text (looks like PDF)")
    error = only_error(read(blob))
    assert error.origin == str(blob) and error.reason == "binary file, not text (18% control characters)"


def test_a_nul_in_a_corpus_line_refuses_that_line_only(tmp_path: Path) -> None:
    """Near the start of the file or far into it, a raw NUL costs one record, not the whole corpus."""
    good = '{"id": "g%d", "text": "Two soldiers were wounded in a blast near Gao on Monday."}\n'
    for head in (True, False):
        lines = [good % i for i in range(200)]
        lines.insert(1 if head else 150, '{"id": "bad", "text": "Three \x00 were killed."}\n')
        corpus = tmp_path / f"nul-{head}.jsonl"
        corpus.write_bytes("".join(lines).encode())
        items = read(corpus)
        errors = [i for i in items if isinstance(i, ReadError)]
        assert len(items) == 201 and len(errors) == 1
        assert errors[0].origin == f"{corpus}:{2 if head else 151}"


def test_an_empty_folder_or_one_with_only_a_readme_is_an_error(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "README.md").write_text("# Articles go here\n", encoding="utf-8")
    for folder in (empty, docs):
        error = only_error(list(iter_inputs([str(folder)])))
        assert error.origin == str(folder) and "holds no article files" in error.reason


def test_latin1_and_cp1252_files_are_decoded(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    latin1 = write(tmp_path / "latin1.txt", "Attentat à Paris\n\nLe préfet a parlé de 12 blessés.", "latin-1")
    cp1252 = write(tmp_path / "cp1252.txt", "The army’s statement said “four” were killed – Ouagadougou.", "cp1252")
    corpus = write(tmp_path / "mixed.jsonl", '{"id": "m1", "text": "Le préfet l’a dit."}\n', "cp1252")
    bom = write(tmp_path / "bom.txt", "\ufeffZürich: two hurt.")
    with caplog.at_level(logging.WARNING, logger="etl.readers"):
        [a] = read(latin1)
        [b] = read(cp1252)
        [c] = read(corpus)
        [d] = read(bom)
    assert (a.title, a.text) == ("Attentat à Paris", "Le préfet a parlé de 12 blessés.")
    assert b.text == "The army’s statement said “four” were killed – Ouagadougou."
    assert c.text == "Le préfet l’a dit."
    assert d.text == "Zürich: two hurt."
    warned = caplog.text
    assert "latin1.txt is not valid UTF-8" in warned and "mixed.jsonl is not valid UTF-8" in warned
    assert "bom.txt" not in warned


def test_html_charsets(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    body = "<article><h1>{title}</h1><p>{p1}</p><p>{p2}</p></article>"
    russian = {
        "title": "Взрыв в Грозном",
        "p1": "В результате взрыва в Грозном погибли по меньшей мере пять человек, сообщили в полиции во вторник.",
        "p2": "Ещё двенадцать человек получили ранения, некоторые из них в тяжёлом состоянии, добавили в ведомстве.",
    }
    page = f'<html><head><meta charset="windows-1251"><title>{russian["title"]}</title></head><body>'
    page += body.format(**russian) + "</body></html>"
    cp1251 = tmp_path / "grozny.html"
    cp1251.write_bytes(page.encode("cp1251"))
    french = {
        "title": "Attentat à Bamako",
        "p1": "Au moins vingt personnes ont été tuées lors de l’attaque d’un hôtel de Bamako vendredi, selon l’armée.",
        "p2": "Les forces spéciales ont libéré les otages après plusieurs heures, a précisé le ministère malien.",
    }
    mislabelled = tmp_path / "bamako.html"  # says latin-1, is UTF-8
    mislabelled.write_bytes(
        f'<html><head><meta charset="iso-8859-1"></head><body>{body.format(**french)}</body></html>'.encode()
    )
    with caplog.at_level(logging.WARNING, logger="etl.readers"):
        [a] = read(cp1251)
        [b] = read(mislabelled)
    assert a.title == "Взрыв в Грозном" and a.text.startswith("В результате взрыва в Грозном погибли")
    assert b.text.startswith("Au moins vingt personnes ont été tuées lors de l’attaque")
    assert "not valid UTF-8" not in caplog.text  # both were decoded as they should be


def test_a_50_mb_text_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.write(b"Huge report\n\n" + b"Casualty figures from the front, to follow.\n" * 1000)
        handle.truncate(50_000_000)  # sparse: fast to make; only the size and the first 8 KB are looked at
    started = time.perf_counter()
    error = only_error(read(path))
    assert time.perf_counter() - started < 1.0
    assert (error.origin, error.reason) == (str(path), "file is 50.0 MB, over the 10 MB cap for one article")


def test_normalize_text_and_dates() -> None:
    assert normalize_text("  One\r\ntwo\u200b\x00\r\n\r\n \xa0\r\n\r\nthree \n\n  ") == "One\ntwo\n\nthree"
    assert normalize_date("2016-01-12T23:30:00-05:00") == "2016-01-12"
    assert normalize_date("Tue, 12 Jan 2016 10:00:00 +0000") == "2016-01-12"
    assert normalize_date("January 12, 2016") == "2016-01-12"
    assert normalize_date("03/04/2016") is None  # day and month can't be told apart
    assert normalize_date("2016-02-30") is None
    assert normalize_date("recently") is None


def test_iter_inputs_goes_on_after_bad_inputs(tmp_path: Path) -> None:
    good = write(tmp_path / "good.txt", "Six killed in Gao.")
    empty = write(tmp_path / "empty.txt", "")
    items = list(iter_inputs([str(tmp_path / "missing.csv"), str(empty), str(good), "ftp://files.example/x"]))
    assert [type(i).__name__ for i in items] == ["ReadError", "ReadError", "RawArticle", "ReadError"]
    assert items[2].text == "Six killed in Gao."
    assert items[3].reason == "unsupported URL scheme (only http and https)"


# --------------------------------------------------------------------------- URLs


def test_url_page(server: Server) -> None:
    url = server.url("/article.html")
    [article] = read(url)
    assert isinstance(article, RawArticle), article
    assert (article.source_id, article.origin, article.url) == (url, url, url)
    assert article.title == "Market bombing kills 12 in Kandahar" and article.published == "2016-01-12"
    assert article.source == "Daily Herald"
    assert "Most read" not in article.text and article.text.startswith("At least twelve people")
    assert server.user_agents[-1] == DEFAULT_USER_AGENT


def test_url_last_modified_is_not_a_publication_date(server: Server) -> None:
    [article] = read(server.url("/nodate.html"))
    assert isinstance(article, RawArticle) and article.published is None


def test_url_http_error(server: Server) -> None:
    url = server.url("/error")
    error = only_error(read(url))
    assert (error.origin, error.reason) == (url, "HTTP 500 Internal Server Error")


def test_url_timeout(server: Server) -> None:
    url = server.url("/slow")
    started = time.perf_counter()
    error = only_error(read(url, timeout=0.5))
    assert time.perf_counter() - started < 3
    assert (error.origin, error.reason) == (url, "timed out after 0.5 s")


@pytest.mark.parametrize("path", ["/drip", "/drip-headers"])
def test_a_dripping_server_is_cut_at_the_total_budget(server: Server, path: str) -> None:
    """A byte every 0.2 s never trips a per-read timeout; the download's total budget cuts it all the same."""
    url = server.url(path)
    started = time.perf_counter()
    error = only_error(read(url, timeout=1.0))
    assert time.perf_counter() - started < 2.5
    assert (error.origin, error.reason) == (url, "timed out after 1 s")


def test_a_feed_shares_one_budget_across_its_linked_articles(server: Server) -> None:
    """Teasers linking to dripping pages: the feed's budget ends the fetches, each entry says so."""
    feed = rss_feed(server.base).replace("/story-2.html", "/drip").replace("/missing.html", "/drip")
    server.routes["/feed-dripping.xml"] = (200, "application/rss+xml", feed.encode())
    started = time.perf_counter()
    items = read(server.url("/feed-dripping.xml"), timeout=1.0, feed_timeout=1.5)
    assert time.perf_counter() - started < 3.5
    errors = [i for i in items if isinstance(i, ReadError)]
    assert len(items) == 3 and len(errors) == 2
    assert "timed out after 1 s" in errors[0].reason
    assert "the feed's time budget of 1.5 s was spent" in errors[1].reason


def test_url_over_the_size_cap(server: Server) -> None:
    url = server.url("/huge")
    error = only_error(read(url))
    assert (error.origin, error.reason) == (url, "larger than the 10 MB cap")
    declared = server.url("/big.html")
    error = only_error(read(declared, max_bytes=100_000))
    assert error.origin == declared and error.reason.startswith("larger than the 0.1 MB cap")


def test_url_connection_refused_and_binary(server: Server) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}/story"
    error = only_error(read(url, timeout=2))
    assert error.origin == url and error.reason.startswith("could not connect")
    png = server.url("/logo.png")
    error = only_error(read(png))
    assert error.origin == png and error.reason.startswith("binary content, not text (looks like PNG")


def test_url_corpus(server: Server) -> None:
    url = server.url("/corpus.jsonl")
    [article] = read(url)
    assert (article.source_id, article.origin) == ("u1", f"{url}:1")


def test_url_feed_fetches_pages_of_summary_only_entries(server: Server) -> None:
    feed_url = server.url("/feed.xml")
    items = read(feed_url)
    assert [type(i).__name__ for i in items] == ["RawArticle", "RawArticle", "ReadError"]
    full, fetched, failed = items
    assert full.text.startswith("Three soldiers were killed and four injured")  # from content:encoded
    assert (full.source, full.published, full.origin) == ("Regional Wire", "2016-01-11", f"{feed_url}#1")
    assert fetched.url == server.url("/story-2.html") and fetched.source_id == "wire-1002"
    assert fetched.text.startswith("Seven people, including two children, died in clashes")
    assert "fighting went on into the night" in fetched.text and "Front page" not in fetched.text
    assert (fetched.title, fetched.source, fetched.published) == (
        "Seven dead in clashes near Aleppo", "Regional Wire", "2016-02-03",
    )  # fmt: skip
    assert failed.origin == f"{feed_url}#3"
    assert failed.reason == f"could not fetch the full article {server.url('/missing.html')}: HTTP 404 Not Found"


def test_url_feed_recognised_by_its_content(server: Server) -> None:
    items = read(server.url("/feed-as-html"))
    assert [type(i).__name__ for i in items] == ["RawArticle", "RawArticle", "ReadError"]
    [atom] = read(server.url("/atom"))
    assert atom.source == "Border Monitor"
