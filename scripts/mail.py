"""``make mail``: list the mail the catcher of ``make start MAIL=catch``
kept (a maildir, oldest first); ``--show N`` prints message N in full."""

import argparse
import email.policy
import mailbox
import os
import sys


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("directory", nargs="?", default="var/mail")
    parser.add_argument("--show", type=int, help="print message N (from 1)")
    args = parser.parse_args()
    if not os.path.isdir(os.path.join(args.directory, "new")):
        print(f"No mail caught yet in {args.directory} (make start MAIL=catch).")
        return 0
    box = mailbox.Maildir(args.directory, factory=None, create=False)
    messages = sorted(
        (message.get_date(), key, message) for key, message in box.iteritems()
    )
    if args.show:
        if not 0 < args.show <= len(messages):
            print(f"No message {args.show}; {len(messages)} arrived.", file=sys.stderr)
            return 1
        raw = bytes(messages[args.show - 1][2])
        message = email.message_from_bytes(raw, policy=email.policy.default)
        print(message.as_string())
        return 0
    for number, (_date, _key, message) in enumerate(messages, start=1):
        parsed = email.message_from_bytes(bytes(message), policy=email.policy.default)
        print(f"{number:3}  {parsed['Date']}  to {parsed['To']}")
        print(f"     {parsed['Subject']}")
    print(f"{len(messages)} messages in {args.directory}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
