"""The site's page cache: anonymous readers' GETs of public pages, served from the shared cache (README, "Deploying").

Knows none of the apps. A page says it may be cached, and what it depends on, through ``page_cache.marks``; the
apps say when something changed through ``page_cache.versions.renew``."""
