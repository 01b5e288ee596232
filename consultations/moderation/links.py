"""Where the queue and a comment in it live in the admin (the moderation viewset, ``viewsets.py``): the one
place other rooms (the moderator emails) ask for those addresses."""

from django.urls import reverse

NAMESPACE = "tribune_moderation"


def name(view):
    return f"{NAMESPACE}:{view}"


def queue_url():
    return reverse(name("index"))


def comment_url(comment_id):
    return reverse(name("comment"), args=[comment_id])


def decide_url(comment_id, action):
    return reverse(name("decide"), args=[comment_id, action])


def reply_url(comment_id):
    return reverse(name("reply"), args=[comment_id])


def approve_and_reply_url(comment_id):
    return reverse(name("approve_and_reply"), args=[comment_id])


def edit_out_url(comment_id):
    return reverse(name("edit_out"), args=[comment_id])


def history_url():
    """Every decision, newest first; ``?consultation=<id>`` for one consultation's."""
    return reverse(name("history"))


# A consultation's published comments as a file: served by the exports room (consultations/exports), which
# sits above this one; the queue links to it by this name.
EXPORT_URL_NAME = "consultations_export_comments"


def export_url(page_id, file_format):
    """``file_format``: "csv" or "xlsx"."""
    return reverse(EXPORT_URL_NAME, args=[page_id, file_format])


# An id no comment will reach (the <id:…> converter takes up to 19 digits), reversed in its place.
_ANY_ID = 999_999_999_999_999_999


def for_each_comment(view, *args):
    """``comment_url``, ``decide_url``… for many comments: the address reversed once (for a page of the queue's
    50 rows, rather than once a row and action), each comment's id put in its place."""
    pattern = reverse(name(view), args=[_ANY_ID, *args])
    return lambda comment_id: pattern.replace(f"/{_ANY_ID}/", f"/{int(comment_id)}/", 1)
