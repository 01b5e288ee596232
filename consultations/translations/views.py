"""Create a consultation's missing translation from its edit view, in one step.

Wagtail's "Translate" action (simple_translation) asks for the languages on a page of its own; here the
translations panel posts one language and lands on the new draft. The same action does the copy
(``CopyPageForTranslationAction``: a draft of the page's last saved version under the parent's translation,
missing parents created as aliases, "wagtail.copy_for_translation" in the page's history), after the same
permission checks, and adding a page where it goes.
"""

from django.conf import settings
from django.db import IntegrityError, transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST
from wagtail.actions.copy_for_translation import CopyPageForTranslationAction
from wagtail.admin import messages
from wagtail.models import Locale, Page

from consultations.models import ConsultationPage
from consultations.panels import (
    ALREADY_TRANSLATED,
    ALREADY_TRANSLATED_FALLBACK,
    CREATED,
    CREATED_FALLBACK,
    in_language,
    may_create_translation,
)


def _edit(page):
    return redirect("wagtailadmin_pages:edit", page.pk)


def forbidden(request, page):
    """A 403 page (Wagtail turns PermissionDenied into a redirect to the dashboard, with no word of why)."""
    return render(request, "consultations/admin/translation_forbidden.html", {"page": page}, status=403)


@require_POST
def create_translation(request, page_id, language_code):
    if language_code not in dict(settings.WAGTAIL_CONTENT_LANGUAGES):
        raise Http404
    locale = get_object_or_404(Locale, language_code=language_code)
    page = get_object_or_404(ConsultationPage, pk=page_id)
    if not page.permissions_for_user(request.user).can_edit():
        return forbidden(request, page)
    with transaction.atomic():
        # Two clicks (or two organisers) at once: the second waits here for the first, then finds its page.
        Page.objects.select_for_update().filter(pk=page.pk).values_list("pk").get()
        existing = page.get_translation_or_none(locale)
        if existing is None:
            if not may_create_translation(request.user, page, locale):
                return forbidden(request, page)
            try:
                with transaction.atomic():
                    # Its last saved version, as the panel says: Wagtail's action copies a live page as published.
                    translation = CopyPageForTranslationAction(
                        page.get_latest_revision_as_object(), locale, copy_parents=True, user=request.user
                    ).execute(skip_permission_checks=True)
            except IntegrityError:  # a database that does not lock rows: the page key is unique per locale
                existing = page.get_translation_or_none(locale)
                if existing is None:
                    raise
    if existing is not None:
        messages.info(request, in_language(ALREADY_TRANSLATED, ALREADY_TRANSLATED_FALLBACK, language_code))
        return _edit(existing)
    title = page.get_admin_display_title()
    messages.success(request, in_language(CREATED, CREATED_FALLBACK, language_code, title=title))
    return _edit(translation)
