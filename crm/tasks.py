"""The one place the project imports Django's Tasks framework from.

Django 5.2 has no ``django.tasks``: the ``django-tasks`` backport provides the same API. Every app takes ``task``
(and the other names below) from here, so moving to Django 6 is the one import line below.
"""

from django_tasks import TaskResultStatus, default_task_backend, task, task_backends

__all__ = ["TaskResultStatus", "default_task_backend", "task", "task_backends"]
