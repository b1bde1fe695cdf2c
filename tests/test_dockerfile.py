"""The Dockerfile, checked without a Docker engine: its instructions, its build context, and its
install step run for real on the host into a fresh virtual environment."""

from __future__ import annotations

import fnmatch
import json
import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from monitor.settings import load_settings

REPO = Path(__file__).resolve().parents[1]


def instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) pairs, continuation lines joined, comments dropped."""
    out: list[tuple[str, str]] = []
    pending = ""
    for raw in (REPO / "Dockerfile").read_text().splitlines():
        line = raw.strip()
        if not pending and (not line or line.startswith("#")):
            continue
        if line.endswith("\\"):
            pending += line[:-1] + " "
            continue
        line = pending + line
        pending = ""
        name, _, rest = line.partition(" ")
        out.append((name.upper(), rest.strip()))
    return out


def only(name: str) -> str:
    found = [args for n, args in instructions() if n == name]
    assert len(found) == 1, f"expected one {name}, found {found}"
    return found[0]


def test_base_user_volume_config_health_and_entrypoint() -> None:
    steps = instructions()
    names = [n for n, _ in steps]
    assert only("FROM").startswith("python:3.11-slim")
    # Runs as an unprivileged user from the point the daemon starts.
    user = only("USER")
    assert user not in ("root", "0") and not user.startswith("0:")
    assert names.index("USER") < names.index("ENTRYPOINT")
    assert json.loads(only("VOLUME")) == ["/data"]
    envs = " ".join(args for n, args in steps if n == "ENV")
    assert "RUMOUR_MONITOR_CONFIG=/config/monitor.toml" in envs
    # Derived model files are cached in the data volume, which the user owns.
    assert "XDG_CACHE_HOME=/data/.cache" in envs
    health = only("HEALTHCHECK")
    cmd = health.split("CMD", 1)[1].strip()
    assert (json.loads(cmd) if cmd.startswith("[") else shlex.split(cmd)) == ["rumour-monitor", "health"]
    assert json.loads(only("ENTRYPOINT")) == ["rumour-monitor"]
    assert json.loads(only("CMD")) == ["run"]


def copy_sources() -> list[tuple[list[str], str]]:
    return [(args.split()[:-1], args.split()[-1]) for n, args in instructions() if n == "COPY"]


def dockerignore_allows(path: str) -> bool:
    allowed = True
    for line in (REPO / ".dockerignore").read_text().splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        negate = line.startswith("!")
        pattern = line.lstrip("!")
        if fnmatch.fnmatch(path, pattern) or path.startswith(pattern.rstrip("/") + "/"):
            allowed = negate
    return allowed


def test_every_copied_file_exists_and_is_in_the_build_context() -> None:
    for sources, _dest in copy_sources():
        for src in sources:
            assert (REPO / src).exists(), f"COPY {src}: not in the repository"
            assert dockerignore_allows(src), f"COPY {src}: excluded by .dockerignore"
    # What must stay out of the image does.
    for path in (".venv", ".git", "config/data", "data/monitor.db", "tests", "config/monitor.toml"):
        assert not dockerignore_allows(path), path


def test_the_container_config_is_valid_and_writes_to_data() -> None:
    loaded = load_settings(REPO / "config" / "docker.toml")
    assert loaded.database_url == "sqlite:////data/monitor.db"
    assert loaded.status_log_path == Path("/data/status-changes.jsonl")
    assert loaded.settings.claims and loaded.settings.feeds
    # The image's default config is this file.
    assert any(
        sources == ["config/docker.toml"] and dest == "/config/monitor.toml"
        for sources, dest in copy_sources()
    )


def test_the_dockerfile_install_step_gives_a_working_command(tmp_path: Path) -> None:
    """Build the context the Dockerfile copies, run its `pip install` into a fresh venv."""
    ctx = tmp_path / "src"
    for sources, dest in copy_sources():
        if not dest.startswith("/src"):
            continue
        target = ctx / dest.removeprefix("/src").lstrip("/")
        for src in sources:
            if not (REPO / src).exists():
                pytest.fail(f"COPY {src}: not in the repository, so `docker build` would fail")
            if (REPO / src).is_dir():
                shutil.copytree(REPO / src, target, ignore=shutil.ignore_patterns("__pycache__"))
            else:
                target.mkdir(parents=True, exist_ok=True)
                shutil.copy2(REPO / src, target / Path(src).name)
    (install,) = [args for n, args in instructions() if n == "RUN" and "pip install" in args]
    pip_cmd = shlex.split(install.split("&&")[0])
    assert pip_cmd[:2] == ["pip", "install"] and pip_cmd[-1] == "/src"

    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
    bin_dir = venv / "bin"
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH")}
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    proc = subprocess.run(
        [str(bin_dir / "pip"), *pip_cmd[1:-1], "--quiet", str(ctx)],
        capture_output=True, text=True, timeout=600, env=env, cwd=tmp_path,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]

    exe = str(bin_dir / "rumour-monitor")
    # The installed command, not this checkout: run from elsewhere, with the container's config
    # (its /data paths pointed at a temporary folder).
    data = tmp_path / "data"
    data.mkdir()
    config = tmp_path / "config" / "monitor.toml"
    config.parent.mkdir()
    config.write_text((REPO / "config" / "docker.toml").read_text().replace("/data/", f"{data}/"))
    env["RUMOUR_MONITOR_CONFIG"] = str(config)

    help_ = subprocess.run([exe, "--help"], capture_output=True, text=True, env=env, cwd=data, timeout=60)
    assert help_.returncode == 0 and "run" in help_.stdout and "health" in help_.stdout

    health = subprocess.run([exe, "health"], capture_output=True, text=True, env=env, cwd=data, timeout=60)
    assert health.returncode != 0
    assert "unhealthy: no daemon has run" in health.stdout
    assert (data / "monitor.db").exists()  # migrations shipped in the package ran
    # The starter configuration ships in the package: `init` works from the installed command.
    init = subprocess.run([exe, "init", str(tmp_path / "fresh")], capture_output=True, text=True,
                          env=env, cwd=data, timeout=60)
    assert init.returncode == 0, init.stderr
    assert "[[claims]]" in (tmp_path / "fresh" / "monitor.toml").read_text()
    version = subprocess.run([exe, "--version"], capture_output=True, text=True, env=env, timeout=60)
    assert version.stdout.strip() == "rumour-monitor 0.1.0"
    location = subprocess.run(
        [str(bin_dir / "python"), "-c", "import monitor; print(monitor.__file__)"],
        capture_output=True, text=True, env=env, cwd=data, timeout=60,
    ).stdout
    assert str(venv) in location
