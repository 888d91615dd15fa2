"""Japanese names for what Wagtail's own migrations create in English (see migrations/)."""
