"""The comment form: django-comments-xtd's form (security hash, honeypot, threading) with Tribune's rules."""

import copy
import unicodedata
from urllib.error import URLError

from django import forms
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext_lazy as _
from django_comments_xtd.forms import XtdCommentForm
from django_recaptcha.fields import ReCaptchaField
from django_recaptcha.widgets import ReCaptchaV2Checkbox

from consultations.ids import MAX_ID
from consultations.models import COMMENT_MAX_LENGTH, ConsultationComment

NAME_MAX_LENGTH = 50
# Invisible characters a name may keep: joiners used by several scripts and by emoji sequences.
ALLOWED_FORMAT_CHARACTERS = {"\u200c", "\u200d"}


def has_invisible_characters(text):
    return any(
        unicodedata.category(char) in {"Cc", "Cf"} and char not in ALLOWED_FORMAT_CHARACTERS for char in text
    )


class PseudonymField(forms.CharField):
    """A display name: normalised, with no control or direction-changing characters."""

    def to_python(self, value):
        return unicodedata.normalize("NFC", super().to_python(value))

    def validate(self, value):
        super().validate(value)
        if has_invisible_characters(value):
            raise ValidationError(
                _(
                    "Your name contains invisible characters (for example ones that change the text direction). Please remove them."
                ),
                code="invisible",
            )


class CommentTextField(forms.CharField):
    """Plain text: line breaks normalised before the length is counted, control characters dropped."""

    def to_python(self, value):
        value = super().to_python(value).replace("\r\n", "\n").replace("\r", "\n")
        value = "".join(char for char in value if char in "\n\t" or unicodedata.category(char) != "Cc")
        value = unicodedata.normalize("NFC", value)
        # Zero-width and other invisible characters alone do not make a comment.
        if not "".join(char for char in value if unicodedata.category(char) != "Cf").strip():
            return ""
        return value.strip()


class CommentForm(XtdCommentForm):
    name = PseudonymField(
        label=_("Your name or pseudonym"),
        max_length=NAME_MAX_LENGTH,
        help_text=_("Use a pseudonym, not your real name, especially if you are under 18."),
        error_messages={
            "required": _("Please enter a name or a pseudonym."),
            "max_length": _(
                "Please use at most %(limit_value)d characters for your name (you used %(show_value)d)."
            ),
        },
    )
    email = forms.EmailField(
        label=_("Your email address"),
        max_length=254,
        help_text=_("Never shown; used only to tell you about your comment."),
        error_messages={
            "required": _("Please enter your email address, so that we can tell you about your comment."),
            "invalid": _("Please enter a valid email address, like name@example.org."),
        },
    )
    comment = CommentTextField(
        label=_("Your comment"),
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={
            "required": _("Your comment is empty. Write something before sending it."),
            "max_length": _("Your comment is too long: %(show_value)d characters, %(limit_value)d at most."),
        },
    )
    followup = forms.BooleanField(required=False, label=_("Email me when someone replies to my comment"))
    # Opt-in, unticked: the address is then kept for this alone (``comments.results_notices``).
    results_notice = forms.BooleanField(required=False, label=_("Tell me what happens with the ideas"))
    accept_rules = forms.BooleanField(
        label=_("I have read and accept the code of conduct"),
        help_text=_("The rules protect everyone, especially the youngest participants."),
        error_messages={"required": _("Please confirm that you have read and accept the code of conduct.")},
    )

    # xtd's field, bounded: a forged id past the 64-bit range would crash the parent lookup.
    reply_to = forms.IntegerField(
        required=True, initial=0, min_value=0, max_value=MAX_ID, widget=forms.HiddenInput()
    )
    post_anyway = forms.BooleanField(
        required=False,
        label=_("Post it anyway: a moderator will read it before anyone else sees it"),
    )

    field_order = ["name", "email", "comment", "followup", "results_notice", "accept_rules"]

    def __init__(self, target_object, *args, user=None, max_level=None, **kwargs):
        self.max_level = settings.COMMENTS_XTD_MAX_THREAD_LEVEL if max_level is None else max_level
        super().__init__(target_object, *args, **kwargs)
        # XtdCommentForm.__init__ relabels and rewidgets these; Tribune's declarations win.
        for name in ("name", "email", "comment", "followup"):
            self.fields[name] = copy.deepcopy(self.base_fields[name])
        del self.fields["url"]
        self.fields["name"].widget = forms.TextInput(
            attrs={"autocomplete": "nickname", "maxlength": NAME_MAX_LENGTH}
        )
        self.fields["email"].widget = forms.EmailInput(attrs={"autocomplete": "email"})
        self.fields["comment"].widget.attrs.update({"maxlength": COMMENT_MAX_LENGTH, "data-counter": "true"})
        self.fields["followup"].widget = forms.CheckboxInput()
        months = getattr(target_object, "results_notice_months", None) or 12
        self.fields["results_notice"].help_text = ngettext(
            "One email, when the results are out. We keep your address for that only, then erase it (at the "
            "latest %(months)d month after the consultation closes).",
            "One email, when the results are out. We keep your address for that only, then erase it (at the "
            "latest %(months)d months after the consultation closes).",
            months,
        ) % {"months": months}
        self.fields["honeypot"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})
        # ``user``: a signed-in visitor (a staff member) posts here as a participant, under a name they type;
        # nothing of their account (full name, username, address) is filled in, so none of it can go public.
        if settings.RECAPTCHA_ENABLED:
            self.fields["captcha"] = ResilientReCaptchaField(label=_("Anti-spam check"))

    def hidden_fields_html(self):
        """The hidden fields (target, timestamp, security hash, reply), as Django's ``HiddenInput`` draws them, without
        the template engine: a form's widget templates cost ~1.3 ms on every drawn consultation page."""
        parts = []
        for field in self.hidden_fields():
            widget = field.field.widget
            if type(widget) is not forms.HiddenInput or widget.attrs:
                parts.append(str(field))  # anything else, as Django draws it
                continue
            value = widget.format_value(field.value())
            parts.append(
                format_html(
                    '<input type="hidden" name="{}" value="{}" id="{}">',
                    field.html_name,
                    value,
                    field.auto_id,
                )
                if value is not None
                else format_html('<input type="hidden" name="{}" id="{}">', field.html_name, field.auto_id)
            )
        return mark_safe("".join(parts))  # noqa: S308 (each part escaped by format_html or Django)

    # Errors on these fields are not the visitor's doing: the form was forged or tampered with.
    TAMPER_FIELDS = {"security_hash", "honeypot", "content_type", "object_pk", "reply_to"}

    def is_tampered(self):
        if self.TAMPER_FIELDS & set(self.errors):
            return True
        try:
            int(self.data.get("timestamp", ""))
        except (TypeError, ValueError):
            return True
        return False

    def is_expired(self):
        """The form was rendered too long ago (COMMENTS_TIMEOUT): the visitor should just send it again."""
        return "timestamp" in self.errors and not self.is_tampered()

    def clean_email(self):
        """A quoted local part (``"a,b"@example.org``) is valid mail syntax, but the outbox stores recipients as a
        comma-separated list and would split it: no real participant's address needs quotes or commas."""
        address = self.cleaned_data["email"]
        if any(character in address for character in '",;<>'):
            raise forms.ValidationError(self.fields["email"].error_messages["invalid"], code="invalid")
        return address

    def clean_object_pk(self):
        value = self.cleaned_data["object_pk"]
        if value != str(self.target_object.pk):
            raise ValidationError("This form belongs to another page.", code="tampered")
        return value

    def clean(self):
        cleaned_data = super().clean()
        reply_to = cleaned_data.get("reply_to") or 0
        if reply_to:
            cleaned_data["parent"] = self._validated_parent(reply_to)
        return cleaned_data

    def _validated_parent(self, reply_to):
        parent = (
            ConsultationComment.objects.for_page(self.target_object)
            .filter(pk=reply_to)
            .select_related(None)
            .only("level", "state")
            .first()
        )
        if parent is None or parent.state != ConsultationComment.State.PUBLISHED:
            raise ValidationError(
                _(
                    "The comment you are replying to is not available any more. You can post your text as a new comment."
                ),
                code="bad_parent",
            )
        if parent.level >= self.max_level:
            raise ValidationError(
                _("This conversation cannot go deeper. Reply to an earlier comment instead."), code="too_deep"
            )
        return parent

    def get_comment_model(self):
        return ConsultationComment

    def get_comment_create_data(self, site_id=None):
        # Posted on any translation, a comment joins the consultation's one conversation, on its source page.
        conversation = self.target_object.source_page
        return {
            "content_type": ContentType.objects.get_for_model(conversation),
            "object_pk": str(conversation.pk),
            "site_id": site_id or settings.SITE_ID,
            "user_name": self.cleaned_data["name"],
            "user_email": self.cleaned_data["email"],
            "user_url": "",
            "comment": self.cleaned_data["comment"],
            "submit_date": timezone.now(),
            "ip_address": None,
            "parent_id": self.cleaned_data.get("reply_to") or 0,
            "followup": self.cleaned_data["followup"],
            "language": (get_language() or settings.LANGUAGE_CODE)[:2],
        }


class ReportForm(forms.Form):
    reason = forms.CharField(
        label=_("What is wrong with this comment?"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": 500}),
        help_text=_("For example: it gives someone's phone number, it is insulting, it is advertising."),
        error_messages={
            "max_length": _("Please use at most %(limit_value)d characters (you used %(show_value)d).")
        },
    )


class ReCaptchaCheckboxWithoutInlineScript(ReCaptchaV2Checkbox):
    """django-recaptcha's checkbox without its inline <script> (a callback that only logs), which
    the Content-Security-Policy would block: Google's script, loaded from its own origin, is enough."""

    template_name = "consultations/includes/recaptcha_checkbox.html"

    def build_attrs(self, base_attrs, extra_attrs=None):
        attrs = super().build_attrs(base_attrs, extra_attrs)
        attrs.pop("data-callback", None)
        return attrs


class ResilientReCaptchaField(ReCaptchaField):
    """django-recaptcha's field, turning an unreachable verification service into a form error."""

    widget = ReCaptchaCheckboxWithoutInlineScript

    def validate(self, value):
        try:
            super().validate(value)
        except (URLError, OSError) as error:
            raise ValidationError(
                _("We could not check the anti-spam test just now. Please try again in a moment."),
                code="captcha_unavailable",
            ) from error
