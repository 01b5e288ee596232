"""`pytest -m browser` runs the browser tests and nothing else (README, "Tests").

The other half, that `-m "not browser"` leaves every browser test out, holds by construction:
browser_tests/conftest.py refuses to collect a browser test whose module lacks the marker.
"""

import subprocess
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]


def collected_ids(*options):
    result = subprocess.run(  # noqa: S603 — our own interpreter and pytest, no user input
        [
            sys.executable,
            "-m",
            "pytest",
            "--collect-only",
            "-q",
            "-p",
            "no:cacheprovider",
            "-p",
            "no:xdist",
            *options,
        ],
        cwd=BASE_DIR,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return [line for line in result.stdout.splitlines() if "::" in line]


def test_minus_m_browser_collects_every_browser_test_module_and_nothing_else():
    ids = collected_ids("-m", "browser")

    assert len(ids) > 0
    assert [test for test in ids if not test.startswith("browser_tests/")] == []
    assert {test.split("::")[0] for test in ids} == {
        f"browser_tests/{module.name}" for module in (BASE_DIR / "browser_tests").glob("test_*.py")
    }
