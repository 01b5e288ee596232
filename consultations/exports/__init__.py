"""Exports for organisers: a consultation's published comments as a CSV or XLSX file (issue 16)."""
