"""First run (issue 18): `init` writes a commented starter configuration that works as written
and says what to do next; `--version`; shell completion scripts for bash, zsh and fish, and a
real completion round trip through bash."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from helpers.cli import REPO, cli

from monitor.cli import main


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "RUMOUR_MONITOR_CONFIG"}
    return subprocess.run(
        [sys.executable, "-m", "monitor", *args], capture_output=True, text=True, timeout=120,
        cwd=cwd, env=env | {"PYTHONPATH": str(REPO)},
    )


def test_init_writes_a_working_commented_starter_and_says_what_next(tmp_path: Path) -> None:
    proc = _run("init", "site", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    config = tmp_path / "site" / "monitor.toml"
    text = config.read_text(encoding="utf-8")
    assert text.count("[[claims]]") == 1 and text.count("[[feeds]]") == 1
    assert 'url = "sqlite:///data/monitor.db"' in text and "status_log" in text
    assert sum(line.startswith("#") for line in text.splitlines()) >= 10  # explained, not bare
    out = proc.stdout
    assert f"wrote site{os.sep}monitor.toml" in out and "next:" in out
    assert "rumour-monitor --config site/monitor.toml check-config" in out
    assert "RUMOUR_MONITOR_CONFIG" in out

    # It works as written: it validates, and the read commands run on the database it names.
    check = cli(config, "check-config")
    assert "OK" in check.stdout and "1 claim:" in check.stdout and "1 feed:" in check.stdout
    status = cli(config, "status")
    assert "example-merger  unverified" in status.stdout
    assert (tmp_path / "site" / "data" / "monitor.db").exists()


def test_init_never_overwrites_without_force(tmp_path: Path) -> None:
    config = tmp_path / "config" / "monitor.toml"
    config.parent.mkdir()
    config.write_text("# mine\n", encoding="utf-8")
    proc = _run("init", cwd=tmp_path)  # the default place: config/monitor.toml
    assert proc.returncode == 1 and "already exists" in proc.stderr and "--force" in proc.stderr
    assert config.read_text(encoding="utf-8") == "# mine\n"
    proc = _run("init", "--force", cwd=tmp_path)
    assert proc.returncode == 0 and "[[claims]]" in config.read_text(encoding="utf-8")
    assert "--config" not in proc.stdout  # the default place needs no --config


def test_init_writes_where_config_points(tmp_path: Path) -> None:
    proc = _run("--config", "elsewhere/my.toml", "init", cwd=tmp_path)
    assert proc.returncode == 0 and (tmp_path / "elsewhere" / "my.toml").exists()


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0
    assert capsys.readouterr().out.strip() == "rumour-monitor 0.1.0"


@pytest.mark.parametrize(("shell", "marker"), [
    ("bash", "complete -o nospace -o default -o bashdefault -F _python_argcomplete rumour-monitor"),
    ("zsh", "#compdef rumour-monitor"),
    ("fish", "complete --command rumour-monitor"),
])
def test_completion_scripts(shell: str, marker: str, tmp_path: Path) -> None:
    proc = _run("completion", shell, cwd=tmp_path)
    assert proc.returncode == 0 and marker in proc.stdout


@pytest.mark.skipif(shutil.which("bash") is None, reason="bash not installed")
def test_bash_completes_commands_and_options(tmp_path: Path) -> None:
    """The bash script, sourced in a real bash, asks the real program for completions."""
    script = _run("completion", "bash", cwd=tmp_path).stdout
    bindir = tmp_path / "bin"
    bindir.mkdir()
    exe = bindir / "rumour-monitor"
    exe.write_text(f"#!/bin/sh\nexec {sys.executable} -m monitor \"$@\"\n")
    exe.chmod(0o755)

    def complete(line: str) -> set[str]:
        words = line.split(" ")
        program = "\n".join([
            script,
            f"COMP_LINE={line!r}; COMP_POINT={len(line)}; COMP_TYPE=9",
            "COMP_WORDS=(" + " ".join(repr(w) for w in words) + f"); COMP_CWORD={len(words) - 1}",
            "_python_argcomplete rumour-monitor",
            'printf "%s\\n" "${COMPREPLY[@]}"',
        ])
        env = os.environ | {"PATH": f"{bindir}:{os.environ['PATH']}", "PYTHONPATH": str(REPO)}
        proc = subprocess.run(["bash", "-c", program], capture_output=True, text=True, env=env,
                              cwd=tmp_path, timeout=120)
        return {w.strip() for w in proc.stdout.splitlines() if w.strip()}

    assert complete("rumour-monitor sta") == {"status"}
    assert {"history", "health"} <= complete("rumour-monitor h")
    assert complete("rumour-monitor deliveries --de") == {"--dead"}
    assert {"bash", "zsh", "fish"} <= complete("rumour-monitor completion ")
