"""The "Moderators" group: access to the Wagtail admin and to the comment queue, no page editing.

Wagtail's own first migration creates a "Moderators" group allowed to add, edit and publish every
page. Tribune's moderators decide on comments; organisers (Editors, superusers) edit pages. So the
group gets Tribune's permission, and loses the page permissions Wagtail gives it on the root,
and only those: anything an organiser granted since is left alone.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

WAGTAIL_DEFAULT_PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page", "lock_page", "unlock_page")


def ensure_permissions(apps):
    """Django's permissions for every app, now; each app's ``models_module`` put back as it was (see 0018)."""
    for app_config in apps.get_app_configs():
        models_module = getattr(app_config, "models_module", None)  # historical apps have none
        app_config.models_module = True
        try:
            create_permissions(app_config, apps=apps, verbosity=0)
        finally:
            app_config.models_module = models_module


def create_group(apps, schema_editor):
    ensure_permissions(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    group, _ = Group.objects.get_or_create(name="Moderators")
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"),
        Permission.objects.get(content_type__app_label="consultations", codename="moderate_comments"),
    )
    GroupPagePermission.objects.filter(
        group=group,
        page__depth=1,
        permission__codename__in=WAGTAIL_DEFAULT_PAGE_PERMISSIONS,
    ).delete()
    # Organisers (Editors) look after the moderation reasons and the blocklist.
    editors = Group.objects.filter(name="Editors").first()
    if editors is not None:
        editors.permissions.add(
            *Permission.objects.filter(
                content_type__app_label="consultations",
                content_type__model__in=["reasoncategory", "blockedword"],
                codename__regex=r"^(add|change|delete|view)_",
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("consultations", "0006_seed_blocklist"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailcore", "0098_apitoken"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_group, migrations.RunPython.noop)]
