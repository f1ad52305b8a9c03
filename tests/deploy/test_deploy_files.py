"""deploy/ agrees with the code: compose, Helm values and the Dockerfile set what newslake reads.

None of these files can be run here (no container engine), so they are checked statically: they
parse, every Airflow service gets the variables the DAGs read, the connection named by
``NEWSLAKE_AWS_CONN_ID`` is the one provided, the Celery broker and result backend point at the
compose services, the image installs Airflow at the locked version from the lock, and no file
holds anything that looks like a real secret.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import tomllib
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
REQUIRED = {"NEWSLAKE_SOURCES", "NEWSLAKE_LAKE", "NEWSLAKE_AWS_CONN_ID"}
PLACEHOLDER = re.compile(r"\$\{([A-Z0-9_]+)(?::?[-?][^}]*)?\}")


def locked_version(package: str) -> str:
    lock = tomllib.loads((ROOT / "uv.lock").read_text("utf-8"))
    return str(next(p["version"] for p in lock["package"] if p["name"] == package))


def variables_the_code_reads() -> set[str]:
    names: set[str] = set()
    for folder in ("newslake", "transforms", "crawlers", "dags"):
        for path in (ROOT / folder).rglob("*.py"):
            names |= set(re.findall(r"\bNEWSLAKE_[A-Z_]+[A-Z]\b", path.read_text("utf-8")))
    return names


def crawl_pool() -> str:
    found = re.search(r'^CRAWL_POOL = "([^"]+)"', (ROOT / "dags" / "news_ingest.py").read_text("utf-8"), re.M)
    assert found
    return found.group(1)


def substitute(value: str) -> str:
    """A compose value with every ``${VAR...}`` replaced by a harmless sample, as compose would."""
    return PLACEHOLDER.sub(lambda m: f"sample-{m.group(1).lower().replace('_', '-')}", value)


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load((DEPLOY / "docker-compose.yaml").read_text("utf-8"))
    return loaded


@pytest.fixture(scope="module")
def airflow_services(compose: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {
        name: s for name, s in compose["services"].items() if str(s.get("image", "")).startswith("newslake-airflow")
    }


def test_compose_has_every_component_and_two_workers(compose: dict[str, Any], airflow_services: dict[str, Any]) -> None:
    services = compose["services"]
    assert {"postgres", "redis", "minio", "minio-init", "airflow-init"} <= set(services)
    commands = [" ".join(s.get("command", [])) for s in airflow_services.values()]
    for component in ("api-server", "scheduler", "dag-processor", "triggerer"):
        assert any(c.startswith(component) for c in commands), component
    workers = [name for name, s in airflow_services.items() if s.get("command", [])[:2] == ["celery", "worker"]]
    assert len(workers) >= 2
    assert len({services[w]["hostname"] for w in workers}) == len(workers), "workers need distinct host names"
    for name, service in airflow_services.items():
        assert service["build"]["dockerfile"] == "deploy/Dockerfile", name
    for service in services.values():  # published ports: the host's loopback only
        assert all(str(port).startswith("127.0.0.1:") for port in service.get("ports", []))


def test_every_airflow_service_gets_what_the_code_reads(airflow_services: dict[str, Any]) -> None:
    known = variables_the_code_reads()
    assert known >= REQUIRED
    for name, service in airflow_services.items():
        env = service["environment"]
        assert env.keys() >= REQUIRED, name
        assert {key for key in env if key.startswith("NEWSLAKE_")} <= known | {"NEWSLAKE_CRAWL_SLOTS"}, name
        assert env["AIRFLOW__CORE__EXECUTOR"] == "CeleryExecutor", name
        assert substitute(env["NEWSLAKE_LAKE"]).startswith("s3://"), name
        conn_env = f"AIRFLOW_CONN_{env['NEWSLAKE_AWS_CONN_ID'].upper()}"
        assert conn_env in env, f"{name}: NEWSLAKE_AWS_CONN_ID names a connection that {conn_env} must provide"
        connection = json.loads(substitute(env[conn_env]))
        assert connection["conn_type"] == "aws"
        assert urlsplit(connection["extra"]["endpoint_url"]).hostname == "minio"


def test_broker_and_result_backend_are_the_compose_services(airflow_services: dict[str, Any]) -> None:
    for name, service in airflow_services.items():
        env = {key: substitute(str(value)) for key, value in service["environment"].items()}
        database = urlsplit(env["AIRFLOW__DATABASE__SQL_ALCHEMY_CONN"])
        backend = urlsplit(env["AIRFLOW__CELERY__RESULT_BACKEND"])
        broker = urlsplit(env["AIRFLOW__CELERY__BROKER_URL"])
        assert database.scheme == "postgresql+psycopg2" and database.hostname == "postgres", name
        # SQLAlchemy 2.1 maps a bare postgresql:// to psycopg 3, which the lock does not have.
        assert backend.scheme == "db+postgresql+psycopg2" and backend.hostname == "postgres", name
        assert broker.scheme == "redis" and broker.hostname == "redis", name
        assert env["AIRFLOW__CORE__EXECUTION_API_SERVER_URL"].startswith("http://airflow-apiserver:8080/"), name


def test_helm_values_set_the_same_variables() -> None:
    values = yaml.safe_load((DEPLOY / "helm" / "values.yaml").read_text("utf-8"))
    env = {item["name"]: item["value"] for item in values["env"]}
    assert env.keys() >= REQUIRED
    assert env["NEWSLAKE_LAKE"].startswith("s3://")
    assert {key for key in env if key.startswith("NEWSLAKE_")} <= variables_the_code_reads()
    secrets = {item["envName"] for item in values["secret"]}
    assert f"AIRFLOW_CONN_{env['NEWSLAKE_AWS_CONN_ID'].upper()}" in secrets
    assert values["executor"] in {"CeleryExecutor", "KubernetesExecutor"}
    assert values["airflowVersion"] == locked_version("apache-airflow")
    assert values["images"]["airflow"]["repository"]
    pool = values["scheduler"]["extraInitContainers"][0]["args"]
    assert pool[:3] == ["pools", "set", crawl_pool()]


def test_dockerfile_installs_the_locked_versions() -> None:
    dockerfile = (DEPLOY / "Dockerfile").read_text("utf-8")
    assert f"ARG AIRFLOW_VERSION={locked_version('apache-airflow')}\n" in dockerfile
    assert "ARG PYTHON_VERSION=3.11\n" in dockerfile
    assert "FROM apache/airflow:${AIRFLOW_VERSION}-python${PYTHON_VERSION}" in dockerfile
    assert "COPY pyproject.toml uv.lock" in dockerfile
    assert "uv export --frozen --no-dev" in dockerfile
    assert "-r /tmp/requirements.lock.txt" in dockerfile
    assert "pip install --no-cache-dir --no-deps /opt/newslake" in dockerfile


SECRET_NAME = re.compile(r"PASSWORD|SECRET|TOKEN|_KEY\b|FERNET", re.I)
TOKEN = re.compile(r"[A-Za-z0-9+_=-]{24,}")


def looks_random(token: str) -> bool:
    """Keys and passwords mix many digits and letters; names like AIRFLOW__CORE__X do not."""
    return sum(c.isdigit() for c in token) >= 3 and sum(c.isalpha() for c in token) >= 3 and "__" not in token


def deploy_files() -> list[Path]:
    return sorted(p for p in DEPLOY.rglob("*") if p.is_file() and p.name != ".env")


@pytest.mark.parametrize("path", deploy_files(), ids=lambda p: str(p.relative_to(DEPLOY)))
def test_no_file_in_deploy_holds_a_secret(path: Path) -> None:
    text = path.read_text("utf-8")
    assert "PRIVATE KEY-----" not in text
    assert not re.search(r"\bAKIA[0-9A-Z]{16}\b", text), "an AWS access key id"
    assert not [token for token in TOKEN.findall(text) if looks_random(token)], "a long random-looking string"
    for line in text.splitlines():  # NAME=value (.env) or NAME: value (YAML) with a secret-like name
        found = re.match(r"\s*-?\s*([A-Za-z0-9_]+)\s*[=:]\s*(\S.*)?$", line)
        if not found or not found.group(2) or not SECRET_NAME.search(found.group(1)):
            continue
        value = found.group(2).strip().strip("'\"")
        reference = value.startswith(("$", "{", "/", "CHANGE-ME")) or re.fullmatch(r"[A-Z][A-Z0-9_]*", value)
        secret_name = value.startswith(("newslake-airflow-", "newslake-s3-"))  # a Kubernetes secret's name
        assert reference or secret_name or value == "newslake", f"{path.name}: {line.strip()}"


def test_dot_env_is_never_committed() -> None:
    git = shutil.which("git")
    if git is None:
        pytest.skip("git is not installed")
    tracked = subprocess.run([git, "ls-files", "deploy/.env"], cwd=ROOT, capture_output=True, text=True, check=True)
    assert tracked.stdout == ""
    ignored = subprocess.run([git, "check-ignore", "-q", "deploy/.env"], cwd=ROOT, check=False)
    assert ignored.returncode == 0, "deploy/.env must be git-ignored"
