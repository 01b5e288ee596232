"""What a cached page depends on, as version numbers kept in the shared cache.

A page stores, with its HTML, the versions of the things it was drawn from ("site": the page tree, settings and
snippets; "comments": every consultation's visible comments; "consultation:<key>": one consultation's). Something
that changes one of them writes a new version (``renew``); a cached copy whose versions are not all the current
ones is stale and drawn again. No entry is ever looked for to be deleted: one write invalidates any number of
pages, in every process."""

import logging
import time

from django.core.cache import cache
from django.db import transaction

PREFIX = "tribune:page-cache:version:"
SITE = "site"
COMMENTS = "comments"
logger = logging.getLogger(__name__)


def key(name):
    return f"{PREFIX}{name}"


def current(names):
    """The current version of each name ({name: version}); a name the cache lost gets a new one (a nanosecond
    clock, never a version used before), so that nothing stored under an older one is served."""
    names = list(dict.fromkeys(names))
    found = cache.get_many([key(name) for name in names])
    versions = {name: found.get(key(name)) for name in names}
    missing = [name for name, value in versions.items() if value is None]
    for name in missing:
        cache.add(key(name), time.time_ns(), None)
    if missing:
        again = cache.get_many([key(name) for name in missing])
        versions.update({name: again.get(key(name), 0) for name in missing})
    return versions


def renew(*names, again_on_commit=True):
    """New versions for ``names``: at once, and again when the transaction commits (a page drawn in between,
    from the data before the commit, must not stay cached under the version of the change). A change outside any
    transaction (a release, a setting changed in a test) is written once."""
    if not names:
        return

    def write():
        version = time.time_ns()
        try:
            cache.set_many({key(name): version for name in names}, None)
        except Exception:  # the cache is down: so are the copies it holds; the change itself goes on
            logger.warning("The page cache's versions could not be renewed", exc_info=True)
            try:  # a Redis that answers but refuses writes (full, read-only) still deletes: a lost version is stale
                cache.delete_many([key(name) for name in names])
            except Exception:
                logger.warning("The page cache's versions could not be deleted either", exc_info=True)

    write()
    if again_on_commit:
        transaction.on_commit(write)
