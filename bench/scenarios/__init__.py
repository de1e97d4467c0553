"""Scenario modules, one per app: see bench/README.md."""
