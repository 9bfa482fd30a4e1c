"""``@comments``: plone.restapi's comment services, with bodies checked
and single comments limited to what the reader may read."""
