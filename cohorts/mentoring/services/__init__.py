"""Mentoring's write paths: recording and editing meetings, ticking action items."""
