"""Upgrade to 1015: the secretariat's name per language (issue 23).

The record is added from the settings interface, not by importing the
registry profile again: that would also set the registry.xml values
(comment editing, the displayed types) back over choices the secretariat
made since installing. Existing settings keep their values.
"""

from collab.portal.controlpanel.settings import ISettings
from plone.registry.interfaces import IRegistry
from zope.component import getUtility


def add_secretariat_names(context):
    getUtility(IRegistry).registerInterface(ISettings, prefix="collab.portal")
