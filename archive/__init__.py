"""Whole-site archive: ``manage.py site_dump FILE`` and ``manage.py site_restore FILE``.

The archive holds every table of the site as JSON Lines (Django's serialization format, one
file per table, primary keys kept), the uploaded files, readable Markdown files for each
article revision and talk page, a JSON Schema per JSON file, a README and a manifest of
SHA-256 checksums. See README.md, "Sauvegarde et restauration".
"""
