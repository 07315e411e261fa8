"""The package installs (pyproject.toml): the command line works from any folder, also as `waspada`."""

import os
import subprocess
import sys
from pathlib import Path

import pytest


def _clean_env() -> dict[str, str]:
    """Return the environment without PYTHONPATH, so only the installed package can be found."""
    return {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}


def test_python_m_analytics_works_from_another_folder(tmp_path):
    """An administrator can run `python -m analytics --help` from any folder and sees every command."""
    done = subprocess.run([sys.executable, "-m", "analytics", "--help"], cwd=tmp_path, env=_clean_env(),
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    for command in ("ingest", "score", "setup", "backup", "user"):
        assert command in done.stdout


def test_waspada_console_script_runs_a_command(tmp_path):
    """The `waspada` command installed beside Python runs the same commands (here: the help of `score`)."""
    script = Path(sys.executable).parent / ("waspada.exe" if os.name == "nt" else "waspada")
    if not script.exists():
        pytest.fail(f"{script} missing: install with `python -m pip install -e .` (README)")
    done = subprocess.run([str(script), "score", "--help"], cwd=tmp_path, env=_clean_env(),
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert "--as-of" in done.stdout


def test_help_does_not_load_the_data_stack(tmp_path):
    """`--help` answers at once: it loads neither pandas nor SQLAlchemy (issue 12: the command line starts at once)."""
    probe = "import sys, runpy; sys.argv = ['analytics', '--help']\n" \
            "try:\n    runpy.run_module('analytics', run_name='__main__')\nexcept SystemExit:\n    pass\n" \
            "print('LOADED', sorted(m for m in ('pandas', 'sqlalchemy', 'streamlit') if m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, env=_clean_env(), capture_output=True,
                          text=True, check=False)
    assert "LOADED []" in done.stdout, done.stdout + done.stderr
