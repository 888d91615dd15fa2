"""Two saves of one section at once: one wins, the other is refused as stale, nothing is
lost or overwritten. The unique (section, number) constraint backs the version check on every
database; the threaded races need real concurrent transactions (PostgreSQL)."""

import threading

import pytest
from django.db import IntegrityError, connection, transaction

from cohorts.plans.models import SectionComment, SectionVersion
from cohorts.plans.services.comments import add_comment, resolve_comment
from cohorts.plans.services.plans import PlanConflict, PlanRefused, save_section

from .conftest import first_section


@pytest.mark.django_db
def test_two_versions_with_one_number_cannot_both_be_stored(world, section):
    with pytest.raises(IntegrityError), transaction.atomic():
        SectionVersion.objects.create(
            section=section, number=2, body="二つ目の第2版", author_name="x"
        )
    assert section.versions.count() == 2


def race(*callables):
    """Run the callables at the same instant in threads; returns their outcomes."""
    barrier = threading.Barrier(len(callables))
    outcomes = []

    def run(work):
        from django.db import connection as thread_connection

        try:
            barrier.wait(timeout=10)
            outcomes.append(("done", work()))
        except PlanConflict:
            outcomes.append(("conflict", None))
        except PlanRefused as refused:
            outcomes.append(("refused", refused.code))
        except Exception as error:  # recorded, so the assertion shows it
            outcomes.append(("error", repr(error)))
        finally:
            thread_connection.close()

    threads = [threading.Thread(target=run, args=(work,)) for work in callables]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return outcomes


def postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip("needs real concurrent transactions (PostgreSQL)")


@pytest.mark.slow
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_simultaneous_saves_on_postgresql():
    postgresql_only()
    from tests.world import build_world

    world = build_world()
    trainee = world.memberships["trainee"]
    section = first_section(trainee)
    save_section(trainee.user, section, body="第1版", based_on=0)

    def save(text):
        return lambda: save_section(trainee.user, section, body=text, based_on=1)[0].body

    outcomes = race(save("窓Aの文章"), save("窓Bの文章"))
    assert sorted(kind for kind, _value in outcomes) == ["conflict", "done"], outcomes
    winner = next(value for kind, value in outcomes if kind == "done")
    assert [v.body for v in section.versions.order_by("number")] == ["<p>第1版</p>", winner]


@pytest.mark.slow
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_simultaneous_resolutions_on_postgresql():
    postgresql_only()
    from tests.world import build_world

    world = build_world()
    trainee = world.memberships["trainee"]
    section = first_section(trainee)
    version, _created = save_section(trainee.user, section, body="第1版", based_on=0)
    comment = add_comment(world.users["mentor"], section, version=version, body="コメント")

    def resolve(user):
        return lambda: resolve_comment(user, SectionComment.objects.get(pk=comment.pk)).pk

    outcomes = race(resolve(trainee.user), resolve(world.users["mentor"]))
    assert sorted(kind for kind, _value in outcomes) == ["done", "refused"], outcomes
    assert ("refused", "already_resolved") in outcomes
    comment.refresh_from_db()
    assert not comment.is_open
