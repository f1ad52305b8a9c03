"""Shared test fixtures: real HTTP sites and a real S3 endpoint, all on 127.0.0.1; test tiers.

Airflow reads ``AIRFLOW_HOME`` when it is first imported, so the environment is set here,
before any test module can import it.

Tiers (markers registered in pyproject.toml) are given by what a test uses, not by hand: the
fixtures it asks for (directly or through other fixtures) and the folder it lives in. A test
with none of ``http``, ``s3``, ``airflow`` or ``slow`` is ``unit``; ``make test-fast`` runs
those. A test may still carry one of the markers itself (``slow`` above all).
"""

from __future__ import annotations

import os
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures"
SEEDS = ROOT.parent / "shared" / "seeds"

_AIRFLOW_HOME = Path(tempfile.mkdtemp(prefix="newslake-airflow-"))
os.environ.update(
    {
        "AIRFLOW_HOME": str(_AIRFLOW_HOME),
        "AIRFLOW__CORE__DAGS_FOLDER": str(ROOT / "dags"),
        "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
        "AIRFLOW__CORE__UNIT_TEST_MODE": "True",
        "AWS_EC2_METADATA_DISABLED": "true",
    }
)

from newslake.site_server import SiteServer, serve_site  # noqa: E402 - after the environment is set

# A test that uses one of these fixtures, directly or through another, is in that tier.
FIXTURE_TIERS = {
    "wire_site": "http",
    "portal_site": "http",
    "hostile_site": "http",
    "s3_endpoint": "s3",
    "airflow_db": "airflow",
}
# Folders whose tests start servers or crawl subprocesses in their bodies, or drive Airflow.
FOLDER_TIERS = {
    "crawlers": ("http",),
    "newslake": ("http",),
    "dags": ("airflow",),
    "distributed": ("airflow", "http", "s3", "slow"),
}
# Modules slow as a whole, named here so the marker survives edits of the module itself.
SLOW_MODULES = {
    "test_quality_gate.py",  # extracts the 250 pages of the public benchmarks (~10 s)
}
SERVER_TIERS = ("http", "s3", "airflow", "slow")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test with its tiers; a test in none of the server tiers is a unit test."""
    for item in items:
        tiers = {tier for name, tier in FIXTURE_TIERS.items() if name in getattr(item, "fixturenames", ())}
        folder = item.path.relative_to(Path(__file__).parent).parts[0]
        tiers.update(FOLDER_TIERS.get(folder, ()))
        if item.path.name in SLOW_MODULES:
            tiers.add("slow")
        tiers.update(marker.name for marker in item.iter_markers() if marker.name in SERVER_TIERS)
        for tier in sorted(tiers):
            item.add_marker(tier)
        if not tiers:
            item.add_marker("unit")


@pytest.fixture(scope="session")
def wire_site() -> Iterator[SiteServer]:
    """The Eastern Wire fixture site (feeds, encodings, bad links) on 127.0.0.1."""
    with serve_site(FIXTURES / "sites" / "wire") as site:
        yield site


@pytest.fixture
def wire_sources(tmp_path: Path, wire_site: SiteServer) -> Path:
    """A sources file with the wire site's RSS and Atom feeds as two sources."""
    path = tmp_path / "sources.yaml"
    path.write_text(
        f"""\
sources:
  - id: wire-rss
    kind: feed
    urls: ["{wire_site.base_url}/rss.xml"]
    timezone: Asia/Shanghai
    delay: 0
    concurrency: 4
  - id: wire-atom
    kind: feed
    urls: ["{wire_site.base_url}/atom.xml"]
    timezone: Asia/Shanghai
    delay: 0
    concurrency: 4
""",
        "utf-8",
    )
    return path


@pytest.fixture(scope="session")
def s3_endpoint() -> Iterator[str]:
    """moto's S3 server on 127.0.0.1, reached exactly as AWS or MinIO would be."""
    from moto.server import ThreadedMotoServer  # noqa: PLC0415 - only S3 tests pay for moto

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    endpoint = f"http://{host}:{port}"
    saved = {key: os.environ.get(key) for key in _AWS}
    os.environ.update(
        {
            "AWS_ENDPOINT_URL": endpoint,
            "AWS_ACCESS_KEY_ID": "testing",
            "AWS_SECRET_ACCESS_KEY": "testing",
            "AWS_DEFAULT_REGION": "us-east-1",
        }
    )
    yield endpoint
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value
    server.stop()


_AWS = ("AWS_ENDPOINT_URL", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_DEFAULT_REGION")


@pytest.fixture
def s3_lake(s3_endpoint: str) -> str:
    """A fresh bucket on the S3 endpoint; the lake URI inside it."""
    import boto3  # noqa: PLC0415

    bucket = f"lake-{uuid.uuid4().hex[:12]}"
    boto3.client("s3", endpoint_url=s3_endpoint).create_bucket(Bucket=bucket)
    return f"s3://{bucket}/news"
