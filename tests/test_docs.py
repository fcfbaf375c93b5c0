"""The README documents every command, every option and every setting, so the docs cannot fall behind.

The command reference in the README is written from the CLI by ``scripts/cli_reference.py``; these tests
fail when a command or option is added, renamed or re-described without re-running it, and when a
``NEWSLEDGER_*`` environment setting read anywhere in ``src/`` is missing from the README.
"""

from __future__ import annotations

import ast
import importlib.util
import re
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
SETTING = re.compile(r"^NEWSLEDGER_[A-Z_]+$")


def _reference_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("cli_reference", ROOT / "scripts" / "cli_reference.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


REFERENCE = _reference_module()
COMMANDS = list(REFERENCE.commands())


def _readme_section(command: str) -> str:
    """The README's text under the heading of ``command``, up to the next heading."""
    heading = f"### `{command}`\n"
    assert heading in README, f"the README has no heading for {command}"
    return README.split(heading, 1)[1].split("\n#", 1)[0]


def test_docs_reference_matches_the_cli() -> None:
    assert REFERENCE.reference() in README, (
        "the README's command reference is out of date: run `python scripts/cli_reference.py --write`"
    )


@pytest.mark.parametrize(("name", "command"), COMMANDS, ids=[name for name, _ in COMMANDS])
def test_docs_name_every_command_and_its_options(name: str, command: object) -> None:
    section = _readme_section(name)
    for option in REFERENCE.parameters(command, "option"):
        for flag in option.opts:
            assert f"`{flag}`" in section, f"{name}: option {flag} is not documented under its heading"


def test_docs_cover_every_command_group() -> None:
    documented = {name.split()[1] for name, _ in COMMANDS}
    assert {"extract", "ingest", "query", "evaluate", "export", "serve", "batch", "link", "schema"} <= documented


def _settings_read_in_src() -> set[str]:
    found: set[str] = set()
    for path in (ROOT / "src").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and SETTING.match(node.value):
                found.add(node.value)
    return found


def test_docs_name_every_setting() -> None:
    settings = _settings_read_in_src()
    assert "NEWSLEDGER_DB" in settings and "NEWSLEDGER_TOKEN" in settings
    missing = sorted(setting for setting in settings if f"`{setting}`" not in README)
    assert not missing, f"settings read in src/ but not in the README: {missing}"
