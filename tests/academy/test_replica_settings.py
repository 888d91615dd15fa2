"""The read replica is off unless DATABASE_REPLICA_URL names a PostgreSQL database."""

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured
from django.db import connections

from academy.db_router import replica_reads
from academy.settings.replica import replica_from_env
from tests.factories import UserFactory


def test_off_by_default_and_configured_from_the_environment(monkeypatch):
    monkeypatch.delenv("DATABASE_REPLICA_URL", raising=False)
    assert replica_from_env() is None
    monkeypatch.setenv("DATABASE_REPLICA_URL", "postgres://reader:pw@replica.internal:5432/academy")
    config = replica_from_env()
    assert config["HOST"] == "replica.internal" and config["USER"] == "reader"
    assert config["TEST"] == {"MIRROR": "default"}
    monkeypatch.setenv("DATABASE_REPLICA_URL", "sqlite:///replica.sqlite3")
    with pytest.raises(ImproperlyConfigured):
        replica_from_env()


@pytest.mark.django_db
def test_without_a_replica_the_block_changes_nothing(settings):
    settings.DATABASE_ROUTERS = ["academy.db_router.ReplicaRouter"]
    assert "replica" not in connections.settings
    user = UserFactory()
    with replica_reads():
        assert get_user_model().objects.get(pk=user.pk)._state.db == "default"
