"""scripts/build_extension.py: one zip per browser, with the manifest each needs."""

import json
import subprocess
import sys
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def manifest_in(archive: Path) -> dict:
    with zipfile.ZipFile(archive) as zf:
        return json.loads(zf.read("manifest.json"))


def test_builds_chrome_and_firefox_packages():
    subprocess.run(
        [
            sys.executable,
            str(REPO / "scripts" / "build_extension.py"),
            "--server-origin",
            "https://firsthand.acme.example",
        ],
        check=True,
        capture_output=True,
    )
    chrome = manifest_in(REPO / "dist" / "firsthand-chrome.zip")
    firefox = manifest_in(REPO / "dist" / "firsthand-firefox.zip")
    assert chrome["background"] == {"service_worker": "background/service-worker.js"}
    assert firefox["background"]["scripts"] == [
        "lib/storage.js",
        "lib/share-url.js",
        "lib/failures.js",
        "lib/i18n.js",
        "lib/sites.js",
        "lib/outbox-rules.js",
        "lib/text-limits.js",
        "lib/story-match.js",
        "lib/server-clock.js",
        "background/api.js",
        "background/outbox.js",
        "background/router.js",
        "background/my-data.js",
        "background/reach.js",
        "background/site-scripts.js",
        "background/stories.js",
        "background/commands.js",
    ]
    assert firefox["browser_specific_settings"]["gecko"]["id"]
    for manifest in (chrome, firefox):
        # alarms: outbox retries must wake a worker that went to sleep
        assert manifest["permissions"] == ["storage", "alarms"]
        assert manifest["host_permissions"] == ["https://www.linkedin.com/*"]
        assert manifest["optional_permissions"] == ["scripting"]
        assert "https://x.com/*" in manifest["optional_host_permissions"]
        connect = next(c for c in manifest["content_scripts"] if "content/connect.js" in c["js"])
        assert "https://firsthand.acme.example/connect*" in connect["matches"]
    with zipfile.ZipFile(REPO / "dist" / "firsthand-firefox.zip") as zf:
        names = set(zf.namelist())
    for script in firefox["background"]["scripts"]:
        assert script in names
    subprocess.run(
        [sys.executable, str(REPO / "scripts" / "build_extension.py")],
        check=True,
        capture_output=True,
    )  # leave the default build behind
