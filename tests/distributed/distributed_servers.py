"""Real servers for the distributed test, each bound to 127.0.0.1 and stopped afterwards (the
fixtures reach the tests through ``conftest.py``).

PostgreSQL and Redis come from the Debian packages (``make test-distributed`` installs them when
missing) and run from temporary data directories on free ports; moto's S3 server stands in for
S3 or MinIO. Nothing here runs unless ``make test-distributed`` set ``NEWSLAKE_DISTRIBUTED=1``
(see ``test_celery.py``).
"""

from __future__ import annotations

import contextlib
import importlib.util
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest


@pytest.fixture(scope="session", autouse=True)
def async_postgres_driver() -> None:
    """Airflow 3 opens PostgreSQL through asyncpg too (API server, async sessions)."""
    if importlib.util.find_spec("asyncpg") is None:
        pytest.fail("asyncpg is missing: run this through `make test-distributed` (uv run --with asyncpg)")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def stop_group(process: subprocess.Popen[bytes], seconds: float = 30) -> None:
    """SIGTERM the process group started with ``start_new_session``; SIGKILL it if it lingers."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=seconds)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)
    with contextlib.suppress(ProcessLookupError):  # children that outlived their leader share its group
        os.killpg(process.pid, signal.SIGKILL)


def wait_port(port: int, seconds: float, what: str, log: Path) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    pytest.fail(f"{what} did not listen on 127.0.0.1:{port} within {seconds}s: {log.read_text('utf-8', 'replace')}")


@dataclass(frozen=True)
class Postgres:
    url: str  # SQLAlchemy URL of the ``airflow`` database
    pids: tuple[int, ...]


def _postgres_bin() -> Path:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))
    if not found:
        pytest.fail("PostgreSQL is not installed: `make test-distributed` installs the Debian package postgresql")
    return found[-1].parent


@pytest.fixture(scope="session")
def postgres() -> Iterator[Postgres]:
    """A throw-away PostgreSQL cluster on 127.0.0.1 with an ``airflow`` database and password login."""
    import psycopg2  # type: ignore[import-untyped]  # noqa: PLC0415 - only this test needs the driver

    bin_dir = _postgres_bin()
    # PostgreSQL refuses to run as root: as root, run it as the package's ``postgres`` user.
    as_owner = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    root = Path(tempfile.mkdtemp(prefix="newslake-pg-"))
    password = secrets.token_hex(16)
    (root / "pwfile").write_text(password, "utf-8")
    if as_owner:
        shutil.chown(root, "postgres", "postgres")
        shutil.chown(root / "pwfile", "postgres", "postgres")
    data, port = root / "data", free_port()
    initdb = [str(bin_dir / "initdb"), "-D", str(data), "-U", "airflow", f"--pwfile={root / 'pwfile'}"]
    initdb += ["--auth-local=trust", "--auth-host=scram-sha-256", "-E", "UTF8", "--locale=C"]
    options = f"-c listen_addresses=127.0.0.1 -c port={port} -c unix_socket_directories={root}"
    pg_ctl = [str(bin_dir / "pg_ctl"), "-D", str(data)]
    try:
        subprocess.run([*as_owner, *initdb], check=True, capture_output=True, timeout=120)
        start = [*pg_ctl, "-l", str(root / "server.log"), "-o", options, "-w", "-t", "60", "start"]
        subprocess.run([*as_owner, *start], check=True, capture_output=True, timeout=90)
        connection = psycopg2.connect(host="127.0.0.1", port=port, user="airflow", password=password, dbname="postgres")
        connection.autocommit = True
        with connection.cursor() as cursor:
            cursor.execute("CREATE DATABASE airflow")
        connection.close()
        pid = int((data / "postmaster.pid").read_text().split()[0])
        yield Postgres(f"postgresql+psycopg2://airflow:{password}@127.0.0.1:{port}/airflow", (pid,))
    finally:
        if (data / "postmaster.pid").exists():
            stop = [*as_owner, *pg_ctl, "-m", "fast", "-w", "-t", "60", "stop"]
            subprocess.run(stop, check=False, capture_output=True, timeout=90)
        shutil.rmtree(root, ignore_errors=True)


@dataclass(frozen=True)
class Redis:
    url: str  # Celery broker URL
    pids: tuple[int, ...]


@pytest.fixture(scope="session")
def redis(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Redis]:
    """Redis on 127.0.0.1 with a password, protected mode and no persistence."""
    server = shutil.which("redis-server") or "/usr/bin/redis-server"
    if not Path(server).exists():
        pytest.fail("Redis is not installed: `make test-distributed` installs the Debian package redis-server")
    root, port, password = tmp_path_factory.mktemp("redis"), free_port(), secrets.token_hex(16)
    config = root / "redis.conf"  # the password goes in a file, not on a command line others can read
    config.write_text(
        f"bind 127.0.0.1\nport {port}\nprotected-mode yes\nrequirepass {password}\n"
        f'save ""\nappendonly no\ndaemonize no\ndir {root}\n',
        "utf-8",
    )
    log = root / "redis.log"
    with log.open("wb") as out:
        process = subprocess.Popen([server, str(config)], stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        wait_port(port, 30, "Redis", log)
        yield Redis(f"redis://:{password}@127.0.0.1:{port}/0", (process.pid,))
    finally:
        stop_group(process)


@dataclass(frozen=True)
class S3:
    endpoint: str
    bucket: str
    pids: tuple[int, ...]


@pytest.fixture(scope="session")
def s3(tmp_path_factory: pytest.TempPathFactory) -> Iterator[S3]:
    """moto's S3 server on 127.0.0.1 (a separate process, as S3 or MinIO would be) with one bucket."""
    import boto3  # noqa: PLC0415

    root, port = tmp_path_factory.mktemp("moto"), free_port()
    log = root / "moto.log"
    command = [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)]
    with log.open("wb") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        wait_port(port, 60, "moto's S3 server", log)
        endpoint = f"http://127.0.0.1:{port}"
        client = boto3.client(
            "s3",
            endpoint_url=endpoint,
            aws_access_key_id="testing",
            aws_secret_access_key="testing",  # noqa: S106 - moto accepts any key
            region_name="us-east-1",
        )
        client.create_bucket(Bucket="newslake")
        yield S3(endpoint, "newslake", (process.pid,))
    finally:
        stop_group(process)
