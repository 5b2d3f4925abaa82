"""The headless command line: ``python -m explorer [--db PATH] SUBCOMMAND ...``.

Errors a user can cause print one line to stderr and exit with status 2; nothing is half-written.
"""

from __future__ import annotations

import argparse
import difflib
import sys
from collections.abc import Callable
from pathlib import Path

from explorer import __version__
from explorer.locations import default_store_path, settings_path, user_data_dir

EXIT_OK, EXIT_PROBLEM, EXIT_USAGE = 0, 1, 2

# Every subcommand's name, known without importing the modules that define them, so that a
# double-click start of the window does not pay for importing the command line.
COMMAND_NAMES = frozenset(
    {
        "where",
        "export",
        "import",
        "list",
        "check",
        "screenshot",
        "generate",
        "bench",
        "report",
        "delete",
    }  # fmt: skip
)

# name -> (help, function that adds arguments, function that runs it)
COMMANDS: dict[str, tuple[str, Callable[[argparse.ArgumentParser], None], Callable]] = {}


def command(name: str, help: str, arguments: Callable[[argparse.ArgumentParser], None]):
    """Register ``run(options) -> int`` as the subcommand ``name``."""

    def register(run: Callable[[argparse.Namespace], int]) -> Callable:
        COMMANDS[name] = (help, arguments, run)
        return run

    return register


def build_parser() -> argparse.ArgumentParser:
    """The full parser: global options and every registered subcommand."""
    _load_commands()
    parser = argparse.ArgumentParser(
        prog="python -m explorer",
        description="Timeline Explorer: NATO-Afghanistan relations on one zoomable timeline. "
        "Without a subcommand, opens the window.",
    )
    add_global_options(parser)
    sub = parser.add_subparsers(dest="command", metavar="SUBCOMMAND")
    for name, (help_text, arguments, _run) in COMMANDS.items():
        p = sub.add_parser(name, help=help_text, description=help_text)
        p.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
        arguments(p)
    return parser


def add_global_options(parser: argparse.ArgumentParser) -> None:
    """Options shared by the window and every subcommand."""
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--db",
        type=Path,
        metavar="PATH",
        help=f"the store to open (default: {default_store_path()})",
    )


def wants_command_line(argv: list[str]) -> bool:
    """True when ``argv`` names a subcommand or asks for help or the version."""
    rest = list(argv)
    while rest:
        word = rest.pop(0)
        if word in ("-h", "--help", "--version") or word in COMMAND_NAMES:
            return True
        if word == "--db" and rest:
            rest.pop(0)
    return False


# Qt's own command-line options that take a value (QGuiApplication and QApplication)
QT_OPTIONS_WITH_VALUE = frozenset(
    {"-platform", "-platformpluginpath", "-platformtheme", "-plugin", "-qmljsdebugger",
     "-qwindowgeometry", "-qwindowicon", "-qwindowtitle", "-style", "-stylesheet", "-session",
     "-display", "-geometry", "-title", "-name", "-visual", "-fontengine", "-dialogs",
     "-widgetcount-file"}
)  # fmt: skip


def unknown_command(qt_args: list[str]) -> str | None:
    """The message for a word left over for Qt that is no option: a mistyped command."""
    rest = list(qt_args)
    while rest:
        word = rest.pop(0)
        if word.startswith("-"):
            if "=" not in word and word.replace("--", "-", 1) in QT_OPTIONS_WITH_VALUE and rest:
                rest.pop(0)
            continue
        names = sorted(COMMAND_NAMES)
        close = difflib.get_close_matches(word, names, n=1)
        hint = f"; did you mean {close[0]!r}?" if close else "."
        return f"unknown command {word!r}{hint} Commands: {', '.join(names)}"
    return None


def parse_window_args(argv: list[str]) -> argparse.Namespace:
    """Options of the window (no subcommand); unknown options are left for Qt."""
    parser = argparse.ArgumentParser(prog="timeline-explorer", add_help=False)
    add_global_options(parser)
    parser.add_argument("--self-test", action="store_true")
    parser.add_argument("--self-test-report", type=Path, metavar="FILE")
    parser.add_argument("--settings", type=Path, metavar="FILE", help="settings file to use")
    options, qt_args = parser.parse_known_args(argv)
    options.qt_args = qt_args
    if options.self_test_report:
        options.self_test = True
    return options


def fail(message: str) -> int:
    """Print one clear line for a user error and return the usage exit status."""
    print(f"error: {message}", file=sys.stderr)
    return EXIT_USAGE


def store_path(options: argparse.Namespace) -> Path:
    """The store the user named with --db, or the default per-user store."""
    return options.db if options.db else default_store_path()


@command("where", "print the paths in use (store, settings, data folder)", lambda p: None)
def run_where(options: argparse.Namespace) -> int:
    """Print where the store, settings and user data live."""
    print(f"store:    {store_path(options)}")
    print(f"settings: {settings_path()}")
    print(f"data dir: {user_data_dir()}")
    return EXIT_OK


def _load_commands() -> None:
    """Import the modules that register further subcommands."""
    import explorer.commands  # noqa: F401


def main(argv: list[str] | None = None) -> int:
    """Run one subcommand; user errors become one line and exit status 2."""
    from explorer.domain.dataset import DatasetError
    from explorer.store.errors import StoreError

    parser = build_parser()
    options = parser.parse_args(sys.argv[1:] if argv is None else argv)
    if not options.command:
        parser.print_help()
        return EXIT_USAGE
    run = COMMANDS[options.command][2]
    try:
        return run(options)
    except (StoreError, DatasetError) as exc:
        return fail(str(exc))
    except KeyboardInterrupt:
        return fail("interrupted")
    except BrokenPipeError:
        return EXIT_OK
