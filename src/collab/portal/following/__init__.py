"""Following: members follow a forum or a discussion group and get e-mail
for its new comments, at once or as a daily digest.

- ``followers``: who follows what, stored on the version created first so
  every translation shares its followers (as it shares its conversation);
- ``announce``: decides at commit time which comments became public and
  mails the members who follow them at once;
- ``published``: when each comment became public, for the digest;
- ``digest``: the daily digest, sent by the forum clock;
- ``mail``: composing and queueing the messages (MailHost, transactional);
- ``links``: signed one-click unfollow links;
- ``queue``: lets the MailHost queue retry mail a failed delivery left;
- ``browser``: the Follow control, ``@@follow`` and ``@@unfollow`` pages.
"""
