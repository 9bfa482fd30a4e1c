"""Switches that hold for the code running inside a ``with`` block only
(the clock at work, history being recorded, a transition being shared),
and never leak into another request or thread."""

from contextlib import contextmanager


@contextmanager
def switched_on(switch):
    """Set the ``ContextVar`` ``switch`` to True inside the block."""
    token = switch.set(True)
    try:
        yield
    finally:
        switch.reset(token)
