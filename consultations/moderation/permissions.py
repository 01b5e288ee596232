"""Who may moderate: the one permission, declared on ``ConsultationComment.Meta.permissions`` and given to the
"Community managers" group by migration 0020 (Wagtail's own "Moderators" group reviews pages, not comments).
The admin views, the menu, the dashboard panel, Wagtail's group editor and the moderator emails all read it
here."""

from django.contrib.auth.models import Group, Permission
from django.utils.translation import gettext_lazy as _

APP_LABEL = "consultations"
CODENAME = "moderate_comments"
# As ``user.has_perm`` reads it.
PERMISSION = f"{APP_LABEL}.{CODENAME}"
# The group's name in the database (organisers may rename it), and as the admin says it.
COMMUNITY_MANAGERS = "Community managers"
COMMUNITY_MANAGERS_LABEL = _("Community managers")


def moderate_permission():
    """The permission's row, as a queryset (empty before the migrations ran)."""
    return Permission.objects.filter(content_type__app_label=APP_LABEL, codename=CODENAME)


def community_managers():
    """The comment moderators' group (None before the migrations ran, or once an organiser deleted it)."""
    return Group.objects.filter(name=COMMUNITY_MANAGERS).first()


def moderating_group_name():
    """The name of the group an organiser adds a moderator to, as the admin should say it: "Community managers"
    in the reader's language, or the name of the group holding the permission if an organiser renamed it."""
    names = list(
        Group.objects.filter(permissions__in=moderate_permission())
        .order_by("name")
        .values_list("name", flat=True)
    )
    if not names or COMMUNITY_MANAGERS in names:
        return str(COMMUNITY_MANAGERS_LABEL)
    return names[0]
