"""The evaluators, one per rule kind; importing this package registers them all."""

from juntos.compliance.evaluators import deductions, recruitment, terms, wages

__all__ = ["deductions", "recruitment", "terms", "wages"]
