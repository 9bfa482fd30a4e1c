"""REST of the forum feature: one folder per endpoint; ``window`` is the
deserializer of the window fields that every PATCH of a group or forum uses."""
