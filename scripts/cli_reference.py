"""Write the README's command reference from the CLI itself, so the two cannot disagree.

    python scripts/cli_reference.py            # print the reference
    python scripts/cli_reference.py --write    # replace it in README.md, between its two markers

Every command gets a heading, the first paragraph of its help, its arguments and a table of its options
(with their help text). ``tests/test_docs.py`` checks that the README names every command, every option
under its command's heading and every ``NEWSLEDGER_*`` setting.
"""

from __future__ import annotations

import enum
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import typer.main

from newsledger.cli import app

README = Path(__file__).resolve().parent.parent / "README.md"
BEGIN = "<!-- cli-reference: written by scripts/cli_reference.py -->"
END = "<!-- /cli-reference -->"


def commands(group: Any = None, path: tuple[str, ...] = ("newsledger",)) -> Iterator[
    tuple[str, Any]
]:
    """Every leaf command of the CLI with its full name (``newsledger query claims``), in help order."""
    group = group or typer.main.get_command(app)
    subcommands = getattr(group, "commands", None)
    if not subcommands:
        yield " ".join(path), group
        return
    for name, command in subcommands.items():
        yield from commands(command, (*path, name))


def parameters(command: Any, kind: str) -> list[Any]:
    """The command's parameters of one kind, ``option`` or ``argument`` (Typer's own classes, which are not
    click's, say which they are by ``param_type_name``)."""
    return [
        param
        for param in command.params
        if param.param_type_name == kind and not getattr(param, "hidden", False)
    ]


def _first_paragraph(text: str | None) -> str:
    return " ".join((text or "").strip().split("\n\n")[0].split())


def _option_help(param: Any) -> str:
    """An option's help, with its choices (for an Enum) and its default, when it has one worth saying."""
    text = param.help or ""
    annotation = param.type_descriptor.annotation
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        text += " One of: " + ", ".join(f"`{member.value}`" for member in annotation) + "."
    default = param.default.value if isinstance(param.default, enum.Enum) else param.default
    if default not in (None, False, (), []):
        text += f" Default: `{default}`."
    return _cell(text)


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def reference() -> str:
    """The reference, in Markdown."""
    out = [BEGIN, ""]
    for name, command in commands():
        out += [f"### `{name}`", "", _first_paragraph(command.help), ""]
        arguments = parameters(command, "argument")
        if arguments:
            out += [
                *(f"- `{param.name.upper()}`{'...' if param.nargs == -1 else ''}: {_cell(param.help or '')}"
                  for param in arguments),
                "",
            ]
        rows = [
            (", ".join(f"`{opt}`" for opt in (*param.opts, *param.secondary_opts)), _option_help(param))
            for param in parameters(command, "option")
        ]
        if rows:
            out += ["| option | meaning |", "| --- | --- |"]
            out += [*(f"| {opt} | {text} |" for opt, text in rows), ""]
    out.append(END)
    return "\n".join(out)


def main() -> None:
    text = reference()
    if "--write" not in sys.argv[1:]:
        print(text)
        return
    readme = README.read_text(encoding="utf-8")
    before, _, rest = readme.partition(BEGIN)
    _, found, after = rest.partition(END)
    if not found:
        raise SystemExit(f"{README} has no {BEGIN} ... {END} section")
    README.write_text(before + text + after, encoding="utf-8")


if __name__ == "__main__":
    main()
