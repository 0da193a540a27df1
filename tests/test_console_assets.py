"""The console's vendored stylesheet is npm's file with its licence, and mail settings parse."""

from pathlib import Path

import pytest

from firsthand.mail import parse_smtp_url

REPO = Path(__file__).resolve().parents[1]


def test_vendored_files_are_what_npm_installed():
    import importlib.util

    spec = importlib.util.spec_from_file_location("vendor", REPO / "scripts/vendor_assets.py")
    vendor = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(vendor)
    for source, target in vendor.ASSETS.items():
        copy = vendor.VENDOR / target
        assert copy.exists(), f"{copy} is missing: run scripts/vendor_assets.py"
        installed = REPO / "node_modules" / source
        if installed.exists():  # ./scripts/test runs npm ci first
            assert copy.read_bytes() == installed.read_bytes(), f"{copy} differs from npm's"
    assert "MIT" in (vendor.VENDOR / "pico" / "LICENSE.md").read_text()


def test_console_pages_load_only_local_assets(client):
    page = client.get("/console/sign-in").text
    assert "/static/vendor/pico/pico.min.css" in page and "https://" not in page.split("<body")[0]
    with client.get("/static/vendor/pico/pico.min.css") as css:
        assert css.status_code == 200 and css.mimetype == "text/css"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "smtp://user%40acme:p%40ss@mail.acme.example:587?starttls=1&from=Firsthand%20<f@acme.example>",
            (
                "mail.acme.example",
                587,
                False,
                True,
                "user@acme",
                "p@ss",
                "Firsthand <f@acme.example>",
            ),
        ),
        (
            "smtps://mail.acme.example",
            ("mail.acme.example", 465, True, False, None, None, "firsthand@mail.acme.example"),
        ),
        (
            "smtp://127.0.0.1:1025",
            ("127.0.0.1", 1025, False, False, None, None, "firsthand@127.0.0.1"),
        ),
    ],
)
def test_smtp_url(url, expected):
    s = parse_smtp_url(url)
    assert (s.host, s.port, s.tls, s.starttls, s.username, s.password, s.sender) == expected


def test_a_bad_smtp_url_says_what_is_wrong():
    with pytest.raises(ValueError, match="smtp://"):
        parse_smtp_url("mail.acme.example:25")
