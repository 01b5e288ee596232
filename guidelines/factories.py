import wagtail_factories

from guidelines.models import GuidelineIndexPage


class GuidelineIndexPageFactory(wagtail_factories.PageFactory):
    title = "Rules of participation"
    slug = "rules"
    intro = "<p>How we talk to each other.</p>"
    show_in_menus = True

    class Meta:
        model = GuidelineIndexPage
