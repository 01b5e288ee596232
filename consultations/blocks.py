"""StreamField blocks of a consultation page's body."""

import datetime
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.forms.utils import ErrorList
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageBlock

OPENSTREETMAP_HOSTS = {"openstreetmap.org", "www.openstreetmap.org", "osm.org", "www.osm.org"}


def is_openstreetmap_url(url):
    """An https link to openstreetmap.org or osm.org, the only maps a meeting may link to."""
    try:
        parts = urlsplit(url or "")
        host = (parts.hostname or "").lower()
    except ValueError:
        return False
    return (
        parts.scheme == "https" and host in OPENSTREETMAP_HOSTS and not parts.username and not parts.password
    )


class MeetingState:
    UPCOMING = "upcoming"
    TODAY = "today"
    PAST = "past"


class KickOffMeetingValue(blocks.StructValue):
    """A meeting's moments, read in the site's time zone (``TIME_ZONE``), where its date and times are typed."""

    def starts_at(self):
        return datetime.datetime.combine(
            self["date"], self["start_time"], tzinfo=timezone.get_default_timezone()
        )

    def ends_at(self):
        if not self.get("end_time"):
            return None
        return datetime.datetime.combine(
            self["date"], self["end_time"], tzinfo=timezone.get_default_timezone()
        )

    def state_at(self, now):
        """Upcoming before its day; today on its day until it ends (all day without an end time); past after."""
        today = timezone.localtime(now, timezone.get_default_timezone()).date()
        if self["date"] > today:
            return MeetingState.UPCOMING
        ends_at = self.ends_at()
        if self["date"] == today and (ends_at is None or now < ends_at):
            return MeetingState.TODAY
        return MeetingState.PAST

    def next_change_at(self, now):
        """When ``state_at`` next says something else: the start of its day, then its end (the end of its day
        without an end time); None once past."""
        zone = timezone.get_default_timezone()
        day_starts = datetime.datetime.combine(self["date"], datetime.time(), tzinfo=zone)
        if now < day_starts:
            return day_starts
        ends_at = self.ends_at() or day_starts + datetime.timedelta(days=1)
        return ends_at if now < ends_at else None

    def map_link(self):
        """The map link, only if it is an OpenStreetMap one (raw data could hold anything)."""
        url = self.get("map_url") or ""
        return url if is_openstreetmap_url(url) else ""


class KickOffMeetingBlock(blocks.StructBlock):
    """The face-to-face meeting that launches the online debate."""

    date = blocks.DateBlock(label=_("date"))
    start_time = blocks.TimeBlock(label=_("start time"))
    end_time = blocks.TimeBlock(label=_("end time"), required=False)
    place = blocks.CharBlock(
        label=_("place"),
        required=False,
        max_length=255,
        help_text=_("Address or name of the venue. Leave empty for an online meeting."),
    )
    map_url = blocks.URLBlock(
        label=_("map link"),
        required=False,
        help_text=_("A link to the place on OpenStreetMap, e.g. https://www.openstreetmap.org/?mlat=…"),
    )
    accessibility = blocks.TextBlock(
        label=_("access"),
        required=False,
        help_text=_("How to get in, e.g. “Step-free entrance, lift to the first floor, accessible toilets.”"),
    )
    online_link = blocks.URLBlock(label=_("online link"), required=False)
    note = blocks.TextBlock(
        label=_("note"),
        required=False,
        help_text=_("What will happen, who is welcome, what to bring."),
    )

    class Meta:
        value_class = KickOffMeetingValue
        icon = "group"
        label = _("Kick-off meeting")
        template = "consultations/blocks/kick_off_meeting.html"
        help_text = _("The meeting where the consultation starts: date, time, and a place or an online link.")
        preview_value = {
            "date": datetime.date(2027, 3, 10),
            "start_time": datetime.time(17, 30),
            "end_time": datetime.time(19, 0),
            "place": "Maison des jeunes, 12 rue de la République",
            "map_url": "https://www.openstreetmap.org/?mlat=45.7665&mlon=4.8795#map=18/45.7665/4.8795",
            "accessibility": _("Step-free entrance, accessible toilets."),
            "online_link": "",
            "note": _("We explain how the consultation works and how to post respectfully. Snacks provided!"),
        }

    def clean(self, value):
        value = super().clean(value)
        errors = {}
        if not value.get("place") and not value.get("online_link"):
            errors["place"] = ErrorList([ValidationError(_("Give a place or an online link."))])
        if value.get("end_time") and value["end_time"] <= value["start_time"]:
            errors["end_time"] = ErrorList([ValidationError(_("The meeting must end after it starts."))])
        if value.get("map_url") and not is_openstreetmap_url(value["map_url"]):
            errors["map_url"] = ErrorList(
                [
                    ValidationError(
                        _(
                            "Only OpenStreetMap links are accepted: an address starting with https://www.openstreetmap.org/ or https://osm.org/."
                        )
                    )
                ]
            )
        if errors:
            raise StructBlockValidationError(block_errors=errors)
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["meeting_state"] = value.state_at(timezone.now())
        return context


class AboutBlock(blocks.StructBlock):
    """Who asks the question, and what happens with the answers.

    The heading is optional: left empty, the template says "About this consultation" in the page's language.
    A default stored in the data would be frozen in the language of the editor's admin when the block was
    added, and copied as such into every translation of the page (the data migration 0023 empties those)."""

    heading = blocks.CharBlock(
        label=_("heading"),
        required=False,
        max_length=120,
        help_text=_(
            "Leave empty to show “About this consultation” in the page's language. A heading typed here is shown "
            "exactly as typed, on this page only: type it again in each translation."
        ),
    )
    organiser = blocks.CharBlock(label=_("organiser"), max_length=200)
    what_happens_next = blocks.RichTextBlock(
        label=_("what happens with your answers"), features=["bold", "italic", "link", "ul"]
    )

    class Meta:
        icon = "info-circle"
        label = _("About this consultation")
        template = "consultations/blocks/about.html"
        help_text = _("Who runs the consultation and what will be done with the answers.")
        # The preview in the block picker, in the admin's language; no heading, so the default one shows.
        preview_value = {
            "heading": "",
            "organiser": _("Youth council of Villeurbanne"),
            "what_happens_next": format_lazy(
                "<p>{}</p>",
                _("The youth council reads every answer and presents a summary to the town council in June."),
            ),
        }


class ConsultationBodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(
        label=_("Text"),
        features=["h2", "h3", "bold", "italic", "link", "ol", "ul"],
        icon="pilcrow",
        template="consultations/blocks/paragraph.html",
        preview_value=format_lazy("<p>{}</p>", _("Tell us what you think: every answer is read.")),
        description=_("Formatted text."),
    )
    image = ImageBlock(label=_("Image"), description=_("An image with alternative text."))
    video = EmbedBlock(
        label=_("Video"),
        icon="media",
        template="consultations/blocks/video.html",
        description=_("A video from YouTube, Vimeo or another embeddable service."),
    )
    kick_off_meeting = KickOffMeetingBlock()
    about = AboutBlock()
