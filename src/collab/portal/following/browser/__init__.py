"""Following in Classic UI (views keep their names).

- a Follow control (viewlet above the body of forums and groups) for
  members, posting to ``@@follow`` with plone.protect's authenticator;
- ``@@follow``: the control's handler (POST; GET leads to the page);
- ``@@unfollow``: the one-click link of the mails. It needs no login: its
  signed token (``links``) is the proof, and also what protects it from
  cross-site requests. GET only shows a button (mail scanners open every
  link of a message); its POST stops the mail and offers to follow again,
  as does the POST of mail programs that send RFC 8058's
  ``List-Unsubscribe=One-Click``.
"""
