"""Reading the knowledge files: YAML with libyaml's fast loader when it is installed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from whodid.errors import DataFileError

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_yaml(path: Path) -> Any:
    """The parsed YAML document; a file or syntax problem names the file."""
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)  # a safe loader
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise DataFileError(str(path), "YAML", str(exc)) from exc
