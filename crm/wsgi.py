"""WSGI entry point for gunicorn.

Once the application is loaded, its objects (modules, settings, URL patterns, models: about 120,000
tracked by the garbage collector) are moved out of the collector's reach with `gc.freeze()`: they
live as long as the process, and every full collection scanned them all again, about 65 ms every few
requests, which set the API's p95. A full collection after the freeze takes well under a millisecond.
With gunicorn's `--preload` this runs once before the workers fork, which also keeps the frozen
pages shared between them.
"""

import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "crm.settings")
application = get_wsgi_application()

gc.collect()
gc.freeze()
