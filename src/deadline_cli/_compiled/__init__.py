"""Compiled built-in data (deadline_cli.builtin)."""
