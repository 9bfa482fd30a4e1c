"""The site in any set of languages: roots, translations, the selector,
translated texts."""
