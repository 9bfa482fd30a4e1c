"""collab.portal: a secretariat's workspace between meetings."""

import logging
from zope.i18nmessageid import MessageFactory


PACKAGE_NAME = "collab.portal"

_ = MessageFactory(PACKAGE_NAME)

logger = logging.getLogger(PACKAGE_NAME)
