"""site_dump and site_restore: the whole site as one open archive, and back.

The dump writes every table generically (Django's JSON Lines serialization, primary keys
kept), so the restore can rebuild exactly the same site: same ids, same Wagtail page tree
(treebeard paths), same revisions and diffs, same django-reversion history, same review queue.
The restore therefore copies rows as they are instead of replaying the apps' services: a
service would create new revisions with new ids and dates, and the history would not be the
same. Everything is checked first (checksums of every file, an empty database, known
migrations); the rows are then written in one transaction, with foreign-key checks deferred to
its end, and the search index is rebuilt.
"""

from .checking import archive_summary, extract_archive, verify_archive
from .dump import DumpReport, site_dump
from .format import FORMAT, FORMAT_VERSION, ArchiveError, archive_kind
from .restore import RestoreReport, site_restore

__all__ = [
    "FORMAT",
    "FORMAT_VERSION",
    "ArchiveError",
    "DumpReport",
    "RestoreReport",
    "archive_kind",
    "archive_summary",
    "extract_archive",
    "site_dump",
    "site_restore",
    "verify_archive",
]
