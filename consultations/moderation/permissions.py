"""Who may moderate: the one permission, declared on ``ConsultationComment.Meta.permissions`` (and given to the
"Moderators" group by a migration). The admin views, the menu, the dashboard panel, Wagtail's group editor
and the moderator emails all read it here."""

from django.contrib.auth.models import Permission

APP_LABEL = "consultations"
CODENAME = "moderate_comments"
# As ``user.has_perm`` reads it.
PERMISSION = f"{APP_LABEL}.{CODENAME}"


def moderate_permission():
    """The permission's row, as a queryset (empty before the migrations ran)."""
    return Permission.objects.filter(content_type__app_label=APP_LABEL, codename=CODENAME)
