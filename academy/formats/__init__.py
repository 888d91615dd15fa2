"""Date and time formats per language (settings.FORMAT_MODULE_PATH), read by academy.datetimes.

Django's own `{{ value|date:"DATETIME_FORMAT" }}` reads the same modules, so it matches.
"""
