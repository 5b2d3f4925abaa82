"""``python -m explorer``: the window, or a subcommand of the command line."""

from explorer.app import main

# guarded: a helper process (see explorer/store/read_ahead.py) imports this module again
if __name__ == "__main__":
    raise SystemExit(main())
