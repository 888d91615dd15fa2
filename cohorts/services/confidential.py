"""The one way to log a view of confidential material (cohorts.models.ConfidentialView)."""

from django.contrib.contenttypes.models import ContentType

from cohorts.models import ConfidentialView


def record_view(*, viewer, trainee, obj, path=""):
    """Log that viewer opened obj, which is confidential material about trainee (a trainee
    membership). The trainee's own views are not logged; returns the row or None.

    Call it from the view (or export) that shows the material, after access was granted.
    """
    if viewer.pk == trainee.user_id:
        return None
    return ConfidentialView.objects.create(
        trainee=trainee,
        viewer=viewer,
        viewer_name=(viewer.get_full_name() or viewer.get_username())[:255],
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
        object_id=str(obj.pk),
        object_repr=str(obj)[:255],
        path=path[:500],
    )
