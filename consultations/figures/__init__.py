"""Public figures of a consultation: what was said, by how many, in which languages, and how moderation kept
its promise. ``stats`` holds the pure arithmetic, ``queries`` reads the rows in a fixed number of queries."""
