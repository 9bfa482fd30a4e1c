"""Tests of the comment engine: counters, batches, visibility, flags,
moderation, REST."""
