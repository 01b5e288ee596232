import wagtail_factories

from consultations.models import ConsultationIndexPage


class ConsultationIndexPageFactory(wagtail_factories.PageFactory):
    title = "Consultations"
    slug = "consultations"
    intro = "<p>The questions we ask young people.</p>"
    show_in_menus = True

    class Meta:
        model = ConsultationIndexPage
