"""The upload pipeline for submission files: validation, private storage, safe download."""
