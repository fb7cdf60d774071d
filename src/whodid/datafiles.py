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


def read_yaml_items(path: Path) -> list[tuple[int, Any]]:
    """The items of a YAML file whose top level is a list, each with its line number, so
    that a problem in one entry can name the file and line."""
    try:
        text = path.read_text(encoding="utf-8")
        loader = _LOADER(text)
        try:
            node = loader.get_single_node()
            if node is None:
                return []
            if not isinstance(node, yaml.SequenceNode):
                raise DataFileError(str(path), f"line {node.start_mark.line + 1}",
                                    "expected a list of entries")  # fmt: skip
            return [(item.start_mark.line + 1, loader.construct_document(item))
                    for item in node.value]  # fmt: skip
        finally:
            loader.dispose()
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise DataFileError(str(path), "YAML", str(exc)) from exc
