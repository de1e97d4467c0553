from collections.abc import Hashable

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "juntos.accounts"
    label = "accounts"
    verbose_name = _("People and organisations")

    def ready(self) -> None:
        from django.contrib.auth.models import AnonymousUser

        from juntos.accounts.models import User
        from juntos.accounts.policies import nav_roles
        from juntos.core.sections import set_nav_key

        def roles_of(user: object) -> Hashable:
            assert isinstance(user, User | AnonymousUser)
            return nav_roles(user)

        # The apps' navigation links depend on the person only through her roles.
        set_nav_key(roles_of)
