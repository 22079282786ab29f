"""Engines decide each file's type and write its text (see ``base.Engine``)."""
