"""``@contact-changes`` on a contact: what the contact changed through
their personal links, for the secretariat to review."""
