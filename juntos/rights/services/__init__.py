"""Every write of the rights library; each checks its policy and is audited."""

from juntos.rights.figure_tags import figure_resolver_register
from juntos.rights.services.alerts import alerts_create_for_version, digests_send
from juntos.rights.services.content import content_load
from juntos.rights.services.editorial import (
    TextFields,
    article_create,
    version_draft,
    version_publish,
    version_return,
    version_submit,
    version_update,
    versions_publish_due,
)
from juntos.rights.services.rule_figures import articles_follow_rule_version
from juntos.rights.services.subscriptions import (
    normalise_address,
    subscription_confirm,
    subscription_confirm_by_link,
    subscription_create,
    subscription_unsubscribe,
    subscriptions_purge_unconfirmed,
)

__all__ = [
    "TextFields",
    "alerts_create_for_version",
    "article_create",
    "articles_follow_rule_version",
    "content_load",
    "digests_send",
    "figure_resolver_register",
    "normalise_address",
    "subscription_confirm",
    "subscription_confirm_by_link",
    "subscription_create",
    "subscription_unsubscribe",
    "subscriptions_purge_unconfirmed",
    "version_draft",
    "version_publish",
    "version_return",
    "version_submit",
    "version_update",
    "versions_publish_due",
]
