from django.apps import AppConfig


class PageCacheConfig(AppConfig):
    """No models and nothing shown in the admin: no verbose name to translate."""

    name = "page_cache"

    def ready(self):
        from page_cache import receivers

        receivers.connect()
