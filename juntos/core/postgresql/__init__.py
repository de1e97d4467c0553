"""Django's PostgreSQL backend with a health check that costs no round trip and prepared
statements for the compiled lookups (see `base`)."""
