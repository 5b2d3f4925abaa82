"""``python -m explorer``: the window, or a subcommand of the command line."""

from explorer.app import main

raise SystemExit(main())
