import pytest

from consultations.comments.urls import comment_post_url
from consultations.models import BlockedWord, ConsultationComment
from consultations.moderation.screening import personal_data_warning, screen

State = ConsultationComment.State

PERSONAL_DATA = [
    # French phone numbers, every common way of writing them
    ("Appelle-moi au 06 12 34 56 78", "phone"),
    ("mon num c'est 0612345678", "phone"),
    ("06.12.34.56.78 après 18h", "phone"),
    ("06-12-34-56-78", "phone"),
    ("fixe : 01 42 68 53 00", "phone"),
    ("+33 6 12 34 56 78", "phone"),
    ("+33612345678", "phone"),
    ("0033 6 12 34 56 78", "phone"),
    # British and other international numbers
    ("call me on +44 7911 123456", "phone"),
    ("text me on 07911 123456", "phone"),
    ("+32 470 12 34 56 (Belgique)", "phone"),
    # Email addresses, plain and disguised
    ("écris à lea.martin@gmail.com", "email"),
    ("LEA_M+parc@outlook.fr", "email"),
    ("name at gmail dot com", "email"),
    ("lea(at)hotmail(dot)fr", "email"),
    ("lea arobase gmail point com", "email"),
    # Street addresses
    ("j'habite au 12 rue de la Paix", "address"),
    ("3 bis avenue Jean Jaurès", "address"),
    ("rdv 5 place Bellecour", "address"),
    ("4 allée des Tilleuls", "address"),
    ("I live at 10 Downing Street", "address"),
    ("221B Baker Street", "address"),
    ("75011 Paris", "address"),
    # Social-media accounts
    ("suis moi @lea_du_69", "handle"),
    ("snap: lea.m", "handle"),
    ("mon insta c'est lea_m", "handle"),
    ("add me on snapchat", "handle"),
    ("ajoute-moi sur insta", "handle"),
    ("tiktok = @skate.boy", "handle"),
    # Links
    ("va sur https://example.com/page", "link"),
    ("www.monsite.fr", "link"),
    ("bit.ly/abc123", "link"),
]

INNOCENT = [
    "Rendez-vous le 12/03/2025 à 18h30",
    "ça coûte 1 500 € par an",
    "en 2024 et en 2025",
    "10 000 jeunes ont répondu",
    "le code postal 75011",
    "à 14 h 30",
    "de 10h à 12h, puis 14h-18h",
    "le 06/07 à 20h",
    "Il faut 3 terrains de foot",
    "we need 2 new street lamps",
    "il reste 1 place pour toi",
    "il y a 2 places de parking",
    "on devrait faire un compte instagram pour le parc",
    "ouvert de 9h à 18h, 7j/7",
    "budget de 250000 euros",
    "entre 12 et 15 ans",
    "je suis en retard",
    "le parc fait 12 000 m2",
    "score final 3-1",
    "prix : 0,50 €",
    "In 2019, 1200 young people answered",
    "Call 112 or 15 in an emergency",
    "Love this idea!",
    "Rue piétonne, super idée",
    "1er mai 2025",
    "version 2.0 du projet",
]


@pytest.mark.parametrize("text, code", PERSONAL_DATA)
def test_likely_personal_data_is_found(text, code):
    assert code in [reason.code for reason in screen(text, blocklist=[])]


@pytest.mark.parametrize("text", INNOCENT)
def test_everyday_numbers_and_words_are_not_mistaken_for_personal_data(text):
    assert screen(text, blocklist=[]) == []


def test_an_email_address_is_not_also_reported_as_a_link_or_a_handle():
    assert [reason.code for reason in screen("lea.martin@gmail.com", blocklist=[])] == ["email"]


@pytest.mark.parametrize("text", ["T'es un CONNARD", "espèce d'ENCULE", "espèce d'enculé !", "Fuck   you"])
def test_blocklisted_words_match_whatever_the_case_and_accents(text):
    reasons = screen(text, blocklist=["connard", "enculé", "fuck you"])

    assert [reason.code for reason in reasons] == ["blocklist"]


@pytest.mark.parametrize("text", ["Connardo is a name", "un enculéement", "the fuck yourself"])
def test_blocklisted_words_match_whole_words_only(text):
    assert screen(text, blocklist=["connard", "enculé", "fuck you"]) == []


def test_the_queue_label_names_the_blocklisted_word_as_written_in_the_list():
    (reason,) = screen("ENCULE", blocklist=["enculé"])

    assert reason.label == "blocklisted word: enculé"


def test_the_blocklist_is_seeded_in_french_and_english_and_editable(db):
    assert {"connard", "fuck you"} <= set(BlockedWord.objects.values_list("word", flat=True))
    assert screen("quel bouffon") == []

    BlockedWord.objects.create(word="bouffon")

    assert [reason.label for reason in screen("Quel BOUFFON")] == ["blocklisted word: bouffon"]


def test_the_warning_names_what_was_found():
    assert personal_data_warning(screen("06 12 34 56 78", blocklist=[])) == (
        "It looks like your comment contains a phone number: remove it to keep yourself safe."
    )
    assert personal_data_warning(screen("lea@example.org 06 12 34 56 78", blocklist=[])) == (
        "It looks like your comment contains an email address and a phone number: remove them to keep yourself safe."
    )
    assert personal_data_warning(screen("connard", blocklist=["connard"])) == ""


# Posting: the author is warned first, and a screened comment is never published at once.


def post(client, page, data):
    return client.post(comment_post_url(page), data)


@pytest.fixture
def post_moderated(consultation):
    consultation.moderation_mode = "post"
    consultation.save_revision().publish()
    return consultation


def test_author_is_warned_before_posting_a_phone_number_and_keeps_their_text(
    client, post_moderated, comment_data
):
    text = "Call me for the skate contest: 06 12 34 56 78"

    response = post(client, post_moderated, comment_data(post_moderated, comment=text))

    html = response.content.decode()
    assert response.status_code == 200
    assert "It looks like your comment contains a phone number: remove it to keep yourself safe." in html
    assert text in html
    assert 'name="post_anyway"' in html
    assert not ConsultationComment.objects.exists()


def test_author_who_removes_the_number_is_published_under_post_moderation(
    client, post_moderated, comment_data
):
    post(client, post_moderated, comment_data(post_moderated, comment="Call me: 06 12 34 56 78"))

    post(client, post_moderated, comment_data(post_moderated, comment="Who is in for the skate contest?"))

    comment = ConsultationComment.objects.get()
    assert comment.state == State.PUBLISHED
    assert comment.screening_reasons == []


def test_author_who_posts_anyway_is_held_for_moderation_even_under_post_moderation(
    client, post_moderated, comment_data
):
    response = post(
        client,
        post_moderated,
        comment_data(post_moderated, comment="Call me: 06 12 34 56 78", post_anyway="on"),
    )

    comment = ConsultationComment.objects.get()
    assert response.status_code == 302
    assert comment.state == State.PENDING
    assert comment.screening_reasons == ["phone"]
    assert "06 12 34 56 78" not in client.get(post_moderated.url).content.decode()


def test_a_blocklisted_word_holds_the_comment_without_warning_the_author(
    client, post_moderated, comment_data
):
    response = post(client, post_moderated, comment_data(post_moderated, comment="Le maire est un CONNARD"))

    assert response.status_code == 302
    held = ConsultationComment.objects.get()
    assert held.state == State.PENDING
    assert held.screening_reasons == ["blocklist:connard"]
    assert "CONNARD" not in client.get(post_moderated.url).content.decode()


def test_french_readers_are_warned_in_french(client, site_tree, consultation, comment_data):
    french = consultation.copy_for_translation(site_tree.home_fr.locale)
    french.save_revision().publish()

    response = client.post(comment_post_url(french), comment_data(french, comment="Mon snap : lea.m"))

    assert (
        "On dirait que ton commentaire contient un compte de réseau social : retire-le pour te protéger."
        in response.content.decode()
    )
