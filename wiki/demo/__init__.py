"""The demo territory of Port-Kerlann, a fictional Breton harbour town.

Content (``articles``), drawings (``images``), people (``residents``) and the calendar of edits
(``timeline``) are data; ``steps`` writes them through the services; the ``wiki_demo`` command
runs the steps in one transaction.
"""
