"""The input layer: turn files, folders and URLs into raw articles or read errors.

Supported inputs: JSONL/NDJSON and CSV/TSV corpora (streamed record by record), plain-text files,
HTML pages (main text by trafilatura), RSS/Atom feeds (feedparser; summary-only entries get their
page fetched) and http(s) URLs serving any of these. Nothing here raises for bad input: every
problem becomes a `ReadError` naming the file, corpus line or URL and the reason, and reading goes
on with the rest.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import email.utils
import functools
import http.client
import io
import json
import logging
import os
import re
import socket
import threading
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from http import HTTPStatus
from pathlib import Path
from typing import IO, Any
from urllib.parse import urljoin, urlparse

import feedparser
import htmldate
import lxml.etree
import lxml.html
import requests
import requests.adapters
import trafilatura
import urllib3
import urllib3.connection

logger = logging.getLogger(__name__)

DEFAULT_USER_AGENT = "casualty-stats/0.1 (+https://example.org/casualty-stats; research crawler)"

HEAD_BYTES = 8192
MAX_BYTES = 10_000_000
"""Largest input document (a page, a .txt, a feed) and largest record of a corpus: one cap, everywhere."""
TIMEOUT = 15.0
"""Total time budget of one download (connect, headers and body together), in seconds."""
EMPTY_FOLDER = "folder holds no article files (nothing, or only README, licence or hidden files)"
FEED_TIMEOUT = 120.0
"""Total time budget of one feed: its own download and every linked article it fetches, in seconds."""
TITLE_MAX_CHARS = 150
TEASER_MAX_CHARS = 400
MIN_FALLBACK_CHARS = 200

CORPUS_EXTENSIONS = {".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".tsv": "tsv"}
DOCUMENT_EXTENSIONS = {
    ".txt": "text", ".text": "text",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".xml": "feed", ".rss": "feed", ".atom": "feed",
}  # fmt: skip

BINARY_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "PDF"),
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"),
    (b"PK\x03\x04", "ZIP"),
    (b"PK\x05\x06", "ZIP"),
    (b"\x1f\x8b", "GZIP"),
    (b"BZh", "BZIP2"),
    (b"\xfd7zXZ\x00", "XZ"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip"),
    (b"Rar!\x1a\x07", "RAR"),
    (b"\x28\xb5\x2f\xfd", "Zstandard"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "MS Office (OLE2)"),
    (b"SQLite format 3\x00", "SQLite"),
    (b"\x7fELF", "ELF executable"),
    (b"PAR1", "Parquet"),
    (b"ID3", "MP3"),
    (b"OggS", "Ogg"),
    (b"\x00asm", "WebAssembly"),
)
UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\x00"))
TEXT_KEYS = ("text", "body", "content")
DATE_KEYS = ("published", "date")


@dataclass
class RawArticle:
    """One article as read, before any parsing: plain text plus what the input says about it."""

    source_id: str  # the input's own id: JSONL/CSV `id`; for files the path; for URLs the URL
    text: str  # main text, plain (no markup), paragraphs separated by "\n\n"
    title: str | None = None
    url: str | None = None
    source: str | None = None  # outlet/publisher where known
    published: str | None = None  # ISO date YYYY-MM-DD or None (never guessed from the text)
    origin: str = ""  # "path/to/file.jsonl:17", "page.html", "https://..."


@dataclass
class ReadError:
    """An input (or one record of it) that could not be read, and why."""

    origin: str  # file (with :line for corpora, #n for feed entries) or URL
    reason: str  # clear, human: "not valid JSON at line 17: Expecting ',' delimiter"
    stage: str = "read"

    def __str__(self) -> str:
        return f"{self.origin}: {self.reason}"


Item = RawArticle | ReadError


# --------------------------------------------------------------------------- public entry points


def is_url(value: str) -> bool:
    """True for http(s) URLs, which are fetched rather than opened."""
    return bool(re.match(r"(?i)https?://", value.strip()))


def list_inputs(paths: Sequence[str]) -> list[str]:
    """Expand folders recursively (sorted, skipping hidden files) into files; keep URLs as they are.

    Paths that do not exist are kept, so that reading them reports the problem. Repeats are dropped.
    """
    found: list[str] = []
    for raw in paths:
        item = str(raw)
        if not is_url(item) and os.path.isdir(item):
            found.extend(_walk_folder(item))
        else:
            found.append(item.strip() if is_url(item) else item)
    return list(dict.fromkeys(found))


def iter_inputs(
    paths: Sequence[str],
    *,
    timeout: float = TIMEOUT,
    max_bytes: int = MAX_BYTES,
    user_agent: str = DEFAULT_USER_AGENT,
    feed_timeout: float = FEED_TIMEOUT,
    skip_records: int = 0,
) -> Iterator[Item | None]:
    """Read every input, yielding articles and errors; never raise for bad input.

    `skip_records` N: the first N records of a JSON-lines corpus are not decoded, each yields None instead (a
    Dask partition of a large file counts its way to its own line range without parsing the ones before)."""
    fetcher = _Fetcher(timeout=timeout, max_bytes=max_bytes, user_agent=user_agent, feed_timeout=feed_timeout)
    fetcher.skip_records = skip_records
    try:
        for folder in paths:
            if not is_url(folder) and os.path.isdir(folder) and not _walk_folder(folder):
                yield ReadError(folder, EMPTY_FOLDER)
        for item in list_inputs(paths):
            yield from _read_guarded(item, fetcher)
    finally:
        fetcher.close()


def read_one(
    path_or_url: str,
    *,
    timeout: float = TIMEOUT,
    max_bytes: int = MAX_BYTES,
    user_agent: str = DEFAULT_USER_AGENT,
    feed_timeout: float = FEED_TIMEOUT,
) -> Iterator[Item]:
    """Read one file, folder or URL, yielding articles and errors; never raise for bad input."""
    fetcher = _Fetcher(timeout=timeout, max_bytes=max_bytes, user_agent=user_agent, feed_timeout=feed_timeout)
    try:
        if not is_url(str(path_or_url)) and os.path.isdir(path_or_url):
            if not _walk_folder(path_or_url):
                yield ReadError(str(path_or_url), EMPTY_FOLDER)
            for item in list_inputs([path_or_url]):
                yield from _read_guarded(item, fetcher)
        else:
            yield from _read_guarded(str(path_or_url), fetcher)
    finally:
        fetcher.close()


# --------------------------------------------------------------------------- text helpers


def normalize_text(text: str) -> str:
    """Plain text with "\\n" line ends, no zero-width chars or NULs, at most one blank line in a row."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2029", "\n\n").replace("\u2028", "\n")
    text = "\n".join(line.rstrip() for line in text.translate(ZERO_WIDTH).split("\n"))
    if "\n\n\n" in text:
        text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip()


def normalize_date(value: Any) -> str | None:
    """An ISO date (YYYY-MM-DD) from a date-like value, or None when it can't be read unambiguously."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, datetime | date):
        return _checked_date(value.year, value.month, value.day)
    if not isinstance(value, str):
        return None
    return _date_from_string(value.strip())


@functools.lru_cache(maxsize=4096)
def _date_from_string(text: str) -> str | None:
    if not text:
        return None
    iso = re.match(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)", text)
    if iso:
        return _checked_date(*map(int, iso.groups()))
    compact = re.fullmatch(r"(\d{4})(\d{2})(\d{2})", text)
    if compact:
        return _checked_date(*map(int, compact.groups()))
    numeric = re.fullmatch(r"(\d{1,2})([/.])(\d{1,2})\2(\d{4})", text)
    if numeric:
        first, sep, second, year = numeric.groups()
        a, b = int(first), int(second)
        if sep == "." or a > 12:  # dotted dates are day-first; a first part over 12 can only be a day
            return _checked_date(int(year), b, a)
        if b > 12:
            return _checked_date(int(year), a, b)
        return None  # 03/04/2016: day and month can't be told apart
    try:
        rfc = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        rfc = None
    if rfc is not None:
        return _checked_date(rfc.year, rfc.month, rfc.day)
    words = re.sub(r"^(mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+", "", text, flags=re.I)
    words = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", words, flags=re.I)
    words = re.sub(r"[,\s]+", " ", words).strip()
    words = re.sub(r"\s(\d{1,2}:\d{2}.*)$", "", words)  # drop a trailing time
    for fmt in ("%d %B %Y", "%d %b %Y", "%B %d %Y", "%b %d %Y", "%d %b. %Y", "%b. %d %Y"):
        try:
            parsed = datetime.strptime(words, fmt)
        except ValueError:
            continue
        return _checked_date(parsed.year, parsed.month, parsed.day)
    return None


def _checked_date(year: int, month: int, day: int) -> str | None:
    if not 1900 <= year <= 2100:
        return None
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _clean_field(value: Any) -> str | None:
    """A metadata field as a one-line string, or None when absent or blank."""
    if value is None or isinstance(value, dict | list):
        return None
    if isinstance(value, float) and value != value:  # NaN
        return None
    text = " ".join(str(value).translate(ZERO_WIDTH).split())
    return text or None


def _cap(n_bytes: int) -> str:
    """A size limit in words: "10 MB" (small test limits in bytes)."""
    return f"{n_bytes / 1_000_000:g} MB" if n_bytes >= 10_000 else f"{n_bytes} bytes"


cap_text = _cap


def _size(n_bytes: int) -> str:
    """A measured size in words: "50.0 MB", "12.3 KB"."""
    if n_bytes >= 100_000:
        return f"{n_bytes / 1_000_000:.1f} MB"
    return f"{n_bytes / 1000:.1f} KB" if n_bytes >= 1000 else f"{n_bytes} bytes"


def _html_to_text(html: str, *, whole_page: bool = False) -> str:
    """Plain text of an HTML fragment or page, one paragraph per block element."""
    try:
        root = (
            lxml.html.document_fromstring(html)
            if whole_page
            else lxml.html.fragment_fromstring(html, create_parent="div")
        )
    except (ValueError, lxml.etree.ParserError):
        return normalize_text(html)
    drop = "script|style|noscript|template|svg|iframe|form|button|select"
    if whole_page:
        drop += "|head|nav|header|footer|aside|menu"
    for element in root.xpath(" | ".join(f"//{tag}" for tag in drop.split("|"))):
        element.drop_tree()
    blocks = {
        "p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "table",
        "section", "article", "main", "pre", "dd", "dt", "dl", "figure", "figcaption", "hr", "td", "th",
    }  # fmt: skip
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        if element.tag != "pre":
            element.text = re.sub(r"\s+", " ", element.text) if element.text else element.text
            element.tail = re.sub(r"\s+", " ", element.tail) if element.tail else element.tail
        if element.tag == "br":
            element.tail = "\n" + (element.tail or "")
        elif element.tag in {"td", "th"}:
            element.tail = " " + (element.tail or "")
        elif element.tag in blocks:
            element.text = "\n\n" + (element.text or "")
            element.tail = "\n\n" + (element.tail or "")
    lines = (line.strip() for line in root.text_content().split("\n"))
    return normalize_text("\n".join(lines))


def _drop_title_line(text: str, title: str | None) -> str:
    """Text without a first paragraph that only repeats the title."""
    if not title:
        return text
    first, _, rest = text.partition("\n\n")
    if rest and " ".join(first.split()).casefold() == " ".join(title.split()).casefold():
        return rest.strip()
    return text


# --------------------------------------------------------------------------- bytes: binary, decoding, sniffing


def _binary_reason(head: bytes, corpus: bool = False) -> str | None:
    """Why these first bytes look binary ("looks like PNG"), or None when they look like text. In a corpus
    (corpus=True) a NUL refuses only the record holding it, wherever it is, so it does not count here."""
    if head.startswith(UTF16_BOMS):
        return None
    for magic, name in BINARY_MAGIC:
        if head.startswith(magic):
            return f"looks like {name}"
    if head[4:8] == b"ftyp":
        return "looks like MP4/MOV video"
    if head.startswith(b"RIFF") and head[8:12] in (b"WAVE", b"WEBP", b"AVI "):
        return f"looks like {head[8:12].decode().strip()}"
    if b"\x00" in head and not corpus:
        return "contains NUL bytes"
    if corpus:
        head = head.replace(b"\x00", b"")
    if head:
        controls = sum(1 for byte in head if byte < 32 and byte not in b"\t\n\r\f\v\x1b")
        if controls / len(head) > 0.10:
            return f"{100 * controls / len(head):.0f}% control characters"
    return None


def _decode(data: bytes, origin: str, declared: str | None = None) -> str:
    """Text of `data`: UTF-8 (BOM ok) if valid, else the declared charset, else cp1252, else latin-1.

    UTF-8 goes first because bytes that are valid UTF-8 are almost never meant as anything else,
    while pages often declare a legacy charset and are UTF-8 all the same.
    """
    if data.startswith(UTF16_BOMS):
        return data.decode("utf-16", errors="replace")
    wanted = None
    if declared:
        try:
            wanted = codecs.lookup(declared).name
        except LookupError:
            wanted = None
        if wanted in ("latin-1", "iso8859-1", "ascii"):  # as browsers do: these labels mean cp1252
            wanted = "cp1252"
    for encoding in dict.fromkeys(["utf-8-sig", wanted or "cp1252", "cp1252", "latin-1"]):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if encoding not in ("utf-8-sig", wanted):
            logger.warning("%s is not valid UTF-8; decoded it as %s", origin, encoding)
        return text
    return data.decode("latin-1")  # unreachable: latin-1 decodes any bytes


def _decode_line(raw: bytes) -> tuple[str, bool]:
    """One corpus line as text, and whether it needed a fallback from UTF-8."""
    try:
        return raw.decode("utf-8-sig"), False
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252"), True
    except UnicodeDecodeError:
        return raw.decode("latin-1"), True


def _html_charset(head: bytes) -> str | None:
    match = re.search(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", head[:4096], re.I)
    return match.group(1).decode("ascii") if match else None


def _sniff(head: bytes) -> str:
    """What the content looks like: "feed", "html", "jsonl" or "text"."""
    text = head.lstrip(b"\xef\xbb\xbf").decode("latin-1").lstrip().lower()
    start = text[:2048]
    if start.startswith("<?xml"):
        if re.search(r"<!doctype html|<html[\s>]", start) and not re.search(r"<(rss|feed|rdf:rdf)[\s>]", start):
            return "html"
        return "feed"
    if re.match(r"(<!--.*?-->\s*)*<(rss|feed|rdf:rdf)[\s>]", start, re.S):
        return "feed"
    if re.match(r"(<!--.*?-->\s*)*<(!doctype html|html|head|body|meta|title|p|div|article)[\s>]", start, re.S):
        return "html"
    if start.startswith("{"):
        first_line = text.split("\n", 1)[0]
        if "\n" not in text or _is_json_object(first_line):
            return "jsonl"
    return "text"


def _is_json_object(line: str) -> bool:
    try:
        return isinstance(json.loads(line), dict)
    except ValueError:
        return False


# --------------------------------------------------------------------------- HTTP


@dataclass
class _Response:
    url: str
    content_type: str
    charset: str | None
    data: bytes


class _DeadlineConnections(threading.local):
    """The sockets the current thread's download is using (a watchdog shuts them at the deadline)."""

    def __init__(self) -> None:
        self.active: list[Any] | None = None


_CONNECTIONS = _DeadlineConnections()


class _TrackedHTTPConnection(urllib3.connection.HTTPConnection):
    def request(self, *args: Any, **kwargs: Any) -> Any:
        result = super().request(*args, **kwargs)
        if _CONNECTIONS.active is not None and self.sock is not None:
            _CONNECTIONS.active.append(self.sock)  # the socket: http.client hands it to the response
        return result


class _TrackedHTTPSConnection(urllib3.connection.HTTPSConnection):
    def request(self, *args: Any, **kwargs: Any) -> Any:
        result = super().request(*args, **kwargs)
        if _CONNECTIONS.active is not None and self.sock is not None:
            _CONNECTIONS.active.append(self.sock)  # the socket: http.client hands it to the response
        return result


class _TrackedHTTPPool(urllib3.HTTPConnectionPool):
    ConnectionCls = _TrackedHTTPConnection


class _TrackedHTTPSPool(urllib3.HTTPSConnectionPool):
    ConnectionCls = _TrackedHTTPSConnection


class _DeadlineAdapter(requests.adapters.HTTPAdapter):
    """An adapter whose connections a download's watchdog can cut (see _Fetcher.fetch)."""

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = {"http": _TrackedHTTPPool, "https": _TrackedHTTPSPool}


def _cut(sockets: list[socket.socket]) -> None:
    """Shut the sockets of a download that ran out of time: a read blocked on them returns at once."""
    for sock in list(sockets):
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)


class _Fetcher:
    """Fetches http(s) URLs with a total time budget per download (and per feed), a clear User-Agent and a
    size cap."""

    def __init__(self, *, timeout: float, max_bytes: int, user_agent: str, feed_timeout: float = FEED_TIMEOUT) -> None:
        self.timeout = timeout
        self.feed_timeout = feed_timeout
        self.max_bytes = max_bytes
        self.deadline: float | None = None  # a feed's budget, when one is being read
        self.skip_records = 0  # records of a JSON-lines corpus to count (yielding None) rather than decode
        self.session = requests.Session()
        adapter = _DeadlineAdapter()
        self.session.mount("http://", adapter)
        self.session.mount("https://", adapter)
        self.session.headers.update(
            {
                "User-Agent": user_agent,
                "Accept": "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,"
                "application/xml;q=0.9,text/plain;q=0.8,*/*;q=0.5",
            }
        )

    def close(self) -> None:
        self.session.close()

    @contextlib.contextmanager
    def feed_budget(self) -> Iterator[None]:
        """Every download inside shares the feed's total budget (FEED_TIMEOUT) besides its own."""
        outer = self.deadline
        self.deadline = time.monotonic() + self.feed_timeout if outer is None else outer
        try:
            yield
        finally:
            self.deadline = outer

    def feed_spent(self) -> bool:
        return self.deadline is not None and time.monotonic() >= self.deadline

    def fetch(self, url: str) -> _Response | str:
        """The response body, or the reason it could not be had. The whole download (connect, headers, body)
        gets `timeout` seconds: a watchdog cuts the connection at the deadline, however the bytes trickle in."""
        now = time.monotonic()
        budget = self.timeout if self.deadline is None else max(0.0, min(self.timeout, self.deadline - now))
        if budget <= 0:
            return f"the feed's time budget of {self.feed_timeout:g} s was spent"
        timed_out = (
            f"timed out after {self.timeout:g} s"
            if budget == self.timeout
            else f"the feed's time budget of {self.feed_timeout:g} s was spent"
        )
        deadline = now + budget
        connections: list[socket.socket] = []
        watchdog = threading.Timer(budget, _cut, args=(connections,))
        watchdog.daemon = True
        _CONNECTIONS.active = connections
        watchdog.start()
        try:
            with self.session.get(url, timeout=budget, stream=True) as response:
                if response.status_code >= 400:
                    return f"HTTP {response.status_code} {response.reason or _status_phrase(response.status_code)}"
                declared = response.headers.get("Content-Length", "")
                if declared.isdigit() and int(declared) > self.max_bytes:
                    return f"larger than the {_cap(self.max_bytes)} cap (Content-Length {_size(int(declared))})"
                chunks, size = [], 0
                for chunk in response.iter_content(chunk_size=65536):
                    size += len(chunk)
                    if size > self.max_bytes:
                        return f"larger than the {_cap(self.max_bytes)} cap"
                    if time.monotonic() > deadline:
                        return timed_out
                    chunks.append(chunk)
                if time.monotonic() > deadline:
                    return timed_out
                content_type = response.headers.get("Content-Type", "")
                return _Response(
                    url=response.url,
                    content_type=content_type.split(";")[0].strip().lower(),
                    charset=_header_charset(content_type),
                    data=b"".join(chunks),
                )
        except requests.exceptions.Timeout:
            return timed_out
        except requests.exceptions.TooManyRedirects:
            return "too many redirects"
        except requests.exceptions.SSLError as error:
            return timed_out if time.monotonic() >= deadline else f"TLS/SSL error: {_short_error(error)}"
        except requests.exceptions.ConnectionError as error:
            if "timed out" in str(error).lower() or time.monotonic() >= deadline:
                return timed_out
            return f"could not connect: {_short_error(error)}"
        except (requests.exceptions.InvalidURL, requests.exceptions.MissingSchema, ValueError) as error:
            return f"invalid URL: {error}"
        except requests.exceptions.RequestException as error:
            if time.monotonic() >= deadline:
                return timed_out
            return f"request failed: {_short_error(error)}"
        except (OSError, http.client.HTTPException) as error:  # a cut connection mid-read
            if time.monotonic() >= deadline:
                return timed_out
            return f"request failed: {_short_error(error)}"
        finally:
            watchdog.cancel()
            _CONNECTIONS.active = None


def _status_phrase(code: int) -> str:
    try:
        return HTTPStatus(code).phrase
    except ValueError:
        return ""


def _header_charset(content_type: str) -> str | None:
    match = re.search(r"charset\s*=\s*[\"']?([^;\"'\s]+)", content_type, re.I)
    return match.group(1) if match else None


def _short_error(error: Exception) -> str:
    text = str(error)
    errno = re.search(r"\[Errno -?\d+\] ([^'\")\]]+)", text)
    if errno:
        return errno.group(1).strip()
    return text if len(text) < 200 else text[:200] + "..."


def _kind_from_content_type(content_type: str) -> str | None:
    if "html" in content_type:
        return "html"
    if any(word in content_type for word in ("rss", "atom", "xml")):
        return "feed"
    if any(word in content_type for word in ("ndjson", "jsonl", "json")):
        return "jsonl"
    if "tab-separated" in content_type:
        return "tsv"
    if "csv" in content_type:
        return "csv"
    return None


# --------------------------------------------------------------------------- dispatch


def _read_guarded(item: str, fetcher: _Fetcher) -> Iterator[Item]:
    """Read one input; an unexpected failure becomes a ReadError instead of stopping the run."""
    try:
        if is_url(item):
            yield from _read_url(item.strip(), fetcher)
        elif re.match(r"[a-z][a-z0-9+.-]*://", item, re.I) and not os.path.lexists(item):
            yield ReadError(item, "unsupported URL scheme (only http and https)")
        else:
            yield from _read_file(item, fetcher)
    except Exception as error:  # last resort: a reader bug must not stop the run
        logger.exception("unexpected error while reading %s", item)
        yield ReadError(item, f"unexpected error while reading: {type(error).__name__}: {error}")


# files a folder of articles holds beside them that are no articles: its own documentation and licences
NOT_ARTICLES = re.compile(
    r"^(?:readme|license|licence|changelog|notice)(?:\.\w+)?$|\.(?:md|rst|py|sh|lock|toml|yml|yaml)$", re.I
)


def _walk_folder(folder: str) -> list[str]:
    files = []
    for root, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        files.extend(
            os.path.join(root, name) for name in names if not name.startswith(".") and not NOT_ARTICLES.search(name)
        )
    return sorted(files)


def _read_file(path: str, fetcher: _Fetcher) -> Iterator[Item]:
    if not os.path.exists(path):
        yield ReadError(path, "no such file or folder")
        return
    if os.path.isdir(path):
        inner_paths = list_inputs([path])
        if not inner_paths:
            yield ReadError(path, EMPTY_FOLDER)
        for inner in inner_paths:
            yield from _read_file(inner, fetcher)
        return
    if not os.path.isfile(path):
        yield ReadError(path, "not a regular file")
        return
    try:
        size = os.path.getsize(path)
        with open(path, "rb") as handle:
            head = handle.read(HEAD_BYTES)
            if size == 0:
                yield ReadError(path, "empty file")
                return
            extension = Path(path).suffix.lower()
            kind = CORPUS_EXTENSIONS.get(extension) or DOCUMENT_EXTENSIONS.get(extension)
            sniffed = _sniff(head)
            if (
                kind is None
                or (kind in ("text", "html") and sniffed == "feed")
                or (kind == "feed" and sniffed == "html")
            ):
                kind = sniffed
            if kind not in ("jsonl", "csv", "tsv") and size > fetcher.max_bytes:
                what = "feed file" if kind == "feed" else "file"
                per = "" if kind == "feed" else " for one article"
                yield ReadError(path, f"{what} is {_size(size)}, over the {_cap(fetcher.max_bytes)} cap{per}")
                return
            reason = _binary_reason(head, corpus=kind in ("jsonl", "csv", "tsv"))
            if reason:
                yield ReadError(path, f"binary file, not text ({reason})")
                return
            handle.seek(0)
            if kind in ("jsonl", "csv", "tsv"):
                yield from _read_corpus(handle, kind, path, fetcher.max_bytes, fetcher.skip_records)
                return
            data = handle.read()
    except OSError as error:
        yield ReadError(path, f"cannot read file: {error.strerror or error}")
        return
    if not data.strip():
        yield ReadError(path, "empty file")
        return
    yield from _read_document(data, kind, origin=path, source_id=path, url=None, charset=None, fetcher=fetcher)


def _read_url(url: str, fetcher: _Fetcher) -> Iterator[Item]:
    """One URL read whole within its budget (and a feed's linked articles within the feed's), then yielded: the
    time a consumer spends on the items is not the download's."""
    with fetcher.feed_budget():
        items = list(_read_url_items(url, fetcher))
    yield from items


def _read_url_items(url: str, fetcher: _Fetcher) -> Iterator[Item]:
    if urlparse(url).scheme.lower() not in ("http", "https"):
        yield ReadError(url, "unsupported URL scheme (only http and https)")
        return
    response = fetcher.fetch(url)
    if isinstance(response, str):
        yield ReadError(url, response)
        return
    if not response.data.strip():
        yield ReadError(url, "empty response")
        return
    reason = _binary_reason(response.data[:HEAD_BYTES])
    if reason:
        yield ReadError(url, f"binary content, not text ({reason}; Content-Type {response.content_type or 'none'})")
        return
    sniffed = _sniff(response.data[:HEAD_BYTES])
    extension = Path(urlparse(response.url).path).suffix.lower()
    kind = _kind_from_content_type(response.content_type) or CORPUS_EXTENSIONS.get(extension) or sniffed
    if (kind == "html" and sniffed == "feed") or (kind == "feed" and sniffed == "html"):
        kind = sniffed
    if kind == "jsonl" and sniffed != "jsonl":
        yield ReadError(url, f"{response.content_type or 'content'} that is not JSON lines (one object per line)")
        return
    if kind in ("jsonl", "csv", "tsv"):
        yield from _read_corpus(io.BytesIO(response.data), kind, url, fetcher.max_bytes)
        return
    yield from _read_document(
        response.data, kind, origin=url, source_id=url, url=response.url, charset=response.charset, fetcher=fetcher
    )


def _read_document(
    data: bytes, kind: str, *, origin: str, source_id: str, url: str | None, charset: str | None, fetcher: _Fetcher
) -> Iterator[Item]:
    """One in-memory document: a feed (many articles), an HTML page or plain text."""
    if kind == "feed":
        yield from _read_feed(data, origin, fetcher, base_url=url)
        return
    if kind == "html":
        text = _decode(data, origin, charset or _html_charset(data))
        if not text.strip():
            yield ReadError(origin, "empty file" if url is None else "empty response")
            return
        yield _article_from_html(text, origin=origin, source_id=source_id, url=url)
        return
    text = _decode(data, origin, charset)
    yield _article_from_plain_text(text, origin=origin, source_id=source_id, url=url)


# --------------------------------------------------------------------------- plain text and HTML


def _article_from_plain_text(text: str, *, origin: str, source_id: str, url: str | None = None) -> Item:
    """A .txt article: a short first line without a final period, then a blank line, is the title."""
    text = normalize_text(text)
    if not text:
        return ReadError(origin, "empty file")
    title = None
    first, _, rest = text.partition("\n\n")
    first = first.strip()
    if rest.strip() and "\n" not in first and len(first) < TITLE_MAX_CHARS and not first.endswith("."):
        title, text = first, rest.strip()
    return RawArticle(source_id=source_id, text=text, title=title, url=url, origin=origin)


def _article_from_html(html: str, *, origin: str, source_id: str, url: str | None) -> Item:
    """Main text and metadata of an HTML page (trafilatura), or a plain strip of the body as a fallback."""
    try:
        document = trafilatura.bare_extraction(
            html,
            url=url,
            include_comments=False,
            include_tables=False,
            favor_precision=True,
            with_metadata=True,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception as error:  # trafilatura can fail on degenerate trees: fall back below
        logger.warning("trafilatura failed on %s: %s", origin, error)
        document = None
    text = ""
    if document is not None and document.text:
        text = normalize_text("\n\n".join(line.strip() for line in document.text.split("\n") if line.strip()))
    if text:
        title = _clean_field(document.title)
        return RawArticle(
            source_id=source_id,
            text=_drop_title_line(text, title),
            title=title,
            url=url or _clean_field(document.url),
            source=_clean_field(document.sitename),
            published=normalize_date(document.date),
            origin=origin,
        )
    return _article_from_html_fallback(html, origin=origin, source_id=source_id, url=url)


def _article_from_html_fallback(html: str, *, origin: str, source_id: str, url: str | None) -> Item:
    try:
        tree = lxml.html.document_fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return ReadError(origin, "no article text found in HTML")
    link_chars = sum(len(" ".join(a.text_content().split())) for a in tree.xpath("//body//a"))
    text = _html_to_text(html, whole_page=True)
    if len(text) < MIN_FALLBACK_CHARS or link_chars > 0.5 * len(text):
        return ReadError(origin, "no article text found in HTML")
    meta_title = tree.xpath("//meta[@property='og:title']/@content") or tree.xpath("//title/text()")
    title = _clean_field(meta_title[0]) if meta_title else None
    site = tree.xpath("//meta[@property='og:site_name']/@content")
    try:
        published = htmldate.find_date(tree, extensive_search=False, original_date=True)
    except Exception:  # a date is optional
        published = None
    return RawArticle(
        source_id=source_id,
        text=_drop_title_line(text, title),
        title=title,
        url=url,
        source=_clean_field(site[0]) if site else None,
        published=normalize_date(published),
        origin=origin,
    )


# --------------------------------------------------------------------------- feeds


def _read_feed(data: bytes, origin: str, fetcher: _Fetcher, base_url: str | None = None) -> Iterator[Item]:
    """A feed's entries; the linked articles it fetches share the feed's time budget (FEED_TIMEOUT)."""
    with fetcher.feed_budget():
        items = list(_feed_items(data, origin, fetcher, base_url))
    yield from items


def _feed_items(data: bytes, origin: str, fetcher: _Fetcher, base_url: str | None = None) -> Iterator[Item]:
    parsed = feedparser.parse(io.BytesIO(data))
    entries = parsed.get("entries") or []
    if not entries:
        if parsed.get("bozo"):
            yield ReadError(origin, f"not a readable RSS/Atom feed: {_short_error(parsed.get('bozo_exception'))}")
        elif parsed.get("version"):
            yield ReadError(origin, "feed has no entries")
        else:
            yield ReadError(origin, "not a readable RSS/Atom feed: no rss, feed or RDF root element")
        return
    if parsed.get("bozo"):
        logger.warning(
            "%s is not a well-formed feed (%s); read what could be read", origin, parsed.get("bozo_exception")
        )
    feed_title = _clean_field(parsed.feed.get("title"))
    channel_link = _clean_field(parsed.feed.get("link"))
    base_url = base_url or (channel_link if channel_link and is_url(channel_link) else None)
    for number, entry in enumerate(entries, start=1):
        yield _article_from_entry(
            entry, origin=f"{origin}#{number}", feed_title=feed_title, fetcher=fetcher, base_url=base_url
        )


def _entry_text(entry: Any) -> str:
    """Plain text of an entry's full content if it has one, else of its summary."""
    parts = []
    for content in entry.get("content") or []:
        value = content.get("value") or ""
        parts.append(normalize_text(value) if content.get("type") == "text/plain" else _html_to_text(value))
    text = normalize_text("\n\n".join(part for part in parts if part))
    if text:
        return text
    summary = entry.get("summary") or ""
    summary_type = (entry.get("summary_detail") or {}).get("type")
    return normalize_text(summary) if summary_type == "text/plain" else _html_to_text(summary)


def _is_teaser(text: str) -> bool:
    """True for a text that is only a summary: short, or cut off with an ellipsis or a "read more"."""
    stripped = text.rstrip()
    return (
        len(stripped) < TEASER_MAX_CHARS
        or stripped.endswith(("...", "\u2026", "[\u2026]", "[...]", "(\u2026)", "(...)"))
        or re.search(r"(read more|continue reading|more\s*\u00bb)\W*$", stripped, re.I) is not None
    )


def _entry_date(entry: Any) -> str | None:
    for key in ("published_parsed", "created_parsed"):
        parsed = entry.get(key)
        if parsed:
            return _checked_date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday)
    for key in ("published", "created"):
        found = normalize_date(entry.get(key))
        if found:
            return found
    return None


def _article_from_entry(
    entry: Any, *, origin: str, feed_title: str | None, fetcher: _Fetcher, base_url: str | None
) -> Item:
    title = _clean_field(entry.get("title"))
    link = _clean_field(entry.get("link"))
    if link and base_url and not is_url(link):
        link = urljoin(base_url, link)  # a relative link in a feed read from a URL
    source_id = _clean_field(entry.get("id")) or link or origin
    published = _entry_date(entry)
    text = _entry_text(entry)
    if link and is_url(link) and (not text or _is_teaser(text)):
        page = _fetch_article(link, fetcher)
        if isinstance(page, str):
            return ReadError(origin, f"could not fetch the full article {link}: {page}")
        return RawArticle(
            source_id=source_id,
            text=_drop_title_line(page.text, title),
            title=title or page.title,
            url=link,
            source=feed_title or page.source,
            published=published or page.published,
            origin=origin,
        )
    if not text:
        return ReadError(origin, "feed entry has no text and no link to fetch")
    return RawArticle(
        source_id=source_id,
        text=_drop_title_line(text, title),
        title=title,
        url=link,
        source=feed_title,
        published=published,
        origin=origin,
    )


def _fetch_article(url: str, fetcher: _Fetcher) -> RawArticle | str:
    """The article at a feed entry's link, or the reason it could not be had."""
    response = fetcher.fetch(url)
    if isinstance(response, str):
        return response
    reason = _binary_reason(response.data[:HEAD_BYTES])
    if reason:
        return f"binary content, not text ({reason})"
    if not response.data.strip():
        return "empty response"
    sniffed = _sniff(response.data[:HEAD_BYTES])
    if sniffed == "feed":
        return "the link points to a feed, not an article"
    if sniffed == "html" or "html" in response.content_type:
        html = _decode(response.data, url, response.charset or _html_charset(response.data))
        result = _article_from_html(html, origin=url, source_id=url, url=response.url)
    else:
        text = _decode(response.data, url, response.charset)
        result = _article_from_plain_text(text, origin=url, source_id=url, url=response.url)
    return result.reason if isinstance(result, ReadError) else result


# --------------------------------------------------------------------------- corpora


class _TooLong:
    """Stands for a corpus line over the size limit (skipped without keeping it in memory)."""

    def __init__(self, size: int) -> None:
        self.size = size


def _corpus_lines(handle: IO[bytes], origin: str, limit: int) -> Iterator[str | _TooLong]:
    """Decoded lines (ends kept) of a corpus; each line decoded on its own, UTF-8 first."""
    head = handle.read(4)
    handle.seek(0)
    if head.startswith(UTF16_BOMS):
        wrapper = io.TextIOWrapper(handle, encoding="utf-16", newline="")
        while line := wrapper.readline(limit + 1):
            if len(line) > limit and not line.endswith("\n"):
                size = len(line)
                while (more := wrapper.readline(limit)) and not more.endswith("\n"):
                    size += len(more)
                yield _TooLong(size + len(more))
            else:
                yield line
        return
    warned = False
    while raw := handle.readline(limit + 1):
        if len(raw) > limit and not raw.endswith(b"\n"):
            size = len(raw)
            while (more := handle.readline(limit)) and not more.endswith(b"\n"):
                size += len(more)
            yield _TooLong(size + len(more))
            continue
        line, fallback = _decode_line(raw)
        if fallback and not warned:
            logger.warning("%s is not valid UTF-8; decoded its lines as cp1252/latin-1", origin)
            warned = True
        yield line


def _read_corpus(handle: IO[bytes], kind: str, origin: str, max_bytes: int, skip: int = 0) -> Iterator[Item | None]:
    line_limit = max(4 * max_bytes, 1_000_000)
    lines = _corpus_lines(handle, origin, line_limit)
    if kind == "jsonl":
        yield from _read_jsonl(lines, origin, max_bytes, line_limit, skip)
    else:
        yield from _read_csv(lines, origin, max_bytes, line_limit, "\t" if kind == "tsv" else ",")


def _too_long(origin: str, number: int, size: int, limit: int) -> ReadError:
    return ReadError(
        f"{origin}:{number}",
        f"line {number} is {_size(size)}, over the {_cap(limit)} limit for one record",
    )


def _read_jsonl(
    lines: Iterable[str | _TooLong], origin: str, max_bytes: int, line_limit: int, skip: int = 0
) -> Iterator[Item | None]:
    """One item per record (a line that is not blank); the first `skip` records yield None, undecoded."""
    seen_content = False
    for number, line in enumerate(lines, start=1):
        if skip and (isinstance(line, _TooLong) or line.strip()):
            skip -= 1
            seen_content = True
            yield None
            continue
        if isinstance(line, _TooLong):
            seen_content = True
            yield _too_long(origin, number, line.size, line_limit)
            continue
        if not line.strip():
            continue
        seen_content = True
        where = f"{origin}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            yield ReadError(where, f"not valid JSON at line {number}: {error.msg} (column {error.colno})")
            continue
        if not isinstance(record, dict):
            yield ReadError(where, f"line {number} is a JSON {type(record).__name__}, not an object")
            continue
        yield _article_from_record(record, where, number, max_bytes)
    if not seen_content:
        yield ReadError(origin, "empty file")


def _read_csv(
    lines: Iterable[str | _TooLong], origin: str, max_bytes: int, line_limit: int, default_delimiter: str
) -> Iterator[Item]:
    if csv.field_size_limit() < line_limit:
        csv.field_size_limit(line_limit)
    state = {"number": 0, "too_long": None}

    def text_lines() -> Iterator[str]:
        for line in lines:
            state["number"] += 1
            if isinstance(line, _TooLong):
                state["too_long"] = line
                return
            yield line

    source = text_lines()
    first = next((line for line in source if line.strip()), None)
    if first is None:
        if state["too_long"] is not None:
            yield _too_long(origin, state["number"], state["too_long"].size, line_limit)
        else:
            yield ReadError(origin, "empty file")
        return
    counts = {d: first.count(d) for d in (default_delimiter, ",", ";", "\t", "|")}
    delimiter = max(counts, key=lambda d: (counts[d], d == default_delimiter))
    blank_before = state["number"] - 1
    reader = csv.reader(_chain([first], source), delimiter=delimiter)
    try:
        header = next(reader)
    except csv.Error as error:
        yield ReadError(origin, f"not a readable CSV header: {error}")
        return
    columns = [name.strip().lower() for name in header]
    text_column = next((name for name in TEXT_KEYS if name in columns), None)
    if text_column is None:
        shown = ", ".join(name for name in columns if name) or "(none)"
        yield ReadError(origin, f"CSV has no text column (looked for text, body or content); columns: {shown}")
        return
    previous_end = reader.line_num + blank_before
    rows = 0
    while True:
        start = previous_end + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            previous_end = reader.line_num + blank_before
            rows += 1
            yield ReadError(f"{origin}:{start}", f"not a readable CSV record at line {start}: {error}")
            continue
        previous_end = reader.line_num + blank_before
        if not any(cell.strip() for cell in row):
            continue
        rows += 1
        record: dict[str, Any] = {}
        for name, value in zip(columns, row, strict=False):
            record.setdefault(name, value)
        yield _article_from_record(record, f"{origin}:{start}", start, max_bytes)
    if state["too_long"] is not None:
        number = state["number"]
        yield ReadError(
            f"{origin}:{number}",
            f"line {number} is {_size(state['too_long'].size)}, over the {_cap(line_limit)} limit "
            "for one record; stopped reading this CSV there",
        )
    elif rows == 0:
        yield ReadError(origin, "CSV has a header but no rows")


def _chain(first: list[str], rest: Iterator[str]) -> Iterator[str]:
    yield from first
    yield from rest


def _article_from_record(record: dict[str, Any], where: str, number: int, max_bytes: int) -> Item:
    """A corpus record (JSONL object or CSV row, keys case-insensitive) as an article."""
    fields = {str(key).strip().lower(): value for key, value in record.items() if key is not None}
    raw_text = next((fields[key] for key in TEXT_KEYS if fields.get(key) not in (None, "")), None)
    if raw_text is None:
        return ReadError(where, f"no text at line {number} (missing or empty 'text')")
    if not isinstance(raw_text, str):
        return ReadError(where, f"text at line {number} is a {type(raw_text).__name__}, not a string")
    if len(raw_text) > max_bytes // 4 and len(raw_text.encode("utf-8", errors="replace")) > max_bytes:
        size = len(raw_text.encode("utf-8", errors="replace"))
        return ReadError(
            where,
            f"text at line {number} is {_size(size)}, over the {_cap(max_bytes)} cap for one article",
        )
    text = normalize_text(raw_text)
    if not text:
        return ReadError(where, f"no text at line {number} (only whitespace in 'text')")
    published_raw = next((fields[key] for key in DATE_KEYS if fields.get(key) not in (None, "")), None)
    return RawArticle(
        source_id=_clean_field(fields.get("id")) or where,
        text=text,
        title=_clean_field(fields.get("title")),
        url=_clean_field(fields.get("url")),
        source=_clean_field(fields.get("source")),
        published=normalize_date(published_raw),
        origin=where,
    )
