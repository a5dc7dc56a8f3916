#!/usr/bin/env python3
"""The README's two commands: `python3 dev.py serve` and `python3 dev.py test`.

Needs only Python 3.11+ and pip. Both create `.venv/` and install the project into it, so a
fresh clone runs with nothing installed by hand.

    serve  migrate a local SQLite database, import the seed articles, create a local admin
           user (credentials printed), serve admin and API on http://127.0.0.1:8000/
    test   run the whole test suite (DATABASE_URL=postgres://... runs it on PostgreSQL)
"""

from __future__ import annotations

import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
PYTHON = VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
STAMP = VENV / ".installed-from"


def run(*args: str | Path, **kwargs) -> None:
    print("+", " ".join(str(arg) for arg in args), flush=True)
    subprocess.run([str(arg) for arg in args], check=True, cwd=ROOT, **kwargs)


def ensure_environment() -> None:
    """Create the virtual environment and install the project, again only when pyproject changed."""
    if not PYTHON.exists():
        venv.EnvBuilder(with_pip=True).create(VENV)
    wanted = (ROOT / "pyproject.toml").read_text()
    if STAMP.exists() and STAMP.read_text() == wanted:
        return
    run(PYTHON, "-m", "pip", "install", "--quiet", "--upgrade", "pip")
    run(PYTHON, "-m", "pip", "install", "--quiet", "-e", ".[dev]")
    STAMP.write_text(wanted)


def serve() -> None:
    ensure_environment()
    manage = (PYTHON, "manage.py")
    run(*manage, "migrate", "--no-input")
    run(*manage, "import_articles", "fixtures/articles/")
    run(*manage, "ensure_local_admin")
    print("\nAPI: http://127.0.0.1:8000/api/v1/   docs: http://127.0.0.1:8000/api/v1/docs/\n", flush=True)
    run(*manage, "runserver", "127.0.0.1:8000")


def test(extra: list[str]) -> None:
    ensure_environment()
    run(PYTHON, "-m", "pytest", *extra)


def main() -> None:
    command, *extra = sys.argv[1:] or ["help"]
    if command == "serve":
        serve()
    elif command == "test":
        test(extra)
    else:
        print(__doc__)
        sys.exit(0 if command == "help" else 2)


if __name__ == "__main__":
    try:
        main()
    except subprocess.CalledProcessError as error:
        sys.exit(error.returncode)
    except KeyboardInterrupt:
        sys.exit(130)
