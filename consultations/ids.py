"""Database ids read from URLs, forms and query strings: bounded before they reach a query.

A value past the largest 64-bit integer raises OverflowError on SQLite and DataError on
PostgreSQL when it is compared with a foreign-key column (comment and page ids are one-to-one
links to their parent table, which Django's own overflow check does not cover). Every id a
visitor can type goes through this module, so it becomes "not found" instead of a 500.
"""

from django.urls import register_converter

MAX_ID = 2**63 - 1


def parse_id(value):
    """The id written in ``value`` (ASCII digits, no sign, within the 64-bit range), or None."""
    value = str(value)
    if not (value.isascii() and value.isdigit() and len(value) <= len(str(MAX_ID))):
        return None
    number = int(value)
    return number if 0 < number <= MAX_ID else None


class IdConverter:
    """``<id:name>`` in a URL: a positive id within the 64-bit range; anything else is no match (404)."""

    regex = "[1-9][0-9]{0,18}"

    def to_python(self, value):
        number = int(value)
        if number > MAX_ID:
            raise ValueError("id out of range")
        return number

    def to_url(self, value):
        return str(value)


register_converter(IdConverter, "id")
