"""The two file formats, both written with flat memory: CSV streamed line by line, XLSX through openpyxl's
write-only workbook (rows go to a temporary file as they come) into a temporary file that is then sent."""

import csv
import tempfile

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from consultations.exports.rows import neutralised

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class _Line:
    """A file-like object that hands back what the csv writer writes (one line at a time)."""

    def write(self, value):
        return value


def csv_lines(header, rows):
    """The CSV file, line by line, UTF-8 with a byte order mark (so that Excel reads accents and emoji)."""
    writer = csv.writer(_Line())
    yield "\ufeff" + writer.writerow(header)
    for row in rows:
        yield writer.writerow(row)


def _xlsx_cell(value):
    # XML 1.0 has no place for control characters other than tab and line breaks: openpyxl refuses them.
    # Dropping them may uncover a formula ("\x01=1"), so the text is neutralised again after.
    return neutralised(ILLEGAL_CHARACTERS_RE.sub("", value)) if isinstance(value, str) else value


def xlsx_file(header, rows, title):
    """The XLSX workbook in a temporary file, rewound; the caller closes it (which deletes it)."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    sheet.append(header)
    for row in rows:
        # Every text is written as text: openpyxl would store a string starting with "=" as a formula, and
        # none reaches it (see rows.neutralised).
        sheet.append([_xlsx_cell(value) for value in row])
    output = tempfile.TemporaryFile(suffix=".xlsx")  # noqa: SIM115 (closed by the FileResponse)
    try:
        workbook.save(output)
    except BaseException:
        output.close()
        raise
    output.seek(0)
    return output
