"""One clock: how dates and times print in each language of the site (FORMAT_MODULE_PATH). 24-hour times, month
names in the reader's language, no mm/dd/yyyy. Input formats are Django's for the language (ISO is always accepted).
A template names one of these formats (`|date:"SHORT_DATETIME_FORMAT"`) or uses the `clock` filters; it never spells
out a format of its own (tests/config/test_formats.py scans the templates)."""
