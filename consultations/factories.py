import datetime

import factory
import wagtail_factories
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from consultations.models import (
    AuthorAddress,
    ConsultationComment,
    ConsultationIndexPage,
    ConsultationPage,
    address_key,
)


class ConsultationIndexPageFactory(wagtail_factories.PageFactory):
    title = "Consultations"
    slug = "consultations"
    intro = "<p>The questions we ask young people.</p>"
    show_in_menus = True

    class Meta:
        model = ConsultationIndexPage


class ConsultationPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Consultation {n}")
    slug = factory.Sequence(lambda n: f"consultation-{n}")
    summary = "The town asks young people about the new youth space."
    question = "What would make you want to spend time in the new youth space?"
    opens_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))
    closes_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=30))

    class Meta:
        model = ConsultationPage


class ConsultationCommentFactory(factory.django.DjangoModelFactory):
    """A comment posted on ``page`` (required; any translation: it is kept on the consultation's source page,
    in the page's language); ``parent`` makes it a reply. Published ones are already reviewed."""

    class Meta:
        model = ConsultationComment
        exclude = ["page", "parent"]

    page = None
    parent = None
    content_type = factory.LazyFunction(lambda: ContentType.objects.get_for_model(ConsultationPage))
    object_pk = factory.LazyAttribute(lambda o: str(o.page.source_page.pk))
    site_id = settings.SITE_ID
    user_name = factory.Sequence(lambda n: f"Pseudo{n}")
    user_email = factory.Sequence(lambda n: f"author{n}@example.org")
    comment = "I would like more trees and benches in the park."
    submit_date = factory.LazyFunction(timezone.now)
    parent_id = factory.LazyAttribute(lambda o: o.parent.pk if o.parent else 0)
    state = ConsultationComment.State.PUBLISHED
    # A published comment has been read by a moderator unless a test says otherwise (reviewed_at=None).
    reviewed_at = factory.LazyAttribute(
        lambda o: o.submit_date if o.state == ConsultationComment.State.PUBLISHED else None
    )
    language = factory.LazyAttribute(lambda o: o.page.locale.language_code)


class ConfirmedAddressFactory(factory.django.DjangoModelFactory):
    """An address whose owner clicked the confirmation link: ``ConfirmedAddressFactory(address="owl@example.org")``."""

    class Meta:
        model = AuthorAddress
        exclude = ["address"]
        django_get_or_create = ["key"]

    address = factory.Sequence(lambda n: f"author{n}@example.org")
    key = factory.LazyAttribute(lambda o: address_key(o.address))
    confirmed_at = factory.LazyFunction(timezone.now)
