"""The frozen app's entry script: the same main() as ``python -m explorer``."""

from explorer.app import main

raise SystemExit(main())
