"""Area subcommands for `mps`: each module appends a parser to cli.EXTRA_PARSERS and registers
its handler with cli.command(name). Modules here are loaded automatically."""
