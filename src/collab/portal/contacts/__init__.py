"""The secretariat's CRM: contacts, contact groups, address lists and
mailings (seed 004, §2 and §5a)."""
