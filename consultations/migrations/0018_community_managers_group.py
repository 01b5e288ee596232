"""Comment moderators get their own group, "Community managers"; Wagtail's "Moderators" is left to page reviewers.

Migration 0007 gave comment moderation to Wagtail's "Moderators" group, which is also the group of Wagtail's
"Moderators approval" workflow: pages submitted for approval went to people who moderate comments.

- "Community managers" is created with the admin access and the moderation permission (no page permission).
- If "Moderators" holds the moderation permission, every member is copied to "Community managers" (nobody
  stops moderating comments), then the permission is taken off "Moderators".
- A member leaves "Moderators" only when nothing says they review pages: they are no superuser, they have
  no page permission through another group, "Moderators" itself has no page permission (an organiser who
  gave it some meant its members to work on pages), and they never acted on a workflow task.
- Each person moved is named in a warning, with what they no longer have (page approval, and whatever else
  "Moderators" grants: Wagtail's image and document permissions), so nobody loses access silently.
- Approving a page in Wagtail's workflow publishes it, which needs the publish permission: "Moderators" gets
  back the page permissions Wagtail gives it on the root (and 0007 took away), but only when nobody is left
  in it, so no one's access grows; with members left, an organiser decides (a warning says so).
"""

import logging

from django.contrib.auth.management import create_permissions
from django.db import migrations

COMMUNITY_MANAGERS = "Community managers"
MODERATORS = "Moderators"
WAGTAIL_DEFAULT_PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page", "lock_page", "unlock_page")

logger = logging.getLogger("consultations.migrations")


def ensure_permissions(apps):
    """Django's permissions for every app, now (``create_permissions`` skips an app whose ``models_module`` is
    unset, as the historical apps' are). Each app's own value is put back: given the project's apps (as the tests
    do), setting it to None made every later ``migrate`` of the process skip its post_migrate signal."""
    for app_config in apps.get_app_configs():
        models_module = getattr(app_config, "models_module", None)  # historical apps have none
        app_config.models_module = True
        try:
            create_permissions(app_config, apps=apps, verbosity=0)
        finally:
            app_config.models_module = models_module


def reviews_pages(apps, user, moderators, moderators_have_page_permissions):
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    TaskState = apps.get_model("wagtailcore", "TaskState")
    return (
        user.is_superuser
        or moderators_have_page_permissions
        or GroupPagePermission.objects.filter(group__user=user).exclude(group=moderators).exists()
        or TaskState.objects.filter(finished_by=user).exists()
    )


def create_community_managers(apps, schema_editor):
    ensure_permissions(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    moderate = Permission.objects.get(content_type__app_label="consultations", codename="moderate_comments")
    access_admin = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")

    community_managers, _ = Group.objects.get_or_create(name=COMMUNITY_MANAGERS)
    community_managers.permissions.add(access_admin, moderate)

    moderators = Group.objects.filter(name=MODERATORS, permissions=moderate).first()
    if moderators is None:
        return
    has_page_permissions = GroupPagePermission.objects.filter(group=moderators).exists()
    moved, kept = [], []
    for user in moderators.user_set.order_by("username"):
        user.groups.add(community_managers)
        if reviews_pages(apps, user, moderators, has_page_permissions):
            kept.append(user.username)
        else:
            user.groups.remove(moderators)
            moved.append(user.username)
    moderators.permissions.remove(moderate)
    if not kept:
        give_wagtails_page_permissions(apps, moderators)
    elif not has_page_permissions:
        logger.warning(
            '"%s" has no page permission: its members can only approve pages they may publish otherwise. '
            "Give it page permissions in Settings → Groups if they review pages.",
            MODERATORS,
        )
    if moved:
        logger.warning(
            'Moved from "%s" to "%s" (they moderate comments, and no longer review pages submitted for '
            'approval nor get the other permissions of "%s"): %s',
            MODERATORS,
            COMMUNITY_MANAGERS,
            MODERATORS,
            ", ".join(moved),
        )
    if kept:
        logger.warning(
            'Added to "%s" and kept in "%s" (they also review or edit pages): %s',
            COMMUNITY_MANAGERS,
            MODERATORS,
            ", ".join(kept),
        )


def wagtails_page_permissions(apps):
    """Wagtail's default page permissions for "Moderators", and the root page they are given on."""
    Permission = apps.get_model("auth", "Permission")
    root = apps.get_model("wagtailcore", "Page").objects.filter(depth=1).first()
    permissions = Permission.objects.filter(
        content_type__app_label="wagtailcore", codename__in=WAGTAIL_DEFAULT_PAGE_PERMISSIONS
    )
    return root, permissions


def give_wagtails_page_permissions(apps, group):
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    root, permissions = wagtails_page_permissions(apps)
    if root is None:
        return
    for permission in permissions:
        GroupPagePermission.objects.get_or_create(group=group, page=root, permission=permission)


def give_moderation_back_to_moderators(apps, schema_editor):
    """Going back: "Moderators" moderates comments again, with everyone who could; "Community managers"
    stays (an organiser may have changed it)."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    moderate = Permission.objects.filter(
        content_type__app_label="consultations", codename="moderate_comments"
    ).first()
    community_managers = Group.objects.filter(name=COMMUNITY_MANAGERS).first()
    if moderate is None or community_managers is None:
        return
    moderators, _ = Group.objects.get_or_create(name=MODERATORS)
    moderators.permissions.add(moderate)
    moderators.user_set.add(*community_managers.user_set.all())
    # As 0007 left it: nobody who moderates comments may edit or publish pages through "Moderators".
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    root, permissions = wagtails_page_permissions(apps)
    GroupPagePermission.objects.filter(group=moderators, page=root, permission__in=permissions).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("consultations", "0017_moderation_edits"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailcore", "0098_apitoken"),
        # After Wagtail gives "choose" permissions to every group with admin access, so that new and
        # existing sites end with the same "Community managers".
        ("wagtaildocs", "0011_add_choose_permissions"),
        ("wagtailimages", "0023_add_choose_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_community_managers, give_moderation_back_to_moderators)]
