"""Lead images that can be drawn: ``{% with image=page.lead_image|readable:"fill-400x225|format-jpeg" %}``."""

from django import template

register = template.Library()


@register.filter
def readable(image, spec):
    """``image`` when its rendition ``spec`` exists or can be made, else None. For an original file missing from
    disk, ``{% picture %}`` draws a 0×0 "not-found" image (a broken image, a 404); for a file it cannot decode
    (cut short, not an image), it fails. Checked on the rendition the picture's fallback ``<img>`` reads next,
    from the prefetched renditions or the cache when it exists."""
    if not image:
        return None
    try:
        image.get_rendition(spec)
    except (OSError, ValueError):  # SourceImageIOError, UnrecognisedImageFormatError, a truncated file
        return None
    return image
