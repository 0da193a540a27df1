"""One URL canonicaliser in two languages: the shared vectors, and the two agreeing on
thousands of generated links (the JavaScript side runs in node)."""

import json
import random
import shutil
import subprocess
from pathlib import Path

import pytest

from firsthand.canonical import MAX_URL_LENGTH, NETWORK_HOSTS, canonical_url, linkedin_posted_at
from firsthand.errors import ApiError
from firsthand.validation import load_schemas

REPO = Path(__file__).resolve().parents[1]
VECTORS = json.loads((REPO / "shared" / "canonical-url-vectors.json").read_text())["vectors"]


def python_canonical(url: str, network: str) -> str | None:
    try:
        return canonical_url(url, network)
    except ApiError as error:
        assert error.status == 422 and error.details[0]["field"] == "url"
        return None


@pytest.mark.parametrize("vector", VECTORS, ids=lambda v: v["note"])
def test_shared_vector(vector):
    assert (python_canonical(vector["url"], vector["network"]) or "rejected") == vector["expect"]


def test_vectors_cover_what_the_spec_names():
    urls = " ".join(v["url"] for v in VECTORS)
    for needle in (
        "urn:li:activity:",
        "urn:li:share:",
        "urn:li:ugcPost:",
        "-activity-",
        "/embed/",
        "lnkd.in",
        "utm_",
        "trk=",
        "rcm=",
        "mobile.twitter.com",
        "m.linkedin.com",
        "m.facebook.com",
        "x.com",
        "twitter.com",
        "[::1",
        ":65536",
        "javascript:",
    ):
        assert needle in urls, needle
    assert {v["network"] for v in VECTORS} == {"linkedin", "x", "facebook", "other"}
    assert any(len(v["url"]) > 2048 for v in VECTORS) and any(v["url"] == "" for v in VECTORS)
    assert sum(v["expect"] == "rejected" for v in VECTORS) > 40


def test_the_contract_accepts_the_networks_and_lengths_the_canonicaliser_knows():
    url = load_schemas()["share-create.request"]["properties"]["url"]
    network = load_schemas()["share-create.request"]["properties"]["network"]
    assert network["enum"] == [*NETWORK_HOSTS, "other"]
    assert url["maxLength"] == MAX_URL_LENGTH


def test_an_id_decodes_to_an_aware_time():
    url = canonical_url(VECTORS[0]["url"], "linkedin")
    posted = linkedin_posted_at(url)
    assert posted.tzinfo is not None and posted.year == 2024


HOSTS = [
    "www.linkedin.com",
    "m.linkedin.com",
    "lnkd.in",
    "x.com",
    "mobile.twitter.com",
    "t.co",
    "m.facebook.com",
    "fb.watch",
    "example.com",
    "Blog.Example.COM",
    "[::1]",
    "[::1",
    "192.168.0.1",
    "localhost",
    "exa_mple.com",
    "b\u00fccher.de",
    "\u212aelvin.com",
    "xn--bcher-kva.de",
    "",
    "example.com.",
    "www.linkedin.com.",
    "b\u00fccher.de.",
    "example.com..",
]
SEGMENTS = [
    "feed/update/urn:li:activity:7234567890123456789",
    "posts/jane-activity-7234567890123456789-AbC",
    "embed/feed/update/urn%3Ali%3Ashare%3A7000000000000000001",
    "x-ugcPost-7111111111111111111",
    "urn:li:activity:99999999999999999999",
    "jane/status/1850000000000000000",
    "i/web/status/1850000000000000000",
    "caf\u00e9",
    "\U0001f680",
    "a%2Fb",
    "%zz",
    "50%",
    "%",
    "..",
    "a b",
    "a\\b",
    "~x",
    "[x]",
    "",
]
QUERY_PARTS = [
    "utm_source=x",
    "trk=1",
    "a=1",
    "A=3",
    "q=hello+world",
    "q=a%20b",
    "k=%ff",
    "k=%e2%82",
    "k=%C3\u00e9",
    "e=caf\u00e9",
    "x",
    "",
    "UTM_X=2",
    "k=a~b*c!",
    "\U0001f600=2",
    "u=urn:li:activity:7000000000000000001",
    "a=1=2",
    "%41=b",
]


def generated_links(count: int, seed: int) -> list[tuple[str, str]]:
    """Links assembled from awkward parts, each with the network its host suggests (mostly)."""
    rnd = random.Random(seed)
    owners = {"linkedin": ("linkedin", "lnkd"), "x": ("x.com", "twitter", "t.co")}
    owners["facebook"] = ("facebook", "fb.")
    cases = []
    for _ in range(count):
        host = rnd.choice(HOSTS)
        network = next((n for n, keys in owners.items() if any(k in host for k in keys)), "other")
        if rnd.random() < 0.15:
            network = rnd.choice(["linkedin", "x", "facebook", "other"])
        scheme = (
            "https://" if rnd.random() < 0.8 else rnd.choice(["http://", "HTTP://", "ftp://", ""])
        )
        extra = rnd.choice(["", "", "", "jane@", ":8080", ":443", ":0", ":65536", ":x", ":"])
        path = "/" + "/".join(rnd.choice(SEGMENTS) for _ in range(rnd.randint(0, 3)))
        query = "&".join(rnd.choice(QUERY_PARTS) for _ in range(rnd.randint(0, 4)))
        tail = rnd.choice(["", "/", "//"]) + (f"?{query}" if rnd.random() < 0.6 else "")
        space = rnd.choice(["", "", " ", "\t"])
        url = space + scheme + (extra if "@" in extra else "") + host
        url += ("" if "@" in extra else extra) + path + tail + rnd.choice(["", "#frag"]) + space
        cases.append((url, network))
    return cases


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_python_and_javascript_agree_on_generated_links():
    cases = generated_links(3000, seed=9)
    script = (
        "const {canonicalUrl} = require('./extension/lib/share-url.js');"
        "const cases = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
        "process.stdout.write(JSON.stringify(cases.map(([u, n]) => canonicalUrl(u, n))));"
    )
    answer = subprocess.run(
        ["node", "-e", script],
        input=json.dumps(cases),
        capture_output=True,
        text=True,
        check=True,
        cwd=REPO,
        timeout=60,
    )
    javascript = json.loads(answer.stdout)
    python = [python_canonical(url, network) for url, network in cases]
    assert sum(p is not None for p in python) > 300  # enough of them are accepted links
    disagreements = [
        (case, p, j) for case, p, j in zip(cases, python, javascript, strict=True) if p != j
    ]
    assert disagreements == []
