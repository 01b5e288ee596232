"""On a phone, a participant ticks "Tell me what happens with the ideas" under the replies box and posts: the box is
labelled, explained, unticked until they tick it, and their wish is kept for the consultation."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from browser_tests.conftest import ARTIFACTS
from browser_tests.test_accessibility import AXE_OPTIONS
from consultations.models import ConsultationComment, ConsultationPage, ResultsSubscription

pytestmark = [
    pytest.mark.browser,
    pytest.mark.xdist_group("browser"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

CONSULTATION_FR = "/fr/consultations/espace-jeunes-parc-des-berges/"
LABEL = "Dis-moi ce que deviennent les idées"


def test_a_participant_on_a_phone_asks_to_hear_the_results(phone):
    phone.goto(CONSULTATION_FR)
    form = phone.locator("form[data-comment-form]")
    box = form.get_by_label(LABEL)

    box.scroll_into_view_if_needed()
    expect(box).to_be_visible()
    expect(box).not_to_be_checked()
    expect(box).to_have_accessible_description(
        "Un seul e-mail, quand les résultats sont publiés. Nous gardons ton adresse juste pour ça, puis nous "
        "l'effaçons (au plus tard 12 mois après la fin de la consultation)."
    )
    followup = form.get_by_label("Préviens-moi par e-mail quand quelqu'un répond à mon commentaire")
    assert followup.bounding_box()["y"] < box.bounding_box()["y"]  # under the replies box
    height = form.locator("label", has_text=LABEL).bounding_box()["height"]
    assert height >= 24  # a tap target with its label

    form.get_by_label("Ton nom ou pseudo").fill("Zoé_16")
    form.get_by_label("Ton adresse e-mail").fill("zoe@example.org")
    form.get_by_label("Ton commentaire").fill("Un coin pour réviser au calme, avec des prises.")
    box.check()
    form.get_by_label("J'ai lu et j'accepte le code de conduite").check()
    box.scroll_into_view_if_needed()
    axe = Axe().run(phone, options=AXE_OPTIONS)
    assert not axe.violations_count, axe.generate_report()
    (ARTIFACTS / "screenshots").mkdir(parents=True, exist_ok=True)
    phone.screenshot(path=ARTIFACTS / "screenshots" / "results-opt-in-phone.png")  # the box in view, ticked
    form.get_by_role("button", name="Envoyer mon commentaire").click()

    expect(phone.get_by_role("status").filter(has_text="Merci")).to_be_visible()
    comment = ConsultationComment.objects.get(comment="Un coin pour réviser au calme, avec des prises.")
    subscription = ResultsSubscription.objects.get(comment=comment)
    source = ConsultationPage.objects.get(slug="youth-space-parc-des-berges")
    assert subscription.page_id == source.pk
    assert subscription.language == "fr"
    assert subscription.address == "zoe@example.org"
