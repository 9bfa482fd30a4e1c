"""PATCH /@users/<id> with member fields checked."""
