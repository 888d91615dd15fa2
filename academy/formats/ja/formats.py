# Japanese dates carry the weekday (曜日) in full-width brackets, the time right after it:
# 2026年12月12日（土）13:00. The format strings follow Django's date filter (D is the
# translated short weekday).
DATE_FORMAT = "Y年n月j日（D）"
TIME_FORMAT = "G:i"
DATETIME_FORMAT = "Y年n月j日（D）G:i"
SHORT_DATE_FORMAT = "Y/m/d"
SHORT_DATETIME_FORMAT = "Y/m/d G:i"

# Read by academy.datetimes only (Django's |date filter knows just the names above).
TIME_SECONDS_FORMAT = "G:i:s"
DATETIME_SECONDS_FORMAT = "Y年n月j日（D）G:i:s"
