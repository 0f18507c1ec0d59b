"""The suite runs on the test settings whatever DJANGO_SETTINGS_MODULE the shell exports.

`make` used to export config.settings.dev, and pytest-django prefers the environment's module
to pyproject's: the whole suite then ran on the development settings (slow password hashing,
the project's own media and index folders), and servers started by tests on the test settings
refused the users it had created.
"""

import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

BASE_DIR = Path(settings.BASE_DIR)


def test_this_process_runs_on_the_test_settings():
    assert os.environ["DJANGO_SETTINGS_MODULE"] == "config.settings.test"
    assert settings.PASSWORD_HASHERS == ["django.contrib.auth.hashers.MD5PasswordHasher"]


def test_a_shell_exporting_the_development_settings_still_gets_the_test_settings(tmp_path):
    probe = tmp_path / "test_probe.py"
    probe.write_text(
        "from django.conf import settings\n\n"
        "def test_module():\n"
        "    assert settings.SETTINGS_MODULE == 'config.settings.test', settings.SETTINGS_MODULE\n"
        "    assert settings.PASSWORD_HASHERS[0].endswith('MD5PasswordHasher')\n"
    )
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-c",
            str(BASE_DIR / "pyproject.toml"),
            "--rootdir",
            str(BASE_DIR),
            "-p",
            "no:xdist",
            str(probe),
        ],
        cwd=BASE_DIR,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.dev"},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    assert "1 passed" in result.stdout
