"""Copy the console's third-party assets from node_modules into the server's static folder.

Run after changing their versions in package.json (`npm install`, then this script); the
copies are committed, so the server never loads anything from a CDN. A test checks that
the committed copies equal what npm installed.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
VENDOR = REPO / "server" / "firsthand" / "static" / "vendor"

# npm package file -> vendored path (each package's licence travels with it)
ASSETS = {
    "@picocss/pico/css/pico.min.css": "pico/pico.min.css",
    "@picocss/pico/LICENSE.md": "pico/LICENSE.md",
    # The console's analytics charts (each chart also has its data as a table and a CSV).
    "chart.js/dist/chart.umd.min.js": "chartjs/chart.umd.min.js",
    "chart.js/LICENSE.md": "chartjs/LICENSE.md",
}


def main() -> int:
    for source, target in ASSETS.items():
        src = REPO / "node_modules" / source
        if not src.exists():
            print(f"missing {src}: run `npm ci` first", file=sys.stderr)
            return 1
        dest = VENDOR / target
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, dest)
        print(f"{source} -> {dest.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
