"""The "about" block's heading becomes optional: empty, the page says "About this consultation" in its own
language. Headings stored equal to that default, in any of the site's languages (typed by Wagtail's old default
in the editor's admin language, then copied into every translation), are emptied, in the live data and in
every revision (Wagtail's MigrateStreamData walks both). A heading an organiser typed is kept as typed.
The reverse leaves the data as it is: an empty heading is valid both before and after."""

from django.conf import settings
from django.db import migrations
from django.utils import translation
from django.utils.deconstruct import deconstructible
from django.utils.functional import cached_property
from wagtail.blocks.migrations.migrate_operation import MigrateStreamData
from wagtail.blocks.migrations.operations import BaseBlockOperation
import wagtail.fields

DEFAULT_HEADING = "About this consultation"


def fold(text):
    """Compared as people read it: no case, no surrounding or repeated spaces (non-breaking ones included)."""
    return " ".join(text.split()).casefold()


@deconstructible
class EmptyDefaultHeadingOperation(BaseBlockOperation):
    """On an "about" block's value: a heading that is the default, in the English source or in a catalogue's
    translation (read when the migration runs), becomes empty."""

    @cached_property
    def defaults(self):
        headings = {DEFAULT_HEADING}
        for code, _name in settings.LANGUAGES:
            with translation.override(code):
                headings.add(translation.gettext(DEFAULT_HEADING))
        return {fold(heading) for heading in headings}

    def apply(self, block_value):
        heading = block_value.get("heading") if isinstance(block_value, dict) else None
        if isinstance(heading, str) and heading and fold(heading) in self.defaults:
            return {**block_value, "heading": ""}
        return block_value

    @property
    def operation_name_fragment(self):
        return "empty_default_about_headings"



class Migration(migrations.Migration):

    dependencies = [
        ('consultations', '0023_one_conversation_per_consultation'),
    ]

    operations = [
        migrations.AlterField(
            model_name='consultationpage',
            name='body',
            field=wagtail.fields.StreamField([('paragraph', 0), ('image', 1), ('video', 2), ('kick_off_meeting', 11), ('about', 15)], blank=True, block_lookup={0: ('wagtail.blocks.RichTextBlock', (), {'description': 'Formatted text.', 'features': ['h2', 'h3', 'bold', 'italic', 'link', 'ol', 'ul'], 'icon': 'pilcrow', 'label': 'Text', 'preview_value': '<p>Tell us what you think: every answer is read.</p>', 'template': 'consultations/blocks/paragraph.html'}), 1: ('wagtail.images.blocks.ImageBlock', [], {'description': 'An image with alternative text.', 'label': 'Image'}), 2: ('wagtail.embeds.blocks.EmbedBlock', (), {'description': 'A video from YouTube, Vimeo or another embeddable service.', 'icon': 'media', 'label': 'Video', 'template': 'consultations/blocks/video.html'}), 3: ('wagtail.blocks.DateBlock', (), {'label': 'date'}), 4: ('wagtail.blocks.TimeBlock', (), {'label': 'start time'}), 5: ('wagtail.blocks.TimeBlock', (), {'label': 'end time', 'required': False}), 6: ('wagtail.blocks.CharBlock', (), {'help_text': 'Address or name of the venue. Leave empty for an online meeting.', 'label': 'place', 'max_length': 255, 'required': False}), 7: ('wagtail.blocks.URLBlock', (), {'help_text': 'A link to the place on OpenStreetMap, e.g. https://www.openstreetmap.org/?mlat=…', 'label': 'map link', 'required': False}), 8: ('wagtail.blocks.TextBlock', (), {'help_text': 'How to get in, e.g. “Step-free entrance, lift to the first floor, accessible toilets.”', 'label': 'access', 'required': False}), 9: ('wagtail.blocks.URLBlock', (), {'label': 'online link', 'required': False}), 10: ('wagtail.blocks.TextBlock', (), {'help_text': 'What will happen, who is welcome, what to bring.', 'label': 'note', 'required': False}), 11: ('wagtail.blocks.StructBlock', [[('date', 3), ('start_time', 4), ('end_time', 5), ('place', 6), ('map_url', 7), ('accessibility', 8), ('online_link', 9), ('note', 10)]], {}), 12: ('wagtail.blocks.CharBlock', (), {'help_text': "Leave empty to show “About this consultation” in the page's language. A heading typed here is shown exactly as typed, on this page only: type it again in each translation.", 'label': 'heading', 'max_length': 120, 'required': False}), 13: ('wagtail.blocks.CharBlock', (), {'label': 'organiser', 'max_length': 200}), 14: ('wagtail.blocks.RichTextBlock', (), {'features': ['bold', 'italic', 'link', 'ul'], 'label': 'what happens with your answers'}), 15: ('wagtail.blocks.StructBlock', [[('heading', 12), ('organiser', 13), ('what_happens_next', 14)]], {})}, verbose_name='body'),
        ),
        MigrateStreamData(
            app_name="consultations",
            model_name="consultationpage",
            field_name="body",
            operations_and_block_paths=[(EmptyDefaultHeadingOperation(), "about")],
        ),
    ]
