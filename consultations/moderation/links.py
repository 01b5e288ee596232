"""Where the queue and a comment in it live in the admin: the one place other rooms (the moderator emails)
ask for those addresses."""

from django.urls import reverse


def queue_url():
    return reverse("tribune_moderation:queue")


def comment_url(comment_id):
    return reverse("tribune_moderation:comment", args=[comment_id])
