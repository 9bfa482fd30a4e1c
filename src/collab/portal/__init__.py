"""collab.portal: a secretariat's workspace between meetings."""

from zope.i18nmessageid import MessageFactory
import logging


PACKAGE_NAME = "collab.portal"

_ = MessageFactory(PACKAGE_NAME)

logger = logging.getLogger(PACKAGE_NAME)
