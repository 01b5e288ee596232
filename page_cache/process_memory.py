"""What one process remembers between requests: values by key, the most recent of them up to a size (a setting),
shared by the threads of a threaded gunicorn worker. Used by the page cache (which versions a copy names), the
routes (which site a host is, which page an address shows) and the shared pieces (which keys an address reads, the
pieces themselves). Each value counts 1 towards the size, or what ``weigh(value)`` says (bytes, for pieces)."""

import threading
import weakref
from collections import OrderedDict

from django.conf import settings

_every_memory = weakref.WeakSet()


class ProcessMemory:
    def __init__(self, size_setting, default_size, weigh=None):
        self.values = OrderedDict()
        self.weights = {}
        self.total = 0
        self.size_setting, self.default_size = size_setting, default_size
        self.weigh = weigh
        self.lock = threading.Lock()
        _every_memory.add(self)

    def get(self, key, default=None):
        with self.lock:
            value = self.values.get(key)
            if value is None:
                return default
            self.values.move_to_end(key)
            return value

    def remember(self, key, value):
        weight = self.weigh(value) if self.weigh is not None else 1
        size = getattr(settings, self.size_setting, self.default_size)
        with self.lock:
            self._drop(key)
            if weight > size:  # would push out everything else
                return
            self.values[key] = value
            self.weights[key] = weight
            self.total += weight
            while self.total > size:
                self._drop(next(iter(self.values)))

    def forget(self, key):
        with self.lock:
            self._drop(key)

    def forget_everything(self):
        with self.lock:
            self.values.clear()
            self.weights.clear()
            self.total = 0

    def _drop(self, key):
        if self.values.pop(key, None) is not None:
            self.total -= self.weights.pop(key)


def forget_everything():
    """Every process memory emptied, as in a new process (each test starts so)."""
    for memory in list(_every_memory):
        memory.forget_everything()
