"""The window's start checks for a subcommand by name without importing the command modules."""

from explorer import cli


def test_every_registered_subcommand_is_known_by_name():
    cli.build_parser()  # imports and registers every command module
    assert set(cli.COMMANDS) == cli.COMMAND_NAMES


def test_window_arguments_are_not_mistaken_for_a_subcommand():
    assert not cli.wants_command_line([])
    assert not cli.wants_command_line(["--db", "list", "--self-test"])
    assert cli.wants_command_line(["--db", "x.db", "list"])
    assert cli.wants_command_line(["export", "-"])
