"""Which Python 3.11 `make install` makes the venv with (scripts/make-venv.sh, README "Two
commands"): KER_PYTHON when set, else the distribution's /usr/bin/python3.11, else python3.11
on PATH; never a Python that is not 3.11."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

SCRIPT = Path(settings.BASE_DIR) / "scripts" / "make-venv.sh"


def fake_python(path: Path, version: str) -> Path:
    """An executable that answers the script's questions as a Python of that version would:
    its version, and that it has the venv module and ensurepip."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        "#!/bin/sh\n"
        f'case "$2" in *version_info*) echo {version};; esac\n'
        'case "$2" in *ensurepip*) exit 0;; esac\n'
        "exit 0\n"
    )
    path.chmod(0o755)
    return path


def run(*args: str, **environment: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("KER_PYTHON", "KER_SYSTEM_PYTHON")}
    env.update(environment)
    return subprocess.run([str(SCRIPT), *args], env=env, capture_output=True, text=True, timeout=60)


def test_ker_python_names_the_interpreter():
    result = run("--which", KER_PYTHON=sys.executable)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == sys.executable


def test_a_python_that_is_not_311_is_refused_and_no_venv_is_made(tmp_path):
    other = fake_python(tmp_path / "bin" / "python3.12", "3.12")
    venv = tmp_path / "venv"
    result = run(str(venv), KER_PYTHON=str(other))
    assert result.returncode != 0
    assert f"KER_PYTHON={other} is not a Python 3.11" in result.stderr
    assert not venv.exists()
    # The same executable answering 3.11 is taken: the refusal came from its version.
    fake_python(other, "3.11")
    assert run("--which", KER_PYTHON=str(other)).stdout.strip() == str(other)


def test_the_distributions_python_comes_before_the_one_on_path(tmp_path):
    system = fake_python(tmp_path / "usr" / "bin" / "python3.11", "3.11")
    on_path = fake_python(tmp_path / "pyenv" / "shims" / "python3.11", "3.11")
    path = f"{on_path.parent}:{os.environ['PATH']}"
    chosen = run("--which", KER_SYSTEM_PYTHON=str(system), PATH=path)
    assert chosen.returncode == 0, chosen.stderr
    assert chosen.stdout.strip() == str(system)
    # Without the distribution's Python, the first python3.11 on PATH.
    chosen = run("--which", KER_SYSTEM_PYTHON=str(tmp_path / "absent"), PATH=path)
    assert chosen.returncode == 0, chosen.stderr
    assert chosen.stdout.strip() == str(on_path)


def test_an_existing_venv_is_left_as_it_is(tmp_path):
    venv = tmp_path / "venv"
    python = fake_python(venv / "bin" / "python", "3.11")
    before = sorted(p.name for p in venv.rglob("*"))
    result = run(str(venv), KER_PYTHON=str(tmp_path / "absent"))
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    assert sorted(p.name for p in venv.rglob("*")) == before
    assert python.read_text().startswith("#!/bin/sh")
