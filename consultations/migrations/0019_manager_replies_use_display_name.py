"""Replies as community manager were signed with the staff member's own full name ("Camille Durand").
Rename every one of them after the community manager display name of its page's site; where that site
has none, leave the name empty: readers then see "Community manager", in their own language, as new
replies without a display name do. Not reversible: the staff names are not kept anywhere to put back."""

from django.db import migrations

NAME_MAX_LENGTH = 50  # django-contrib-comments' user_name


def shortened(name):
    """As the service shortens it (Django's Truncator: the last character an ellipsis)."""
    return name if len(name) <= NAME_MAX_LENGTH else name[: NAME_MAX_LENGTH - 1] + "…"


def site_roots(Page, Site):
    """(root path, site id) for each site's root page and its translations (a French home page is a
    sibling of the English one, served by the same site), longest first."""
    roots = []
    for site in Site.objects.all():
        root = Page.objects.filter(pk=site.root_page_id).values("translation_key").first()
        if root is None:
            continue
        for path in Page.objects.filter(translation_key=root["translation_key"]).values_list("path", flat=True):
            roots.append((path, site.pk))
    return sorted(roots, key=lambda root: -len(root[0]))


def rename_manager_replies(apps, schema_editor):
    ConsultationComment = apps.get_model("consultations", "ConsultationComment")
    CommunityManagerSettings = apps.get_model("guidelines", "CommunityManagerSettings")
    Page = apps.get_model("wagtailcore", "Page")
    Site = apps.get_model("wagtailcore", "Site")

    replies = list(ConsultationComment.objects.filter(is_community_manager=True).values_list("pk", "object_pk"))
    if not replies:
        return
    roots = site_roots(Page, Site)
    default_site = Site.objects.filter(is_default_site=True).values_list("pk", flat=True).first()
    names = dict(CommunityManagerSettings.objects.values_list("site_id", "display_name"))
    page_ids = {int(object_pk) for _pk, object_pk in replies if object_pk.isdigit()}
    paths = dict(Page.objects.filter(pk__in=page_ids).values_list("pk", "path"))

    def site_of(object_pk):
        path = paths.get(int(object_pk)) if object_pk.isdigit() else None
        if path is not None:
            for root_path, site_id in roots:
                if path.startswith(root_path):
                    return site_id
        return default_site

    by_name = {}
    for pk, object_pk in replies:
        by_name.setdefault(shortened(names.get(site_of(object_pk)) or ""), []).append(pk)
    for name, pks in by_name.items():
        ConsultationComment.objects.filter(pk__in=pks).update(user_name=name)


class Migration(migrations.Migration):
    dependencies = [
        ("consultations", "0018_community_managers_group"),
        ("guidelines", "0002_guideline_page_and_settings"),
        ("wagtailcore", "0094_alter_page_locale"),
    ]

    operations = [migrations.RunPython(rename_manager_replies, migrations.RunPython.noop)]
