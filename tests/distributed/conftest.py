"""The distributed test's servers as fixtures (see ``distributed_servers.py``)."""

from distributed_servers import async_postgres_driver, postgres, redis, s3

__all__ = ["async_postgres_driver", "postgres", "redis", "s3"]
