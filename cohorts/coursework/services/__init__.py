"""Changes to coursework as plain functions that own the transaction and the audit entry.

`assignments` (setting and changing them, audited), `extensions` (audited), `submissions`
(drafts, submits, resubmits). The site's views and the Wagtail admin both call these.
"""
