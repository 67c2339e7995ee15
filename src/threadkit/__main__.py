"""``python -m threadkit``: the command line."""

from threadkit.cli import main

# Guarded, since worker processes started by spawning import the main module.
if __name__ == "__main__":
    raise SystemExit(main())
