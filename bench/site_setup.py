"""The page tree every benchmark starts from: a home page, its site and a consultations index."""


def consultation_index():
    from wagtail.models import Page, Site

    from consultations.factories import ConsultationIndexPageFactory
    from home.factories import HomePageFactory

    root = Page.get_first_root_node()
    for child in root.get_children():
        child.delete()
    home = HomePageFactory(parent=root)
    Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
    return ConsultationIndexPageFactory(parent=home)
