"""Two check-ins at once (a double tap, two tabs) make one row: the unique constraint and the
get_or_create-style service, raced for real on PostgreSQL."""

import threading

import pytest
from django.db import connection

from cohorts.attendance.models import Attendance
from cohorts.attendance.services.checkin import check_in
from tests.attendance.factories import SessionFactory
from tests.factories import MembershipFactory


@pytest.mark.slow
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="a real race needs PostgreSQL")
def test_two_check_ins_at_once_make_one_row():
    from django.db import connections

    membership = MembershipFactory()
    session = SessionFactory(cohort=membership.cohort, checkin_code="246810")
    barrier = threading.Barrier(2)
    results, errors = [], []

    def attempt():
        try:
            barrier.wait(timeout=10)
            results.append(check_in(user=membership.user, session=session, code="246810")[1])
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=attempt) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == []
    assert sorted(results) == [False, True]  # one made it, the other found it
    assert Attendance.objects.filter(session=session, membership=membership).count() == 1


@pytest.mark.django_db
def test_the_database_refuses_a_second_row():
    from django.db import IntegrityError

    membership = MembershipFactory()
    session = SessionFactory(cohort=membership.cohort)
    Attendance.objects.create(
        session=session, membership=membership, status="present", how="roster"
    )
    with pytest.raises(IntegrityError):
        Attendance.objects.create(
            session=session, membership=membership, status="late", how="self_checkin"
        )


@pytest.mark.slow
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="a real race needs PostgreSQL")
def test_a_roster_saved_while_a_check_in_is_being_written_waits_for_it():
    """The check-in inserts its row and holds its transaction open (the moment a roster could
    read the session's records, miss the row and then insert its own); the roster meanwhile
    waits on the session lock, then finds the check-in's row: one row, no error."""
    from django.db import connections, transaction

    from cohorts.attendance.services.records import take_roster
    from tests.factories import StaffFactory

    membership = MembershipFactory()
    staff = StaffFactory()
    session = SessionFactory(cohort=membership.cohort, checkin_code="246810")
    inserted = threading.Event()
    errors, done = [], []

    def checking_in():
        try:
            with transaction.atomic():
                check_in(user=membership.user, session=session, code="246810")
                inserted.set()
                threading.Event().wait(0.5)  # the roster arrives while this is uncommitted
            done.append("check-in")
        except Exception as error:  # pragma: no cover - reported below
            inserted.set()
            errors.append(error)
        finally:
            connections.close_all()

    def saving_roster():
        try:
            inserted.wait(timeout=10)
            take_roster(actor=staff, session=session, entries={membership: ("absent", "")})
            done.append("roster")
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=checking_in), threading.Thread(target=saving_roster)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == []
    assert done == ["check-in", "roster"]  # the roster waited for the check-in's commit
    records = Attendance.objects.filter(session=session, membership=membership)
    assert records.count() == 1
    assert records.get().status == "absent"  # the roster's later word, as a correction


@pytest.mark.django_db
def test_check_in_still_works_under_the_session_lock():
    membership = MembershipFactory()
    session = SessionFactory(cohort=membership.cohort, checkin_code="246810")
    record, created = check_in(user=membership.user, session=session, code="246810")
    assert created and record.how == Attendance.How.SELF_CHECKIN
    assert check_in(user=membership.user, session=session, code="246810") == (record, False)
