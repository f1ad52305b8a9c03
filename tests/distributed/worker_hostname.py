"""The host name a Celery worker reports for its task instances in this test.

Both test workers run on one machine, so the default (the machine's FQDN) would be the same for
both. Each worker is started with ``AIRFLOW__CORE__HOSTNAME_CALLABLE`` pointing here and its own
``NEWSLAKE_TEST_WORKER``, standing in for two hosts; in compose or Kubernetes every worker has its
own host name and needs nothing like this.
"""

from __future__ import annotations

import os
import socket


def celery_hostname() -> str:
    """``worker1@<machine>``: the worker's Celery name, as task instances' ``hostname``."""
    return f"{os.environ['NEWSLAKE_TEST_WORKER']}@{socket.gethostname()}"
