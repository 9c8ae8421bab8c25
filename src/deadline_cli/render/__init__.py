"""Renderers: each turns a result into text; none of them prints or computes a date."""
