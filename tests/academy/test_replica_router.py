"""The read replica for reports: off by default; with a "replica" alias (a test mirror of the
default database, as Django documents), reads inside replica_reads() go to it and every write
stays on the primary."""

import copy

import pytest
from django.contrib.auth import get_user_model
from django.db import connections, router
from django.test.utils import CaptureQueriesContext

from academy.db_router import ReplicaRouter, reads_from_replica, replica_reads
from tests.factories import UserFactory

# The replica is another connection: what it reads must be committed.
pytestmark = [
    pytest.mark.usefixtures("replica_alias"),
    pytest.mark.django_db(
        transaction=True, serialized_rollback=True, databases=["default", "replica"]
    ),
]


@pytest.fixture(scope="module")
def replica_alias(django_db_setup, django_db_blocker):
    """A second alias for the same test database (a test mirror), for this module only."""
    default = connections["default"].settings_dict
    mirror = copy.deepcopy(default)
    mirror["TEST"] = {**default.get("TEST", {}), "MIRROR": "default"}
    connections.settings["replica"] = mirror
    yield
    with django_db_blocker.unblock():
        connections["replica"].close()
    del connections["replica"]
    del connections.settings["replica"]


@pytest.fixture
def replica(settings):
    settings.DATABASE_ROUTERS = ["academy.db_router.ReplicaRouter"]
    return connections["replica"]


def queries_on(alias):
    return CaptureQueriesContext(connections[alias])


def test_reads_in_a_replica_block_go_to_the_replica_and_writes_to_the_primary(replica):
    user = UserFactory(display_name="受講生 花子")
    with queries_on("default") as on_default, queries_on("replica") as on_replica, replica_reads():
        read = get_user_model().objects.get(pk=user.pk)
        assert read._state.db == "replica"
        read.display_name = "受講生 花子さん"
        read.save(update_fields=["display_name"])  # a write: the primary
    assert len(on_replica) == 1 and "SELECT" in on_replica[0]["sql"]
    assert len(on_default) == 1 and "UPDATE" in on_default[0]["sql"]
    assert get_user_model().objects.get(pk=user.pk).display_name == "受講生 花子さん"


def test_outside_the_block_reads_stay_on_the_primary(replica):
    user = UserFactory()
    with queries_on("replica") as on_replica:
        assert get_user_model().objects.get(pk=user.pk)._state.db == "default"
    assert len(on_replica) == 0


def test_a_view_decorated_for_reports_reads_from_the_replica(replica, rf):
    UserFactory.create_batch(3)

    @reads_from_replica
    def report(request):
        return get_user_model().objects.count()

    with queries_on("replica") as on_replica:
        assert report(rf.get("/reports/")) == 3
    assert len(on_replica) == 1


def test_the_replica_is_never_migrated():
    routing = ReplicaRouter()
    assert routing.allow_migrate("replica", "academy") is False
    assert routing.allow_migrate("default", "academy") is True
    assert router.db_for_write(get_user_model()) == "default"
