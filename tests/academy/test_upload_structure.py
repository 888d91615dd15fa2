"""Uploads refused by their structure, each with a good twin that still passes.

The corpus lives in tests/upload_corpus.py (STRUCTURE_GOOD, STRUCTURE_BAD).
"""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from cohorts.uploads.validation import validate_upload
from tests.upload_corpus import STRUCTURE_BAD, STRUCTURE_GOOD, upload


@pytest.mark.parametrize(
    ("name", "make", "kind"), STRUCTURE_GOOD, ids=[g[0] for g in STRUCTURE_GOOD]
)
def test_the_good_twin_passes(name, make, kind):
    assert validate_upload(upload(name, make())).kind == kind


@pytest.mark.parametrize(("name", "make", "code"), STRUCTURE_BAD, ids=[b[0] for b in STRUCTURE_BAD])
def test_the_bad_file_is_refused_with_a_message_naming_the_reason(name, make, code):
    with pytest.raises(ValidationError) as caught:
        validate_upload(upload(name, make()))
    assert caught.value.code == code
    with translation.override("ja"):
        message = str(caught.value.messages[0])
    assert name in message
    assert any("\u3040" <= ch <= "\u30ff" for ch in message), message
