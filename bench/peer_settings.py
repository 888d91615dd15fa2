"""Production settings for the side-by-side bench (bench/peer_pages.py): only what a scratch
run needs differs (static files collected into the scratch folder, the bare "ok" view)."""

import os
from pathlib import Path

from academy.settings.production import *  # noqa: F403

ROOT_URLCONF = "bench.peer_urls"
STATIC_ROOT = Path(os.environ["BENCH_STATIC_ROOT"])
