"""The `ripple` subcommands, one module each: `NAME`, `HELP`, `add(parser)` for its options
and `run(args)` for the work (a thin layer over the package)."""
