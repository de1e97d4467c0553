"""Shared test support: personas, factories and query-count helpers."""
