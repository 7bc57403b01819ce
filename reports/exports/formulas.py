"""Cells a spreadsheet would run as formulas: text from phones and labels from the form editor must not be."""

# A cell starting with one of these is run as a formula by spreadsheets.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def formula_safe(value):
    """Text that would start a formula, prefixed with an apostrophe (shown as text); anything else as it is."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
