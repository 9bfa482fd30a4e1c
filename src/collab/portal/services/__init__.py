"""Site-wide REST services of collab.portal (features keep their own in
``<feature>/services/``). JSON bodies are read by ``errors.json_object``."""
