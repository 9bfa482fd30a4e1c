"""Following in Classic UI; the views keep their names.

- ``follow.py``: the Follow control (a viewlet above the body of forums
  and groups) and ``@@follow``, its handler;
- ``unfollow.py``: ``@@unfollow``, the one-click link of the mails.
"""
