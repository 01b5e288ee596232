"""SECURITY.md names, for each adversary, the test that proves each line: those tests must exist."""

import re
from pathlib import Path

from django.conf import settings

SECURITY = Path(settings.BASE_DIR) / "SECURITY.md"
REFERENCE = re.compile(r"`([\w/]+/test_\w+\.py)(?:::(\w+))?`")
FRAGMENT = re.compile(r"`…(\w+)…`")


def references():
    for line in SECURITY.read_text(encoding="utf-8").splitlines():
        for match in REFERENCE.finditer(line):
            yield line, match.group(1), match.group(2)


def test_security_document_names_tests():
    assert len(list(references())) >= 30


def test_every_test_named_in_the_security_document_exists():
    missing = []
    for line, path, name in references():
        module = Path(settings.BASE_DIR) / path
        if not module.is_file():
            missing.append(path)
            continue
        source = module.read_text(encoding="utf-8")
        if name and f"def {name}(" not in source:
            missing.append(f"{path}::{name}")
        # "`path` (`…part_of_a_name…`)": each part names a test of that module.
        if not name and f"`{path}` (" in line:
            listed = line.split(f"`{path}` (", 1)[1].split(")", 1)[0]
            missing += [
                f"{path}::…{part}…"
                for part in FRAGMENT.findall(listed)
                if not re.search(rf"def test_\w*{part}\w*\(", source)
            ]
    assert missing == []
