from django.apps import AppConfig


class ChannelsConfig(AppConfig):
    name = "juntos.channels"
    label = "channels"

    def ready(self) -> None:
        from juntos.channels.services import delivery_blocked, delivery_route, delivery_sent
        from juntos.core.services import (
            delivery_block_register,
            delivery_route_register,
            sent_listener_register,
        )

        # A STOP holds on every channel and for every app's messages: checked at delivery.
        delivery_block_register(delivery_blocked)
        # WhatsApp's 24-hour window decides between free text, a template and an SMS.
        delivery_route_register(delivery_route)
        sent_listener_register(delivery_sent)
