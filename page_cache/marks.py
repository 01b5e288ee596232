"""What a page says about its own response while it is drawn: that it may be cached, what it depends on, until when.

Every function does nothing for a request the middleware did not find cacheable (a signed-in editor, a POST, a
preview, a confirmation): pages call them without asking."""

import logging
from dataclasses import dataclass, field
from datetime import datetime

from django.utils import timezone

from page_cache import versions

ATTRIBUTE = "_page_cache_marks"
logger = logging.getLogger(__name__)


@dataclass
class Marks:
    """Set on a candidate request by the middleware; filled by the page while it is drawn."""

    cacheable: bool = False
    versions: dict = field(default_factory=dict)
    expires_at: datetime | None = None
    parameters: dict = field(default_factory=dict)  # {name: value}: the address's parameters the page read


def of(request):
    return getattr(request, ATTRIBUTE, None)


def cacheable(request, *depends_on):
    """The response to this request may be served to every anonymous reader until one of ``depends_on`` (names of
    ``page_cache.versions``) changes. Their versions are read now, before the page reads its data."""
    marks = of(request)
    if marks is None:
        return
    marks.cacheable = True
    depends_on_too(request, *depends_on)


def depends_on_too(request, *names):
    """The page also shows what ``names`` stand for (e.g. a consultation's comments)."""
    marks = of(request)
    if marks is None or not marks.cacheable:
        return
    wanted = [name for name in names if name not in marks.versions]
    if not wanted:
        return
    try:
        marks.versions.update(versions.current(wanted))
    except Exception:  # the cache is down: the page is drawn and not kept
        logger.warning("The page cache's versions could not be read", exc_info=True)
        marks.cacheable = False


def expires_by(request, moment):
    """The page changes by itself at ``moment`` (a consultation opens or closes, its results day comes): no copy
    is kept past it. None: nothing planned."""
    marks = of(request)
    if marks is None or moment is None:
        return
    if marks.expires_at is None or moment < marks.expires_at:
        marks.expires_at = moment


def reads_parameters(request, **used):
    """The page shows what these query parameters asked for, with the values it used (a page number past the last
    is the last page; ``""`` or None: not given). A rendering is kept only when every known parameter of the address
    (``keys.query_parameters``) was read with the value the address gave: a parameter the page ignores (``?sort=``
    on the home page) or a value it corrected (``?page=999``) makes no copy of its own."""
    marks = of(request)
    if marks is not None:
        marks.parameters.update({name: str(value) for name, value in used.items() if value not in (None, "")})


def not_cacheable(request):
    """This response is for this reader only (a bound form, a message)."""
    marks = of(request)
    if marks is not None:
        marks.cacheable = False


def seconds_left(marks, now=None):
    """How long a copy may be kept: None for the site's default."""
    if marks.expires_at is None:
        return None
    return (marks.expires_at - (now or timezone.now())).total_seconds()
