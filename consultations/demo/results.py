"""The demo's closed consultation gets results written by its organisers, in English and French, saved as a draft
that nobody has published yet: someone trying the admin opens the canteen consultation and publishes them (issue 16,
"Done when"). The live pages show no results until then.

Loading the demo again changes nothing: a page whose live version or latest draft already holds results (the demo's
or an organiser's) is left alone. Limit: an organiser who published the page without the demo's draft results,
and wrote none, gets the draft back at the next load.
"""

from consultations.models import ConsultationComment, IdeaResponse

# (idea, answer, keys of the demo comments it answers in each language's thread) per language.
CANTEEN_RESULTS = {
    "en": {
        "results_heard": (
            "<p>You told us three things again and again: the queue is far too long, there is not enough choice "
            "when you don't eat meat, and the dining hall is so loud you can't hear your friends.</p>"
        ),
        "results_decided": (
            "<p>The town and the kitchen team agreed on three changes:</p><ul>"
            "<li>a vegetarian dish every day, not just on Fridays;</li>"
            "<li>a second serving line at the busiest time (12:15 to 12:45);</li>"
            "<li>sound-absorbing panels on the ceiling of the big room.</li></ul>"
        ),
        "results_next": (
            "<p>The panels go up during the February holidays. In March we'll come back and ask you whether lunch "
            "really got better: keep an eye on this page.</p>"
        ),
        "answers": [
            (
                "A vegetarian dish every day",
                "<p>Yes. There is now a vegetarian dish every day, and the omelette is no longer the only option: "
                "the kitchen team rotates six recipes.</p>",
                {"en": ["veggie", "veggie-1"], "fr": ["vege", "vege-1"]},
            ),
            (
                "A shorter queue",
                "<p>A second serving line opened after the holidays. On the busiest days you now wait about "
                "6 minutes instead of 15.</p>",
                {"en": ["queue"], "fr": ["attente"]},
            ),
            (
                "A quieter dining hall",
                "<p>Sound-absorbing panels go up on the ceiling during the February holidays, like in the music "
                "room. Tell us in March if you hear the difference.</p>",
                {"en": ["noise"], "fr": ["bruit"]},
            ),
        ],
    },
    "fr": {
        "results_heard": (
            "<p>Vous avez été nombreux à nous dire trois choses : la queue est beaucoup trop longue, il n'y a pas "
            "assez de choix quand on ne mange pas de viande, et la cantine est si bruyante qu'on n'entend pas ses "
            "amis.</p>"
        ),
        "results_decided": (
            "<p>La mairie et l'équipe de cuisine se sont mises d'accord sur trois changements :</p><ul>"
            "<li>un plat végétarien tous les jours, pas seulement le vendredi ;</li>"
            "<li>une deuxième file de service aux heures de pointe (de 12 h 15 à 12 h 45) ;</li>"
            "<li>des panneaux anti-bruit au plafond de la grande salle.</li></ul>"
        ),
        "results_next": (
            "<p>Les panneaux seront posés pendant les vacances de février. En mars, on reviendra vous demander si "
            "le déjeuner s'est vraiment amélioré : gardez un œil sur cette page.</p>"
        ),
        "answers": [
            (
                "Un plat végétarien tous les jours",
                "<p>Oui. Il y a maintenant un plat végétarien chaque jour, et l'omelette n'est plus la seule "
                "option : l'équipe de cuisine alterne six recettes.</p>",
                {"en": ["veggie", "veggie-1"], "fr": ["vege", "vege-1"]},
            ),
            (
                "Moins d'attente",
                "<p>Une deuxième file de service a ouvert après les vacances. Les jours de forte affluence, on attend "
                "maintenant environ 6 minutes au lieu de 15.</p>",
                {"en": ["queue"], "fr": ["attente"]},
            ),
            (
                "Une cantine plus calme",
                "<p>Des panneaux anti-bruit seront posés au plafond pendant les vacances de février, comme dans la "
                "salle de musique. Dites-nous en mars si vous entendez la différence.</p>",
                {"en": ["noise"], "fr": ["bruit"]},
            ),
        ],
    },
}
TEXTS = ("results_heard", "results_decided", "results_next")


def has_results(page):
    return bool(
        page.results_published_on
        or any(getattr(page, name) for name in TEXTS)
        or page.results_document_id
        or page.idea_responses.exists()
    )


def ensure_draft_results(builder, page, thread, day):
    """Draft results (dated ``day``) on each translation of ``page`` that has none, live or in its latest draft,
    each answer linked to the demo comments it answers (``thread``: the demo rows by language, keyed)."""
    texts = {
        code: {row[0]: row[3] for row in rows} for code, rows in thread.items()
    }  # language -> key -> text
    published = ConsultationComment.objects.for_page(page).filter(state=ConsultationComment.State.PUBLISHED)
    by_text = {(comment.language, comment.comment): comment for comment in published}
    for code, locale in builder.locales.items():
        content = CANTEEN_RESULTS.get(code)
        translation = page.get_translation_or_none(locale)
        if content is None or translation is None:
            continue
        translation = translation.specific
        draft = translation.get_latest_revision_as_object() if translation.has_unpublished_changes else None
        if has_results(translation) or (draft is not None and has_results(draft)):
            continue
        draft = draft or translation.get_latest_revision_as_object()
        draft.results_published_on = day
        for name in TEXTS:
            setattr(draft, name, content[name])
        for order, (idea, answer, keys) in enumerate(content["answers"]):
            response = IdeaResponse(idea=idea, response=answer, sort_order=order)
            draft.idea_responses.add(response)
            response.comments.set(
                by_text[(language, texts[language][key])]
                for language, language_keys in keys.items()
                for key in language_keys
                if (language, texts[language].get(key)) in by_text
            )
        draft.save_revision()
        builder.created.append(f'draft results of "{translation.title}" ({code}), ready to publish')
