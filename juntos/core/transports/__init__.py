"""Notification transports: one module per channel, all behind `Transport`.

A service never talks to a channel directly: it calls `juntos.core.services.notify`, which
queues a background task, which picks the transport for the person's channel.
"""
