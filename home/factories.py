import wagtail_factories

from home.models import HomePage


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Have your say"
    slug = "home"
    intro = "<p>Young people give their opinion here.</p>"

    class Meta:
        model = HomePage
