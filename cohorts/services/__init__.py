"""Changes to the kernel's data, as plain functions that own the transaction and the audit.

`memberships`: joining, leaving and pairing (audited); `invitations`: links and e-mails.
Views, the roster import and the Wagtail admin all call these; none writes the models itself.
"""
