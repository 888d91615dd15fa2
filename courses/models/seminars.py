"""Seminar pages: SeminarIndexPage > SeminarPage, with speakers inline."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.images import get_image_model
from wagtail.models import Orderable, Page
from wagtail.search import index

LISTING_RENDITION = "fill-640x360"


class RegistrationState(models.TextChoices):
    OPEN = "open", _("Registration is open.")
    NOT_YET = "not_yet", _("Registration has not opened yet.")
    CLOSED = "closed", _("Registration is closed.")
    PAST = "past", _("This seminar has already taken place.")
    NO_REGISTRATION = "none", _("This seminar does not take registrations.")


class SeminarIndexPage(Page):
    """Lists upcoming and past seminars."""

    intro = RichTextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    parent_page_types = ["courses.HomePage"]
    subpage_types = ["courses.SeminarPage"]

    class Meta:
        verbose_name = _("seminar index")

    def seminars(self):
        """Live seminars with their seat count and listing image: a fixed number of queries."""
        images = get_image_model().objects.prefetch_renditions(LISTING_RENDITION)
        return (
            SeminarPage.objects.live()
            .public()
            .child_of(self)
            .annotate(
                confirmed_count=Count("registrations", filter=Q(registrations__status="confirmed"))
            )
            .defer("body")  # listings show the summary, not the body
            .prefetch_related(models.Prefetch("image", queryset=images))
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        now = timezone.now()
        seminars = self.seminars()
        context["upcoming"] = seminars.filter(ends_at__gte=now).order_by("starts_at")
        context["past"] = seminars.filter(ends_at__lt=now).order_by("-starts_at")
        context["listing_rendition"] = LISTING_RENDITION
        return context


class SeminarPage(Page):
    """An in-person (or online) seminar; open ones take registrations from visitors."""

    summary = models.TextField(_("summary"), blank=True, help_text=_("Shown in listings."))
    body = RichTextField(_("body"), blank=True)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    starts_at = models.DateTimeField(_("starts at"), null=True)
    ends_at = models.DateTimeField(_("ends at"), null=True)
    venue_name = models.CharField(_("venue"), max_length=200, blank=True)
    venue_address = models.CharField(_("venue address"), max_length=300, blank=True)
    capacity = models.PositiveIntegerField(
        _("capacity"), default=30, help_text=_("Seats; 0 means no registration on this site.")
    )
    registration_opens_at = models.DateTimeField(
        _("registration opens at"), null=True, blank=True, help_text=_("Empty: open now.")
    )
    registration_closes_at = models.DateTimeField(
        _("registration closes at"),
        null=True,
        blank=True,
        help_text=_("Empty: open until the seminar starts."),
    )
    online_url = models.URLField(
        _("online link"),
        blank=True,
        help_text=_("Shown only to registered people, never on the public page."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("image"),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")])], heading=_("When")
        ),
        MultiFieldPanel(
            [FieldPanel("venue_name"), FieldPanel("venue_address"), FieldPanel("online_url")],
            heading=_("Where"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("capacity"),
                FieldRowPanel(
                    [FieldPanel("registration_opens_at"), FieldPanel("registration_closes_at")]
                ),
            ],
            heading=_("Registration"),
        ),
        InlinePanel("speakers", label=_("Speakers")),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("venue_name"),
        index.RelatedFields("speakers", [index.SearchField("name")]),
        index.FilterField("starts_at"),
    ]
    parent_page_types = ["courses.SeminarIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("seminar")

    def clean(self):
        super().clean()
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("The seminar must end after it starts.")
        if (
            self.registration_opens_at
            and self.registration_closes_at
            and self.registration_closes_at <= self.registration_opens_at
        ):
            errors["registration_closes_at"] = _("Registration must close after it opens.")
        if (
            self.registration_closes_at
            and self.ends_at
            and self.registration_closes_at > self.ends_at
        ):
            errors["registration_closes_at"] = _("Registration must close before the seminar ends.")
        if errors:
            raise ValidationError(errors)

    @property
    def closes_at(self):
        return self.registration_closes_at or self.starts_at

    def registration_state(self, now=None):
        now = now or timezone.now()
        if not self.capacity:
            return RegistrationState.NO_REGISTRATION
        if self.ends_at and self.ends_at < now:
            return RegistrationState.PAST
        if self.registration_opens_at and now < self.registration_opens_at:
            return RegistrationState.NOT_YET
        if self.closes_at and now >= self.closes_at:
            return RegistrationState.CLOSED
        return RegistrationState.OPEN

    @property
    def is_past(self):
        return bool(self.ends_at and self.ends_at < timezone.now())

    def confirmed_seats(self):
        if hasattr(self, "confirmed_count"):
            return self.confirmed_count
        if self.pk is None:  # a preview of a page not saved yet
            return 0
        return self.registrations.confirmed().count()

    def seats_left(self):
        return max(self.capacity - self.confirmed_seats(), 0)

    def get_context(self, request, *args, **kwargs):
        from .registrations import SeminarRegistration

        context = super().get_context(request, *args, **kwargs)
        context["state"] = self.registration_state()
        context["seats_left"] = self.seats_left()
        context["speakers"] = self.speakers.all()
        context["my_registration"] = SeminarRegistration.objects.active_for_user(self, request.user)
        return context

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        if request.user.is_authenticated:
            response["Cache-Control"] = "private, no-store"
        return response


class SeminarSpeaker(Orderable):
    page = ParentalKey(SeminarPage, on_delete=models.CASCADE, related_name="speakers")
    name = models.CharField(_("name"), max_length=100)
    affiliation = models.CharField(_("affiliation"), max_length=200, blank=True)
    bio = models.TextField(_("profile"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("affiliation"), FieldPanel("bio")]

    class Meta(Orderable.Meta):
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")

    def __str__(self):
        return self.name
