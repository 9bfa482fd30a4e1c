"""GET @participation."""
