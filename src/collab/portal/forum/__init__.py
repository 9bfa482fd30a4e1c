"""The online forum: schedule, comment window, clock."""
