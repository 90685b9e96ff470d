"""`python -m etl`: the command line. Run with a Python that lacks the project's packages (a system `python`
from the project root, as ../shared/eval/score.py does), it hands over to the project's `.venv` if there is one."""

import os
import sys
from pathlib import Path

try:
    import pandas  # noqa: F401
except ImportError:
    venv = Path(__file__).resolve().parent.parent / ".venv"
    venv_python = venv / "bin" / "python"
    if venv_python.exists() and Path(sys.prefix).resolve() != venv.resolve():
        os.execv(str(venv_python), [str(venv_python), "-m", "etl", *sys.argv[1:]])
    raise

from .cli import main  # noqa: E402

sys.exit(main())
