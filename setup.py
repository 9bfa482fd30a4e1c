"""Installer for the collab.portal package."""

from pathlib import Path
from setuptools import find_namespace_packages
from setuptools import setup

long_description = Path("README.md").read_text()

setup(
    name="collab.portal",
    version="1.0.0.dev0",
    description="Plone 6.2 add-on and site distribution for a treaty "
    "secretariat's work between meetings: forums, contacts, drafts.",
    long_description=long_description,
    long_description_content_type="text/markdown",
    classifiers=[
        "Environment :: Web Environment",
        "Framework :: Plone",
        "Framework :: Plone :: 6.2",
        "Framework :: Plone :: Addon",
        "Framework :: Plone :: Distribution",
        "Programming Language :: Python :: 3.11",
        "License :: OSI Approved :: GNU General Public License v2 (GPLv2)",
    ],
    keywords="Plone secretariat forum collaboration",
    license="GPL version 2",
    packages=find_namespace_packages("src", include=["collab.*"]),
    package_dir={"": "src"},
    include_package_data=True,
    zip_safe=False,
    python_requires=">=3.11",
    install_requires=[
        "Products.CMFPlone",
        "plone.api",
        "plone.app.dexterity",
        "plone.app.discussion",
        "plone.app.multilingual",
        "plone.app.registry",
        "plone.app.z3cform",
        "plone.app.users",
        "Babel",
        "pycountry",
        "email-validator",
        # IDNA-encodes the domain of an address at sending (mail/send.py)
        "idna",
        "phonenumberslite",
        "vobject",
        "openpyxl",
        "python-docx",
        # word-level comparison of draft rounds (drafts/diff.py)
        "diff-match-patch",
        # fuzzy re-anchoring of draft comments by their quote (drafts/anchoring.py)
        "rapidfuzz",
        # Draft originals: DOCX to HTML (drafts/conversion.py), a PDF's text
        "mammoth",
        "pypdf",
        "plone.distribution",
        "plone.classicui",
        "plone.restapi",
        "plonetheme.barceloneta",
        "collective.easyform",
        "Zope",
    ],
    extras_require={
        "postgres": [
            "RelStorage",
            "psycopg2-binary",
        ],
        "test": [
            "plone.app.testing",
            "plone.testing",
            "zope.testrunner",
            "requests",
            "selenium",
            # axe-core (the accessibility engine) for selenium:
            # tests/browser/axe.py
            "selenium-axe-python",
            "RelStorage",
            "psycopg2-binary",
            "aiosmtpd",
            "zc.buildout",
            # Plone's own comment tests run against the add-on
            # (tests/upstream/): their test-only dependencies.
            "plone.app.discussion[test]",
            "plone.restapi[test]",
            # the house's import rules (.importlinter), checked by
            # tests/setup/test_imports.py as by `make lint`
            "import-linter",
        ],
        "dev": [
            "ruff",
            "zpretty",
            "i18ndude",
            "import-linter",
        ],
    },
    entry_points={
        "z3c.autoinclude.plugin": ["target = plone"],
        "console_scripts": [
            "collab-portal = collab.portal.cli:main",
        ],
    },
)
