#!/usr/bin/env python3
"""Package the extension: dist/firsthand-chrome.zip and dist/firsthand-firefox.zip.

Chrome runs background/service-worker.js, which importScripts() the background files;
Firefox's MV3 event page lists the same files under background.scripts and needs a gecko id.
A company that hosts its own server passes its origin so the connect page is recognised:

    .venv/bin/python scripts/build_extension.py [--server-origin https://firsthand.acme.com]

The unpacked builds stay in build/chrome and build/firefox (for `web-ext lint`).
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import zipfile
from pathlib import Path
from urllib.parse import urlsplit

REPO = Path(__file__).resolve().parents[1]
SOURCE = REPO / "extension"
GECKO_ID = "firsthand@firsthand.example"
FIXED_TIME = (2026, 1, 1, 0, 0, 0)  # identical input, identical zip


def background_files() -> list[str]:
    """The files service-worker.js imports, as paths from the extension root."""
    worker = (SOURCE / "background" / "service-worker.js").read_text()
    imported = re.findall(r"'([^']+\.js)'", worker.split("importScripts(", 1)[1].split(")", 1)[0])
    return [
        str((Path("background") / name).as_posix()).replace("background/../", "")
        for name in imported
    ]


def connect_match(origin: str) -> str:
    parts = urlsplit(origin)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise SystemExit(
            f"--server-origin must look like https://firsthand.example.com, got {origin}"
        )
    return f"{parts.scheme}://{parts.hostname}/connect*"


def chrome_manifest(base: dict, origins: list[str]) -> dict:
    manifest = json.loads(json.dumps(base))
    for script in manifest["content_scripts"]:
        if "content/connect.js" in script["js"]:
            script["matches"] += [connect_match(o) for o in origins]
    return manifest


def firefox_manifest(base: dict, origins: list[str]) -> dict:
    manifest = chrome_manifest(base, origins)
    manifest["background"] = {"scripts": background_files()}
    manifest["browser_specific_settings"] = {
        "gecko": {
            "id": GECKO_ID,
            "strict_min_version": "142.0",
            # Drafts go to the company's own Firsthand server to be read (never stored there).
            "data_collection_permissions": {"required": ["websiteContent"]},
        }
    }
    return manifest


def build(target: Path, manifest: dict) -> None:
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(SOURCE, target, ignore=shutil.ignore_patterns(".*", "*.md"))
    (target / "manifest.json").write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n")


def zip_dir(folder: Path, archive: Path) -> None:
    archive.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            info = zipfile.ZipInfo(path.relative_to(folder).as_posix(), FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, path.read_bytes())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--server-origin",
        action="append",
        default=[],
        help="origin of your Firsthand server (repeatable)",
    )
    args = parser.parse_args()
    base = json.loads((SOURCE / "manifest.json").read_text())
    for name, manifest in (
        ("chrome", chrome_manifest(base, args.server_origin)),
        ("firefox", firefox_manifest(base, args.server_origin)),
    ):
        folder = REPO / "build" / name
        build(folder, manifest)
        archive = REPO / "dist" / f"firsthand-{name}.zip"
        zip_dir(folder, archive)
        print(f"wrote {archive.relative_to(REPO)} ({archive.stat().st_size // 1024} KiB)")


if __name__ == "__main__":
    main()
