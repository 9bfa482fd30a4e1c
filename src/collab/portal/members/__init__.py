"""Members' own fields (name, home page, organisation, country): one set
of rules for the sign-up and personal-information forms and ``@users``."""
