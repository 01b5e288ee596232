"""Compressed HTML, at the level that suits who it is drawn for.

Django's ``GZipMiddleware`` compresses at level 6. A copy the page cache keeps is compressed once and sent many times:
level 6 is worth it. A page drawn for one reader (a session cookie, a signed-in editor) is compressed for that
answer only, on the request's time: level 2 (measured on a 385 KB consultation page of 1,000 comments: level 6,
1.7 ms for 19.4 KB; level 2, 0.6 ms for 21.8 KB). Same answer otherwise: ``Vary: Accept-Encoding``, a random-length
file name in the gzip header (Django's BREACH mitigation, see SECURITY.md), a weak ETag, nothing compressed that
would not get shorter."""

import gzip
import secrets

from django.middleware.gzip import GZipMiddleware as DjangoGZipMiddleware
from django.middleware.gzip import re_accepts_gzip
from django.utils.cache import patch_vary_headers

from page_cache import marks

DRAWN_FOR_ONE_LEVEL = 2


def compress_string(content, level, max_random_bytes):
    """``django.utils.text.compress_string`` at ``level``."""
    compressed = gzip.compress(content, compresslevel=level, mtime=0)
    if not max_random_bytes:
        return compressed
    compressed = memoryview(compressed)
    header = bytearray(compressed[:10])
    header[3] = gzip.FNAME
    return bytes(header) + b"a" * secrets.randbelow(max_random_bytes) + b"\x00" + compressed[10:]


class GZipMiddleware(DjangoGZipMiddleware):
    def process_response(self, request, response):
        found = marks.of(request)
        if response.streaming or (found is not None and found.cacheable):
            return super().process_response(request, response)
        if len(response.content) < 200 or response.has_header("Content-Encoding"):
            return response
        patch_vary_headers(response, ("Accept-Encoding",))
        if not re_accepts_gzip.search(request.META.get("HTTP_ACCEPT_ENCODING", "")):
            return response
        compressed = compress_string(response.content, DRAWN_FOR_ONE_LEVEL, self.max_random_bytes)
        if len(compressed) >= len(response.content):
            return response
        response.content = compressed
        response.headers["Content-Length"] = str(len(compressed))
        etag = response.get("ETag")
        if etag and etag.startswith('"'):
            response.headers["ETag"] = "W/" + etag
        response.headers["Content-Encoding"] = "gzip"
        return response
