"""A consultation's translations in the Wagtail admin: create a missing one in one step (the panel that offers it
is ``consultations.panels.TranslationsPanel``)."""
