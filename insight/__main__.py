from insight.cli import cli

cli(prog_name="insight")
