"""How the tests read an export back, as a person would: the CSV with the csv module, the XLSX with openpyxl."""

import csv
import io

from openpyxl import load_workbook


def body(response):
    return b"".join(response.streaming_content)


def csv_rows(content):
    text = content.decode("utf-8")
    assert text.startswith("\ufeff"), "Excel needs the byte order mark to read UTF-8"
    return list(csv.reader(io.StringIO(text[1:], newline="")))


def xlsx_rows(content):
    """Each row's cells as text, as the CSV has them (a number as its digits)."""
    sheet = load_workbook(io.BytesIO(content), read_only=True).worksheets[0]
    return [
        ["" if value is None else str(value) for value in row] for row in sheet.iter_rows(values_only=True)
    ]


READERS = {"csv": csv_rows, "xlsx": xlsx_rows}


def export_rows(response, file_format):
    assert response.status_code == 200
    return READERS[file_format](body(response))
