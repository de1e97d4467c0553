"""Thin views of the learning app, grouped by who uses them."""
