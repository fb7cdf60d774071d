"""Every command is documented in the README, and the README's formats exist."""

from pathlib import Path

from whodid.cli import main
from whodid.output import FORMATS

README = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")


def test_every_command_is_in_the_readme():
    for name, command in main.commands.items():
        assert f"whodid {name}" in README, name
        for sub in getattr(command, "commands", {}):
            assert f"whodid {name} {sub}" in README, f"{name} {sub}"


def test_every_output_format_is_in_the_readme():
    for fmt in FORMATS:
        assert f"--format {fmt}" in README, fmt
