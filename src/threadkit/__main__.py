"""``python -m threadkit``: the command line."""

from threadkit.cli import main

raise SystemExit(main())
