# English dates carry the weekday, on a 24-hour clock: Tue 1 Dec 2026, 21:10.
# The format strings follow Django's date filter.
DATE_FORMAT = "D j M Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "D j M Y, H:i"
SHORT_DATE_FORMAT = "Y-m-d"
SHORT_DATETIME_FORMAT = "Y-m-d H:i"

# Read by academy.datetimes only (Django's |date filter knows just the names above).
TIME_SECONDS_FORMAT = "H:i:s"
DATETIME_SECONDS_FORMAT = "D j M Y, H:i:s"
