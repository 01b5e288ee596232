from django.dispatch import Signal

# Sent inside the new comment's transaction with ``comment`` (saved, pending or published unread).
comment_posted = Signal()
