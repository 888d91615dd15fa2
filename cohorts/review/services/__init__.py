"""Review services: plain functions that own the transaction and the audit entry."""
