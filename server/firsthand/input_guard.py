"""Text and numbers no part of Firsthand can store, and bodies over the size limit however
they are sent, refused at the door with a clear 4xx.

The JSON Schemas say what each field is; they cannot say "no NUL" (PostgreSQL refuses it in
text), "no lone surrogate" (it cannot be encoded as UTF-8, so neither stored nor answered) or
"fits in 64 bits" for every integer. Rather than each endpoint remembering, every JSON body,
query string, path and form is checked here before any view runs.
"""

from __future__ import annotations

import codecs
import io
import re
import unicodedata
from urllib.parse import unquote_to_bytes

from flask import Flask, Request, request
from werkzeug.datastructures import MultiDict
from werkzeug.exceptions import RequestEntityTooLarge
from werkzeug.formparser import FormDataParser, MultiPartParser

from .errors import ApiError, invalid

try:  # gunicorn's errors reading a request (a malformed chunk), raised into the view
    from gunicorn.http.errors import ParseException as HttpParseError
except ImportError:  # gunicorn does not run everywhere (it needs fcntl)

    class HttpParseError(Exception):
        pass


INT64_MAX = 2**63 - 1
INT64_MIN = -(2**63)
NAME_LIMIT = 40  # characters of a client-chosen name (a JSON key) quoted back in an error
UNSTORABLE = re.compile(r"[\x00\ud800-\udfff]")
SURROGATE = re.compile(r"[\ud800-\udfff]")
UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff\u2028\u2029]")
# Characters nobody sees: zero-width, soft hyphen, direction marks and overrides, BOM; and
# those that show as nothing or as a blank though they are not spaces (str.split keeps them):
# the combining grapheme joiner, the Arabic letter mark, the Hangul fillers (U+3164 alone is
# the well-known "invisible name"), Khmer's invisible vowels, Mongolian's and the emoji
# variation selectors, deprecated format controls, annotation marks, the blank braille cell.
INVISIBLE_CHARS = (
    r"\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e"
    r"\u2060-\u2064\u2066-\u206f\u2800\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff9-\ufffb"
    # Beyond the BMP: Egyptian and shorthand format controls, a Khitan filler, musical format
    # controls, tag characters, variation selectors 17-256 (each alone passed as a kudos).
    r"\U00013430-\U0001343f\U0001bca0-\U0001bca3\U00016fe4\U0001d173-\U0001d17a"
    r"\U000e0001\U000e0020-\U000e007f\U000e0100-\U000e01ef"
)
INVISIBLE = re.compile(f"[{INVISIBLE_CHARS}]")
# Control characters that are not spacing (a tab or line break is): a terminal escape (ESC),
# a bell, a backspace. Kept, they showed as boxes in a page, rang or recoloured the terminal
# the CLI prints names to, and reached chat announcements and CSV downloads as they were.
CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f]")
# Three or more line breaks with only spaces between: kept as one blank line (tidy_text).
BLANK_LINES = re.compile(r"[ \t]*\r?\n(?:[ \t]*\r?\n){2,}")


def safe_name(name: str) -> str:
    """A client-chosen name (a JSON key) fit to quote back: escaped, at most 40 characters."""
    shown = UNPRINTABLE.sub(lambda m: f"\\u{ord(m[0]):04x}", name[:NAME_LIMIT])
    return shown + "…" if len(name) > NAME_LIMIT else shown


# Direction embeddings, overrides and isolates reorder what follows them: "\u202eevoN" shows as
# "Nove" in a list of people or teams. Marks (U+200E, U+200F) and joiners stay: they change
# no order, and scripts and emoji need the joiners.
BIDI_CONTROLS = re.compile(r"[\u202a-\u202e\u2066-\u2069]")


# Combining marks kept on one character. Real writing stacks few: Vietnamese two, Thai three,
# pointed and cantillated Hebrew up to five; "Zalgo" text stacks dozens, which spill over
# the lines above and below a name in every list, chat message and CSV that shows it.
MAX_MARKS = 6
MARKS = ("Mn", "Me")  # nonspacing and enclosing marks: the ones drawn on the character before


def cap_marks(text: str) -> str:
    """The text with at most MAX_MARKS combining marks on each character: the rest, which
    only pile up, are left out. (Format characters between marks, a zero-width joiner,
    do not start a new pile.)"""
    if text.isascii():
        return text
    kept, pile = [], 0
    for char in text:
        kind = unicodedata.category(char)
        if kind in MARKS:
            pile += 1
            if pile > MAX_MARKS:
                continue
        elif kind != "Cf":
            pile = 0
        kept.append(char)
    return "".join(kept)


def tidy_line(text: str | None) -> str:
    """A name, title or line with its spacing collapsed, no direction overrides, no control
    characters and no pile of combining marks (cap_marks); empty if nothing in it shows (a
    zero-width space alone passed every "must not be empty" check)."""
    cleaned = " ".join(CONTROLS.sub("", BIDI_CONTROLS.sub("", cap_marks(text or ""))).split())
    return cleaned if INVISIBLE.sub("", cleaned).strip() else ""


def text_key(text: str) -> str:
    """What two texts are compared by when the same one typed twice must be found: NFKC (a
    decomposed "é", full-width "Ｓame") and case folded, invisible characters left out. Only
    for comparing: the text is kept and shown as it was typed."""
    return unicodedata.normalize("NFKC", INVISIBLE.sub("", text)).casefold()


def tidy_text(text: str | None) -> str:
    """A text of several lines (a kudos message, a story's context) as kept: its line breaks
    and spacing as written, without control characters or piles of combining marks, trimmed,
    and at most one blank line in a row (a kudos of 280 line breaks was 280 empty lines in a
    colleague's popup, which shows them since the thank-you became a text area)."""
    # Direction overrides too, as names lose them ("thanks \u202egnp.exe" read "thanks exe.png").
    text = BIDI_CONTROLS.sub("", CONTROLS.sub("", cap_marks(text or "")))
    return BLANK_LINES.sub("\n\n", text).strip()


def check_json(value: object, path: str = "", *, allow_nul: bool = False) -> None:
    """Raise a 422 naming the first string or integer in a parsed body no column can hold.

    With allow_nul (a body that is read, never stored), only what cannot be encoded counts.
    """
    if isinstance(value, str):
        _check_text(value, path or "(body)", SURROGATE if allow_nul else UNSTORABLE)
    elif isinstance(value, bool):
        return
    elif isinstance(value, int):
        if not INT64_MIN <= value <= INT64_MAX:
            raise invalid(path or "(body)", "is out of range (a whole number of at most 64 bits)")
    elif isinstance(value, float):
        if value.is_integer() and not INT64_MIN <= value <= INT64_MAX:
            raise invalid(path or "(body)", "is out of range (a whole number of at most 64 bits)")
    elif isinstance(value, dict):
        for key, item in value.items():
            name = safe_name(key)
            if UNSTORABLE.search(key):
                raise invalid(name, "is a field name with a NUL or an unpaired surrogate")
            check_json(item, f"{path}.{name}" if path else name, allow_nul=allow_nul)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            check_json(item, f"{path}.{index}" if path else str(index), allow_nul=allow_nul)


def _check_text(text: str, field: str, refused: re.Pattern) -> None:
    found = refused.search(text)
    if found:
        what = "a NUL character" if found[0] == "\x00" else "an unpaired surrogate"
        raise invalid(field, f"contains {what}, which text cannot hold")


MALFORMED_BODY = (
    "The request body is not valid HTTP chunked encoding (a chunk size that is not hex, or a "
    "chunk without its line end): send the body again, with Content-Length or as well-formed "
    "chunks."
)


class CappedInput(io.RawIOBase):
    """A body sent without Content-Length (chunked), held to the request's size limit.

    Werkzeug stops reading such a body at MAX_CONTENT_LENGTH but does not say it was cut:
    `{"text": "hi"}` followed by 10 MiB of spaces would parse. This reads up to one byte past
    the limit in force when the view first reads (a console upload raises it), and answers
    413 if the byte is there.
    """

    def __init__(self, raw) -> None:
        super().__init__()
        self._raw = raw
        self._body: io.BytesIO | None = None

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        if self._body is None:
            self._body = io.BytesIO(self._read_capped(request.max_content_length))
        return self._body.readinto(buffer)

    def _read_capped(self, limit: int | None) -> bytes:
        body = bytearray()
        while limit is None or len(body) <= limit:
            try:
                piece = self._raw.read(64 * 1024)
            except (HttpParseError, OSError) as error:
                # gunicorn raises its parse errors (and NoMoreData, an OSError, for a body cut
                # short), Werkzeug's server an OSError, on a malformed chunk.
                raise ApiError(400, MALFORMED_BODY) from error
            if not piece:
                return bytes(body)
            body += piece
        raise RequestEntityTooLarge()


def _cap_unsized_body() -> None:
    environ = request.environ
    if request.content_length is None and "wsgi.input_terminated" in environ:
        environ["wsgi.input"] = CappedInput(environ["wsgi.input"])


JSON_API = "/api/"  # where every body is JSON (api/contract.json_body), never a form

# Blueprints whose own guard raises the body limit (uploads): reading their form here, at the
# app's 64 KiB, would refuse every upload over it with a 413. Their guard checks the form.
_LARGER_BODIES: set[str] = set()


def form_checked_later(blueprint: str) -> None:
    """`blueprint` raises the body limit itself, then calls refuse_unstorable_form()."""
    _LARGER_BODIES.add(blueprint)


def refuse_unstorable_form() -> None:
    _refuse_unstorable(_form(), "form field")
    if request.mimetype == "multipart/form-data":
        # An upload's name is kept too (an import's file name): a NUL in it is refused as
        # in any field, not left for PostgreSQL to refuse with a 500.
        names = MultiDict(
            (key, upload.filename or "") for key, upload in request.files.items(multi=True)
        )
        _refuse_unstorable(names, "file name in field")


def _refuse_unstorable_request() -> None:
    """A NUL or broken character in the path, query or form of any request: 400 (or 404)."""
    _cap_unsized_body()  # first: reading the form below reads the body
    if "\x00" in request.path:
        raise ApiError(404, "No such endpoint or resource.")
    _refuse_unstorable(request.args, "query parameter")
    # The JSON API reads no form: parsing one there only to check it answered a form of
    # 1,001 small fields (Werkzeug's limit on parts) "413: over the 64 KiB limit" instead
    # of the operation's own 415 "send the body as JSON".
    if request.blueprint not in _LARGER_BODIES and not request.path.startswith(JSON_API):
        refuse_unstorable_form()


def _refuse_unstorable(source, label: str) -> None:
    for key, values in source.lists():
        for text in (key, *values):
            if UNSTORABLE.search(text):
                raise ApiError(
                    400,
                    f"The {label} {safe_name(key)} contains a NUL character or an "
                    "unpaired surrogate, which text cannot hold.",
                )


def _form():
    if request.mimetype in ("application/x-www-form-urlencoded", "multipart/form-data"):
        return request.form
    return MultiDict()


# A form whose text is not UTF-8 (a client sending Latin-1: "Andr%E9 M%FCller") was saved
# garbled: Werkzeug keeps a %-escape it cannot decode as it was written ("Andr%E9") and reads
# raw bytes in a multipart field as U+FFFD. Refused instead, as the API refuses such JSON.
NOT_UTF8 = (
    "This form's text did not arrive as UTF-8 (a letter such as “é” was sent in another "
    "encoding), so nothing was saved. Send it again from the page it came from; a program "
    "sending it must encode its text as UTF-8."
)
FORM_UTF8 = "firsthand_form_utf_8"  # the codec a form's fields are read with: UTF-8, strictly


def _utf8_or_refuse(data: bytes, errors: str = "strict") -> tuple[str, int]:
    try:
        return codecs.utf_8_decode(data, "strict", True)
    except UnicodeDecodeError:
        raise ApiError(400, NOT_UTF8, code="not_utf8") from None


codecs.register(
    lambda name: (
        codecs.CodecInfo(codecs.utf_8_encode, _utf8_or_refuse, name=FORM_UTF8)
        if name == FORM_UTF8
        else None
    )
)


class _UTF8Parts(MultiPartParser):
    def get_part_charset(self, headers) -> str:
        found = super().get_part_charset(headers)  # a Latin-1 the part declares stays so
        return FORM_UTF8 if found in ("utf-8", "ascii", "us-ascii") else found


class _UTF8Forms(FormDataParser):
    """Werkzeug's form parser, refusing text that is not UTF-8 with a 400 (NOT_UTF8)."""

    def _parse_multipart(self, stream, mimetype, content_length, options):
        parser = _UTF8Parts(
            stream_factory=self.stream_factory,
            max_form_memory_size=self.max_form_memory_size,
            max_form_parts=self.max_form_parts,
            cls=self.cls,
        )
        boundary = options.get("boundary", "").encode("ascii")
        if not boundary:
            raise ValueError("Missing boundary")
        form, files = parser.parse(stream, boundary, content_length)
        return stream, form, files

    def _parse_urlencoded(self, stream, mimetype, content_length, options):
        body = stream.read()
        unquote_to_bytes(body).decode(FORM_UTF8)  # its bytes and %-escapes alike
        return super()._parse_urlencoded(io.BytesIO(body), mimetype, content_length, options)


class FormsInUTF8(Request):
    form_data_parser_class = _UTF8Forms


def init_app(app: Flask) -> None:
    app.request_class = FormsInUTF8
    app.before_request(_refuse_unstorable_request)
