"""The demo territory of Port-Kerlann, a fictional Breton harbour town.

Its content is in files at the root of the project (``demo/``: one Markdown file per article,
the calendar of edits in ``demo/chronologie.yaml``); ``content`` reads and checks them,
``images`` draws the pictures, ``steps`` writes everything through the services and the
``wiki_demo`` command runs the steps in one transaction.
"""
