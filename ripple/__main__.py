"""`python -m ripple`: the same as the `ripple` command."""

from ripple.cli import main

raise SystemExit(main())
