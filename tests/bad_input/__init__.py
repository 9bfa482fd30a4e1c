"""Bad input on every form and REST endpoint: a clear translated error,
nothing changed."""
