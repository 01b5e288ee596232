"""Benchmark: screening one 2,000-character comment (the longest the form takes).

Run with `.venv/bin/python bench/screening.py`. No database: the blocklist is passed in (the seeded words).
Prints the median milliseconds of ``screen()`` for an everyday comment full of numbers, one with personal
data at its end, and texts made to be slow (digits, dots, dashes, spaces after "born").
"""

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "site_project.settings.test")

import django  # noqa: E402

django.setup()

from consultations.moderation.screening import screen  # noqa: E402
from consultations.moderation.tests.screening_corpus import EVERYDAY  # noqa: E402

LENGTH = 2000
BLOCKLIST = ["connard", "enculé", "fuck you", "salope", "pute", "nigger", "retard"]


def fill(text, end=""):
    return (text * (LENGTH // len(text) + 1))[: LENGTH - len(end)] + end


TEXTS = {
    "everyday (FR and EN corpus)": fill(" ".join(EVERYDAY["fr"] + EVERYDAY["en"]) + " "),
    "everyday + a number at the end": fill(" ".join(EVERYDAY["en"]) + " ", end=" call me on 07700 900123"),
    "2,000 digits": "1" * LENGTH,
    "1.1.1.1…": fill("1."),
    "1 - 1 - 1…": fill("1 - "),
    "12 12 12…": fill("12 "),
    "born + spaces": fill("born" + " " * 100),
    "Capitalised Words Academy…": fill("Abc Def Academy "),
}


def median_ms(text, runs=15):
    timings = []
    for _run in range(runs):
        started = time.perf_counter()
        screen(text, blocklist=BLOCKLIST)
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings)


if __name__ == "__main__":
    for label, text in TEXTS.items():
        assert len(text) == LENGTH, (label, len(text))
        print(f"{label:32} {median_ms(text):7.1f} ms")
