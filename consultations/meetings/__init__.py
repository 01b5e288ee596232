"""Kick-off meetings outside the page: the ``.ics`` file a reader adds to their calendar."""
