"""Background work of the compliance app."""

from __future__ import annotations

from django_tasks import task

from juntos.compliance import services

__all__ = ["send_rules_running_out"]


@task()
def send_rules_running_out() -> int:
    """Daily: tell the editors which rules' known period ends within 60 days or has ended."""
    return services.rules_running_out_send()
