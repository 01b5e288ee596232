from wagtail import hooks

from outbox.viewsets import outbox_viewset


@hooks.register("register_admin_viewset")
def register_outbox_viewset():
    return outbox_viewset
