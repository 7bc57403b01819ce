# 19 Қыркүйек 2004 ж., 14:05 (Django has no Kazakh formats: without these, Kazakh pages printed 09/19/2004)
DATE_FORMAT = "j F Y ж."
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j F Y ж., H:i"
YEAR_MONTH_FORMAT = "F Y ж."
MONTH_DAY_FORMAT = "j F"
SHORT_DATE_FORMAT = "j b Y"
SHORT_DATETIME_FORMAT = "j b Y, H:i"
FIRST_DAY_OF_WEEK = 1  # Monday
