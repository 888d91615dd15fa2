"""The blocks a lesson body is made of."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("text"), max_length=200)
    level = blocks.ChoiceBlock(
        label=_("level"), choices=[("h2", _("Section")), ("h3", _("Subsection"))], default="h2"
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "courses/blocks/heading_block.html"


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("image"))
    alt_text = blocks.CharBlock(
        label=_("alternative text"),
        required=False,
        help_text=_("What the image shows, for people who cannot see it."),
    )
    caption = blocks.CharBlock(label=_("caption"), required=False)

    class Meta:
        icon = "image"
        label = _("Image with caption")
        template = "courses/blocks/captioned_image_block.html"


class VideoBlock(blocks.StructBlock):
    video = EmbedBlock(label=_("video URL"), help_text=_("A YouTube or Vimeo link."))
    caption = blocks.CharBlock(label=_("caption"), required=False)

    class Meta:
        icon = "media"
        label = _("Embedded video")
        template = "courses/blocks/video_block.html"


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("document"))
    label = blocks.CharBlock(
        label=_("link text"), required=False, help_text=_("Defaults to the document's title.")
    )

    class Meta:
        icon = "doc-full"
        label = _("Downloadable document")
        template = "courses/blocks/document_block.html"


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        label=_("kind"),
        choices=[("note", _("Note")), ("tip", _("Tip")), ("warning", _("Caution"))],
        default="note",
    )
    text = blocks.RichTextBlock(label=_("text"), features=["bold", "italic", "link", "ul", "ol"])

    class Meta:
        icon = "help"
        label = _("Callout / note")
        template = "courses/blocks/callout_block.html"


class KeyPointsBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"), required=False)
    # "points" alone is a grade's 配点; a lesson's key points are 要点.
    points = blocks.ListBlock(
        blocks.CharBlock(label=_("point")),
        label=pgettext_lazy("the key points of a lesson block", "points"),
    )

    class Meta:
        icon = "list-ul"
        label = _("Key points")
        template = "courses/blocks/key_points_block.html"


class LessonBodyBlock(blocks.StreamBlock):
    rich_text = blocks.RichTextBlock(
        label=_("Rich text"), features=["h3", "bold", "italic", "link", "ol", "ul", "hr"]
    )
    heading = HeadingBlock()
    image = CaptionedImageBlock()
    video = VideoBlock()
    document = DocumentBlock()
    callout = CalloutBlock()
    key_points = KeyPointsBlock()
