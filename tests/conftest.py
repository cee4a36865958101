import atexit
import os
import shutil
import tempfile
from pathlib import Path

import pytest

from cleaner.startup_cache import ENV

# The tests never write to the user's cache folder: the startup cache
# (cleaner/startup_cache.py) goes to a folder of this session, removed at exit.
os.environ[ENV] = tempfile.mkdtemp(prefix="sft-cleaner-test-cache-")
atexit.register(shutil.rmtree, os.environ[ENV], True)

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


@pytest.fixture
def samples() -> Path:
    return ROOT / "samples"
