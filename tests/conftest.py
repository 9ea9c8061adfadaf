"""Test-wide settings: drafter's on-disk cache goes to a fresh folder, never the tester's home."""

import os
import tempfile

os.environ["DRAFTER_CACHE_DIR"] = tempfile.mkdtemp(prefix="drafter-test-cache-")
