"""Following: members follow a forum or a discussion group and get e-mail
for its new comments, at once or as a daily digest.

- ``followers``: who follows what, stored on the version created first so
  every translation shares its followers (as it shares its conversation);
- ``announce``: decides at commit time which comments became public and
  mails the members who follow them at once;
- ``published``: when each comment became public, for the digest;
- ``digest``: the daily digest, sent on the clock's tick (``tasks``);
- ``mail``: composing the messages (sent with the shared ``mail``);
- ``links``: signed one-click unfollow links (``tokens``);
- ``owed``: announcements kept while mail cannot be queued;
- ``subscribers``: every event handler, in one ZCML block; ``tasks``: the
  clock's work (digests, owed announcements);
- ``browser``: the Follow control, ``@@follow`` and ``@@unfollow`` pages;
- ``services/follow``: ``@follow`` GET, POST, DELETE.

Works on ``IFollowable`` only: what follows a forum follows its groups
because they are the followables it holds, not because of their types.
"""
