"""The shared engine: PostgreSQL full-text search in the site's database.

Documents live in ``search.IndexedDocument`` (one row per document, the same fields as the
Whoosh index) with a ``tsvector`` weighted title (A) > summary, tags, commune, authors (B) >
body (C), built with the ``french_unaccent`` text search configuration (accents folded, then
French stemming and stop words; created by the migration) and a GIN index. Every app server
reads and writes the same rows, so a second server needs nothing on its disk.

- Queries: ``websearch_to_tsquery`` (quotes, ``or``, ``-word``; it never fails on syntax),
  ranked with ``ts_rank`` (length-normalised).
- Typos: the words of the indexed texts are kept in ``search.IndexedWord`` with a trigram index
  (``pg_trgm``); a word that matches nothing is replaced by its closest indexed word (at most
  two edits, same first letter), as the Whoosh engine does.
- Facets: ``GROUP BY`` over the matched rows (``jsonb_array_elements_text`` for tags and
  portals), in the same statement as the total.
- Snippets: ``ts_headline`` on the page's rows only, with private-use characters as markers;
  the text is escaped in Python and the markers become ``<mark>``, so nothing a resident wrote
  reaches the page unescaped.
- Autocomplete: every typed word a prefix of a title word (trigram index on the folded title),
  closest titles first; with a typo and no prefix match, trigram word similarity.

Writes take a transaction-level advisory lock, so two writers (two servers' queues, a rebuild)
apply their batches one after the other; a rebuild replaces the rows in one transaction, so
searches see the old documents until it commits.
"""

from __future__ import annotations

import contextlib
import datetime
import json
import re
import time
from collections.abc import Iterable, Iterator
from typing import Any

from django.db import connection, transaction
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from whoosh.support.levenshtein import damerau_levenshtein

from ..analysis import PREFIX_MAX_CHARS, WORD_PATTERN, fold, french_stop_words, query_words
from ..documents import SearchDocument
from ..highlight import plain_snippet
from ..models import IndexedDocument
from ..query import MAX_FUZZY_CHARS, MAX_FUZZY_WORDS
from ..registry import source_label
from . import IndexBusy, WriteShortcuts

CONFIG = "french_unaccent"
DocumentPair = tuple[str, SearchDocument]
# Advisory lock key of the index writers ("KERSRCH" in ASCII, any constant would do).
WRITE_LOCK_KEY = 0x4B455253524348
WRITE_LOCK_POLL = 0.05
FLUSH_ROWS = 500
# A tsvector holds at most 1 MB: very long bodies are indexed on their first characters.
VECTOR_BODY_CHARS = 200_000
HEADLINE_BODY_CHARS = 20_000
START_MARK = "\ue000"
STOP_MARK = "\ue001"
# Without MaxFragments, the headline is 15 to 35 words around the best match, from the text as
# written (ts_headline drops anything that looks like an HTML tag).
HEADLINE_OPTIONS = f"StartSel={START_MARK}, StopSel={STOP_MARK}, MaxWords=35, MinWords=15"
TITLE_HEADLINE_OPTIONS = f"StartSel={START_MARK}, StopSel={STOP_MARK}, HighlightAll=TRUE"
# Normalisation 1 divides the rank by 1 + log(document length): a word in a short title
# counts more than the same word lost in a long article.
RANK = "ts_rank('{{0.1, 0.2, 0.4, 1.0}}', d.vector, {query}, 1)"
SPELLING_MIN_CHARS = 3
SPELLING_MAX_CHARS = 60
SPELLING_SIMILARITY = "0.2"
SPELLING_CANDIDATES = 30
OPERATOR_WORDS = {"and", "or", "not"}
FACET_FIELDS = ("type", "portals", "tags", "commune")


def _json_list(value: Any) -> list[str]:
    """A jsonb list read by raw SQL (Django's connection hands jsonb over as text)."""
    if isinstance(value, str):
        value = json.loads(value)
    return list(value or [])


def query_text(text: str) -> str:
    """The visitor's text without the stop words the Whoosh engine drops as well.

    PostgreSQL's French list lacks frequent words such as "les" (stemmed to "le", found
    everywhere) and one-letter words; documents keep them, queries never ask for them.
    """
    stop_words = french_stop_words()

    def keep(match: re.Match[str]) -> str:
        word = match.group()
        return "" if len(word) < 2 or fold(word) in stop_words else word

    return " ".join(re.sub(WORD_PATTERN, keep, text).split())


def _prefix_query_text(text: str) -> str:
    """``to_tsquery`` text requiring every word, each as a stem prefix: "voile" finds
    "voilier" ("voil:*"), the loose pass when the exact words find little."""
    words = [word for word in query_words(query_text(text)) if "'" not in word]
    return " & ".join(f"'{word}':*" for word in dict.fromkeys(words))


def _clean(text: str) -> str:
    """Text as stored: without our highlight markers nor NUL (PostgreSQL refuses it)."""
    return (text or "").replace(START_MARK, "").replace(STOP_MARK, "").replace("\x00", "")


def _folded_title(title: str) -> str:
    """Folded words between spaces, so that ``LIKE '% word%'`` finds word prefixes."""
    return " " + " ".join(fold(word)[:PREFIX_MAX_CHARS] for word in query_words(title)) + " "


def _spelling_words(*texts: str) -> set[str]:
    return {
        word
        for text in texts
        for word in query_words(text)
        if SPELLING_MIN_CHARS <= len(word) <= SPELLING_MAX_CHARS and not word.isdigit()
    }


def _row(source_name: str, document: SearchDocument) -> IndexedDocument:
    from ..services import document_id, to_utc_naive, with_type

    document = with_type(source_name=source_name, document=document)
    tags = [tag.strip() for tag in document.tags if tag and tag.strip()]
    portals = [portal.strip() for portal in document.portals if portal and portal.strip()]
    authors = [_clean(author) for author in document.authors]
    created = to_utc_naive(document.created)
    updated = to_utc_naive(document.updated) or created
    located = document.latitude is not None and document.longitude is not None
    return IndexedDocument(
        id=document_id(source_name=source_name, key=str(document.key)),
        source=source_name,
        key=str(document.key),
        type=document.type,
        title=_clean(document.title),
        title_folded=_folded_title(document.title),
        summary=_clean(document.summary),
        context=_clean("\n".join((document.summary, " ; ".join(tags), document.commune, *authors))),
        body=_clean(document.body),
        tags=tags,
        portals=portals,
        commune=_clean(document.commune).strip(),
        latitude=float(document.latitude) if located else None,
        longitude=float(document.longitude) if located else None,
        created=created.replace(tzinfo=datetime.UTC) if created else None,
        updated=updated.replace(tzinfo=datetime.UTC) if updated else None,
        url=document.url,
        authors=authors,
    )


class _Writer:
    """Buffers upserts and deletions (the last one of a document wins) and writes in bulk."""

    def __init__(self) -> None:
        self.upserts: dict[str, IndexedDocument] = {}
        self.deletes: set[str] = set()

    def upsert(self, source_name: str, document: SearchDocument) -> None:
        row = _row(source_name, document)
        self.deletes.discard(row.id)
        self.upserts[row.id] = row
        if len(self.upserts) >= FLUSH_ROWS:
            self.flush()

    def delete(self, document_id: str) -> None:
        self.upserts.pop(document_id, None)
        self.deletes.add(document_id)

    def flush(self) -> None:
        if self.deletes:
            IndexedDocument.objects.filter(pk__in=list(self.deletes)).delete()
            self.deletes.clear()
        if not self.upserts:
            return
        rows = list(self.upserts.values())
        self.upserts.clear()
        fields = [
            field.name
            for field in IndexedDocument._meta.concrete_fields
            if field.name not in ("id", "vector")
        ]
        IndexedDocument.objects.bulk_create(
            rows, update_conflicts=True, unique_fields=["id"], update_fields=fields
        )
        words = set()
        for row in rows:
            words |= _spelling_words(row.title, row.summary, row.body)
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE search_indexeddocument SET vector ="
                " setweight(to_tsvector(%s::regconfig, title), 'A')"
                " || setweight(to_tsvector(%s::regconfig, context), 'B')"
                " || setweight(to_tsvector(%s::regconfig, left(body, %s)), 'C')"
                " WHERE id = ANY(%s)",
                [CONFIG, CONFIG, CONFIG, VECTOR_BODY_CHARS, [row.id for row in rows]],
            )
            if words:
                ordered = sorted(words)
                cursor.execute(
                    "INSERT INTO search_indexedword (word, folded)"
                    " SELECT * FROM unnest(%s::text[], %s::text[]) ON CONFLICT DO NOTHING",
                    [ordered, [fold(word) for word in ordered]],
                )


def _mark(headline: str | None) -> SafeString | None:
    """Escaped headline with ``<mark>`` around matches, or ``None`` when nothing matched."""
    if not headline or START_MARK not in headline:
        return None
    html = escape(" ".join(headline.split()))
    html = html.replace(START_MARK, "<mark>").replace(STOP_MARK, "</mark>")
    return mark_safe(html)  # noqa: S308 - escaped just above


class _Where:
    """SQL conditions and parameters: the filters of the page, and optionally a query."""

    def __init__(self, filters) -> None:
        self.clauses: list[str] = []
        self.params: list[Any] = []
        for fieldname, value in filters.active().items():
            if fieldname in ("tags", "portals"):
                self.clauses.append(f"d.{fieldname} @> %s::jsonb")
                self.params.append(json.dumps([value]))
            else:
                self.clauses.append(f"d.{fieldname} = %s")
                self.params.append(value)

    def sql(self) -> str:
        return " AND ".join(self.clauses) or "TRUE"


class PostgresBackend(WriteShortcuts):
    """PostgreSQL full-text search: the engine for several app servers."""

    name = "postgres"

    def location(self) -> str:
        return f"la table {IndexedDocument._meta.db_table} (PostgreSQL)"

    def generation(self) -> None:
        """None: results are not cached (no cheap, exact mark of the table's last change; the
        queries run in the database, which several app servers share)."""
        return None

    # --- writes ------------------------------------------------------------------------

    def _lock(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        with connection.cursor() as cursor:
            while True:
                cursor.execute("SELECT pg_try_advisory_xact_lock(%s)", [WRITE_LOCK_KEY])
                if cursor.fetchone()[0]:
                    return
                if time.monotonic() >= deadline:
                    raise IndexBusy("Search documents table busy (another writer)")
                time.sleep(WRITE_LOCK_POLL)

    @contextlib.contextmanager
    def writer(self, *, timeout: float = 30.0) -> Iterator[_Writer]:
        with transaction.atomic():
            self._lock(timeout)
            writer = _Writer()
            yield writer
            writer.flush()

    def rebuild(self, pairs: Iterable[DocumentPair]) -> None:
        with self.writer(timeout=600) as writer:
            # DELETE rather than TRUNCATE: searches keep reading the old rows until commit.
            with connection.cursor() as cursor:
                cursor.execute("DELETE FROM search_indexeddocument")
                cursor.execute("DELETE FROM search_indexedword")
            for source_name, document in pairs:
                writer.upsert(source_name, document)

    def clear(self) -> None:
        with self.writer() as _writer, connection.cursor() as cursor:
            cursor.execute("DELETE FROM search_indexeddocument")
            cursor.execute("DELETE FROM search_indexedword")

    def indexed_updates(self) -> dict[str, datetime.datetime | None]:
        from ..services import to_utc_naive

        return {
            document_id: to_utc_naive(updated)
            for document_id, updated in IndexedDocument.objects.values_list("id", "updated")
        }

    def count(self) -> int:
        return IndexedDocument.objects.count()

    # --- reads -------------------------------------------------------------------------

    def _is_empty_query(self, cursor, text: str) -> bool:
        cursor.execute("SELECT numnode(websearch_to_tsquery(%s::regconfig, %s))", [CONFIG, text])
        return cursor.fetchone()[0] == 0

    def _word_is_known(self, cursor, word: str) -> bool:
        """Indexed as written, or its stem matches a document: "lavoirs" is not a typo."""
        cursor.execute(
            "SELECT EXISTS (SELECT 1 FROM search_indexedword WHERE word = %s)"
            " OR EXISTS (SELECT 1 FROM search_indexeddocument"
            " WHERE vector @@ plainto_tsquery(%s::regconfig, %s))",
            [word, CONFIG, word],
        )
        return bool(cursor.fetchone()[0])

    def _closest_word(self, cursor, word: str) -> str | None:
        folded = fold(word)
        cursor.execute(
            "SELECT set_config('pg_trgm.similarity_threshold', %s, true)", [SPELLING_SIMILARITY]
        )
        cursor.execute(
            "SELECT word, folded FROM search_indexedword WHERE folded %% %s"
            " ORDER BY similarity(folded, %s) DESC, word LIMIT %s",
            [folded, folded, SPELLING_CANDIDATES],
        )
        stop_words = french_stop_words()
        best: tuple[int, int, str] | None = None
        for rank, (candidate, candidate_folded) in enumerate(cursor.fetchall()):
            if (
                candidate_folded == folded
                or candidate_folded[:1] != folded[:1]
                or candidate_folded in stop_words
            ):
                continue
            distance = damerau_levenshtein(folded, candidate_folded)
            if distance <= 2 and (best is None or (distance, rank) < best[:2]):
                best = (distance, rank, candidate)
        return best[2] if best else None

    def _suggestion(self, cursor, text: str) -> str:
        corrected: list[str] = []
        changed = False
        stop_words = french_stop_words()
        for position, word in enumerate(query_words(text)):
            if (
                position >= MAX_FUZZY_WORDS
                or not SPELLING_MIN_CHARS <= len(word) <= MAX_FUZZY_CHARS
                or word in OPERATOR_WORDS
                or fold(word) in stop_words
                or word.isdigit()
                or self._word_is_known(cursor, word)
            ):
                corrected.append(word)
                continue
            replacement = self._closest_word(cursor, word)
            corrected.append(replacement or word)
            changed = changed or replacement is not None
        return " ".join(corrected) if changed else ""

    def suggest(self, text: str) -> str:
        with transaction.atomic(), connection.cursor() as cursor:
            return self._suggestion(cursor, text)

    def _count_and_facets(
        self, cursor, match: str | None, match_params: list[Any], where: _Where
    ) -> tuple[int, dict[str, dict[str, int]]]:
        """Total and facet counts of the matched rows (``match`` ``None``: the filters only)."""
        condition = f"d.vector @@ {match}" if match else "TRUE"
        cursor.execute(
            f"""
            WITH matched AS (
                SELECT d.type, d.tags, d.portals, d.commune FROM search_indexeddocument d
                WHERE {condition} AND {where.sql()}
            )
            SELECT 'total', '', count(*) FROM matched
            UNION ALL SELECT 'type', type, count(*) FROM matched GROUP BY type
            UNION ALL SELECT 'commune', commune, count(*) FROM matched
                WHERE commune <> '' GROUP BY commune
            UNION ALL SELECT 'tags', value, count(*)
                FROM matched, jsonb_array_elements_text(matched.tags) AS value GROUP BY value
            UNION ALL SELECT 'portals', value, count(*)
                FROM matched, jsonb_array_elements_text(matched.portals) AS value GROUP BY value
            """,
            [*match_params, *where.params],
        )
        total = 0
        counts: dict[str, dict[str, int]] = {name: {} for name in FACET_FIELDS}
        for fieldname, value, count in cursor.fetchall():
            if fieldname == "total":
                total = count
            elif value:
                counts[fieldname][value] = count
        return total, counts

    def _page_rows(
        self,
        cursor,
        match: str | None,
        match_params: list[Any],
        where: _Where,
        *,
        by_date: bool,
        offset: int,
        limit: int,
    ) -> list[tuple]:
        """One page of rows, ranked (or newest first), with headlines for these rows only."""
        order = "d.updated DESC NULLS LAST, d.id" if by_date else "rank DESC, d.updated DESC, d.id"
        if match:
            condition = f"d.vector @@ {match}"
            rank = RANK.format(query=match)
            headlines = (
                f"ts_headline(%s::regconfig, page.title, {match}, %s),"
                f" ts_headline(%s::regconfig, left(page.body, %s), {match}, %s),"
                f" ts_headline(%s::regconfig, page.summary, {match}, %s)"
            )
            headline_params = [
                CONFIG,
                *match_params,
                TITLE_HEADLINE_OPTIONS,
                CONFIG,
                HEADLINE_BODY_CHARS,
                *match_params,
                HEADLINE_OPTIONS,
                CONFIG,
                *match_params,
                HEADLINE_OPTIONS,
            ]
            rank_params = list(match_params)
        else:
            condition, rank, headlines = "TRUE", "0", "NULL, NULL, NULL"
            headline_params, rank_params, match_params = [], [], []
        cursor.execute(
            f"""
            SELECT page.type, page.title, page.url, page.commune, page.tags, page.updated,
                   page.summary, page.body, page.rank, {headlines}
            FROM (
                SELECT d.type, d.title, d.url, d.commune, d.tags, d.updated, d.summary,
                       d.body, {rank} AS rank
                FROM search_indexeddocument d
                WHERE {condition} AND {where.sql()}
                ORDER BY {order} LIMIT %s OFFSET %s
            ) AS page
            ORDER BY {"page.updated DESC NULLS LAST" if by_date else "page.rank DESC"},
                     page.url
            """,
            [
                *headline_params,
                *rank_params,
                *match_params,
                *where.params,
                limit,
                offset,
            ],
        )
        return cursor.fetchall()

    def _hits(self, rows: list[tuple]) -> list:
        from ..selectors import SearchHit

        hits = []
        for (
            type_,
            title,
            url,
            commune,
            tags,
            updated,
            summary,
            body,
            rank,
            title_headline,
            body_headline,
            summary_headline,
        ) in rows:
            snippet = _mark(body_headline) or _mark(summary_headline)
            hits.append(
                SearchHit(
                    type=type_,
                    type_label=source_label(type_),
                    title=title,
                    title_html=_mark(title_headline) or plain_snippet(title),
                    url=url,
                    snippet=snippet or plain_snippet(summary or body[:HEADLINE_BODY_CHARS]),
                    commune=commune,
                    tags=_json_list(tags),
                    updated=updated,
                    score=float(rank) if rank is not None else None,
                )
            )
        return hits

    def search(self, outcome, *, text: str, filters, sort: str, page: int, per_page: int):
        from ..selectors import FEW_RESULTS, SORT_DATE, facets_from_counts

        where = _Where(filters)
        query_sql = "websearch_to_tsquery(%s::regconfig, %s)"
        prefix_sql = "to_tsquery(%s::regconfig, %s)"
        searched = query_text(text)
        # transaction.atomic: the SET LOCAL below and the typo search's set_config stay in it.
        with transaction.atomic(), connection.cursor() as cursor:
            # A frequent word matches most rows, and the planner then prefers reading the
            # table, which decompresses every vector (~10x slower than the GIN index here).
            cursor.execute("SET LOCAL enable_seqscan = off")
            empty = not searched or self._is_empty_query(cursor, searched)
            if empty and filters.active():
                # No words, or only stop words, inside a filter: list the filter, newest first.
                outcome.sort = sort = SORT_DATE
                match, match_params = None, []
            elif empty:
                match, match_params = "''::tsquery", []
            else:
                match, match_params = query_sql, [CONFIG, searched]
            total, counts = self._count_and_facets(cursor, match, match_params, where)
            if not empty and total < FEW_RESULTS:
                outcome.suggestion = self._suggestion(cursor, text)
                # Exact matches keep the highest ranks: they match more of the query.
                if outcome.suggestion:
                    second, second_params = query_sql, [CONFIG, query_text(outcome.suggestion)]
                else:
                    second, second_params = prefix_sql, [CONFIG, _prefix_query_text(text)]
                loose_match = f"({match} || {second})"
                loose_params = [*match_params, *second_params]
                loose_total, loose_counts = self._count_and_facets(
                    cursor, loose_match, loose_params, where
                )
                words = query_words(searched)
                if loose_total == 0 and len(words) > 1:
                    loose_match, loose_params = query_sql, [CONFIG, " or ".join(words)]
                    loose_total, loose_counts = self._count_and_facets(
                        cursor, loose_match, loose_params, where
                    )
                if loose_total > total:
                    outcome.approximate = total == 0
                    match, match_params, total, counts = (
                        loose_match,
                        loose_params,
                        loose_total,
                        loose_counts,
                    )
            page_count = -(-total // per_page)
            page = min(page, max(1, page_count))
            rows = (
                self._page_rows(
                    cursor,
                    match,
                    match_params,
                    where,
                    by_date=sort == SORT_DATE,
                    offset=(page - 1) * per_page,
                    limit=per_page,
                )
                if total
                else []
            )
        outcome.total = total
        outcome.page = page if total else 1
        outcome.page_count = page_count
        outcome.hits = self._hits(rows)
        outcome.facets = facets_from_counts(counts, filters)
        return outcome

    def autocomplete(self, text: str, *, limit: int) -> list[dict[str, str]]:
        words = list(dict.fromkeys(fold(word)[:PREFIX_MAX_CHARS] for word in query_words(text)))
        if not words:
            return []
        typed = " ".join(words)
        patterns = [
            "% " + word.replace("\\", "\\\\").replace("_", "\\_").replace("%", "\\%") + "%"
            for word in words
        ]
        conditions = " AND ".join("title_folded LIKE %s" for _ in patterns)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT title, url, type FROM search_indexeddocument WHERE {conditions}"
                " ORDER BY similarity(title_folded, %s) DESC, length(title), title LIMIT %s",
                [*patterns, typed, limit],
            )
            rows = cursor.fetchall()
            if not rows and len(typed) >= SPELLING_MIN_CHARS:
                # A typo in what was typed: the titles with the most similar words.
                cursor.execute(
                    "SELECT title, url, type FROM search_indexeddocument"
                    " WHERE %s <%% title_folded"
                    " ORDER BY word_similarity(%s, title_folded) DESC, length(title), title"
                    " LIMIT %s",
                    [typed, typed, limit],
                )
                rows = cursor.fetchall()
        return [
            {"title": title, "url": url, "type": type_, "type_label": source_label(type_)}
            for title, url, type_ in rows
        ]
