"""Calendar's write paths: make (or replace) and revoke a person's feed token."""
