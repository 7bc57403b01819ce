# 2004 жылғы 19 Қыркүйек, 14:05 — the reports' order (reports/documents/texts.py). Django has no Kazakh formats:
# without these, Kazakh pages printed 09/19/2004.
DATE_FORMAT = "Y жылғы j F"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "Y жылғы j F, H:i"
YEAR_MONTH_FORMAT = "Y жылғы F"
MONTH_DAY_FORMAT = "j F"
SHORT_DATE_FORMAT = "j b Y"
SHORT_DATETIME_FORMAT = "j b Y, H:i"
FIRST_DAY_OF_WEEK = 1  # Monday
# Numbers as in Russian (and in the reports' texts): 9 530 stations, 1,5 — without these, Kazakh pages printed 9530.
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "\xa0"
NUMBER_GROUPING = 3
