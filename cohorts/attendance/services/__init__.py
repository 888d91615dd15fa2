"""Attendance's write paths: sessions, the roster, self check-in, absence warnings, reminders.

Each function owns its transaction and its audit entries; the site and the admin call them.
"""
