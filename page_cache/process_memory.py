"""What one process remembers between requests: values by key, the most recent ``size`` of them (a setting), shared
by the threads of a threaded gunicorn worker. Used by the page cache (which versions a copy names) and the routes
(which site a host is, which page an address shows)."""

import threading
from collections import OrderedDict

from django.conf import settings


class ProcessMemory:
    def __init__(self, size_setting, default_size):
        self.values = OrderedDict()
        self.size_setting, self.default_size = size_setting, default_size
        self.lock = threading.Lock()

    def get(self, key, default=None):
        with self.lock:
            value = self.values.get(key)
            if value is None:
                return default
            self.values.move_to_end(key)
            return value

    def remember(self, key, value):
        with self.lock:
            self.values[key] = value
            self.values.move_to_end(key)
            while len(self.values) > getattr(settings, self.size_setting, self.default_size):
                self.values.popitem(last=False)

    def forget(self, key):
        with self.lock:
            self.values.pop(key, None)
