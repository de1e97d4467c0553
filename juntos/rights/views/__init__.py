"""Thin views of the rights library, one module per part: reading, printing, alerts, editing."""
