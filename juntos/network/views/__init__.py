"""Thin views of the network: parse, call a selector or service, render."""
