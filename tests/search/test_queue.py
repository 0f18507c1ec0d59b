"""The durable queue of index changes: queued with the change, applied by one writer."""

import contextlib
import dataclasses
import fcntl
import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import DEFAULT_DB_ALIAS, connection, connections, transaction
from django.test.utils import CaptureQueriesContext
from whoosh import index as whoosh_index

from search import backend, queue, registry
from search.backends import POSTGRES, backend_name, get_backend
from search.models import IndexTask
from search.selectors import search_documents
from search.services import index_check
from wiki.services import ArticleFields, article_save

from .corpus import FakeSource, Item

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def index_dir(settings, tmp_path):
    settings.KER_SEARCH_INDEX_DIR = str(tmp_path / "index")
    backend.forget_indexes()
    yield tmp_path / "index"
    backend.forget_indexes()


@pytest.fixture
def worker_mode(settings):
    settings.KER_SEARCH_QUEUE_MODE = "worker"


def index_tasks():
    """The queued changes of Ker's own index (Wagtail's tasks travel in the same table)."""
    return IndexTask.objects.exclude(source=queue.WAGTAIL_TASKS_SOURCE)


def wagtail_tasks():
    return sorted(
        json.loads(key)[0]
        for key in IndexTask.objects.filter(source=queue.WAGTAIL_TASKS_SOURCE).values_list(
            "key", flat=True
        )
    )


def admin_search(client, text):
    return client.get("/admin/pages/search/", {"q": text}).content.decode()


def titles(text):
    return [hit.title for hit in search_documents(text=text).hits]


def run(*args):
    out = StringIO()
    call_command(*args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_in_worker_mode_a_save_only_queues_and_the_worker_applies_it(
    worker_mode, create_article, other_resident
):
    page = create_article(title="Le sémaphore", body="Signaux aux navires.")
    assert list(index_tasks().values_list("source", "key", "kind")) == [
        ("article", str(page.pk), "upsert")
    ]
    assert titles("sémaphore") == []
    output = run("search_worker", "--once", "--verbosity", "2")
    assert "1 document(s) mis à jour" in output
    assert titles("sémaphore") == ["Le sémaphore"]
    assert index_tasks().count() == 0


def test_in_worker_mode_wagtails_own_indexes_are_updated_by_the_worker_not_the_request(
    worker_mode, create_article, facilitator, client
):
    client.force_login(facilitator)
    create_article(title="Le sémaphore", body="Signaux aux navires.")
    run("search_worker", "--once")
    assert "Le sémaphore" in admin_search(client, "sémaphore")
    create_article(title="La criée", body="Vente du poisson.")
    # Wagtail's admin search and reference index: queued once each, not run in the request.
    assert wagtail_tasks() == [
        "modelsearch.tasks.insert_or_update_object_task",
        "wagtail.tasks.update_reference_index_task",
    ]
    assert "La criée" not in admin_search(client, "criée")
    output = run("search_worker", "--once", "--verbosity", "2")
    assert "2 tâche(s) de Wagtail exécutée(s)" in output
    assert "La criée" in admin_search(client, "criée")
    assert IndexTask.objects.count() == 0


def test_the_worker_goes_back_to_the_search_queue_between_wagtails_tasks(
    worker_mode, create_article
):
    create_article(title="Le sémaphore", body="Signaux aux navires.")
    create_article(title="La criée", body="Vente du poisson.")
    queued = len(wagtail_tasks())
    assert queued >= 3
    # A spent time budget: one task runs (each with its queue row, in one transaction), and
    # the others wait for the next turn, after the search index queue.
    assert queue.wagtail_tasks_run(time_budget=0) == 1
    assert len(wagtail_tasks()) == queued - 1
    assert queue.wagtail_tasks_run() == queued - 1
    assert wagtail_tasks() == []


def test_without_a_worker_wagtails_tasks_run_once_each_per_transaction_after_commit(
    settings, create_article, other_resident, django_capture_on_commit_callbacks
):
    settings.KER_SEARCH_QUEUE_MODE = "on_commit"
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        page = create_article(title="La cale", body="Une cale de granit.")
        article_save(
            page=page,
            fields=ArticleFields(title="La cale", body="Une cale de granit rose."),
            user=other_resident,
            base_revision_id=None,
        )
    tasks = [
        callback.ker_task_key[0] for callback in callbacks if hasattr(callback, "ker_task_key")
    ]
    # Creating, saving a revision and publishing each enqueue both tasks for the same article:
    # in one transaction they run once each.
    assert sorted(tasks) == [
        "modelsearch.tasks.insert_or_update_object_task",
        "wagtail.tasks.update_reference_index_task",
    ]
    assert not IndexTask.objects.exists()


def test_repeated_changes_of_one_article_are_coalesced_into_one_task(
    worker_mode, create_article, other_resident
):
    page = create_article(title="La cale", body="Une cale de granit.")
    for number in range(3):
        article_save(
            page=page,
            fields=ArticleFields(title="La cale", body=f"Une cale de granit, version {number}."),
            user=other_resident,
            base_revision_id=None,
        )
    assert index_tasks().count() == 1
    run("search_worker", "--once")
    assert titles("version") == ["La cale"]


def test_a_rolled_back_change_leaves_no_task(worker_mode, create_article):
    create_article(title="Le bac", body="Traversée de l'aber.")
    assert index_tasks().count() == 1
    with pytest.raises(RuntimeError), transaction.atomic():
        create_article(title="Le pont", body="Remplace le bac.")
        assert index_tasks().count() == 2
        raise RuntimeError("rollback")
    assert index_tasks().count() == 1


def test_unpublish_and_delete_are_queued_too(worker_mode, create_article, facilitator):
    from wiki.models import ArticlePage
    from wiki.services import unpublish_article

    first = create_article(title="La digue", body="Enrochements.")
    second = create_article(title="La jetée", body="Enrochements roses.")
    run("search_worker", "--once")
    assert sorted(titles("enrochements")) == ["La digue", "La jetée"]
    unpublish_article(first, user=facilitator)
    ArticlePage.objects.get(pk=second.pk).delete()
    assert dict(index_tasks().values_list("key", "kind")) == {
        str(first.pk): "upsert",
        str(second.pk): "delete",
    }
    run("search_worker", "--once")
    assert titles("enrochements") == []


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_on_commit_mode_applies_after_a_real_commit(settings, create_article, monkeypatch):
    settings.KER_SEARCH_QUEUE_MODE = "on_commit"
    in_transaction = []
    engine = get_backend()
    original = engine.writer

    def spying_writer(**options):
        in_transaction.append(connection.in_atomic_block)
        return original(**options)

    monkeypatch.setattr(engine, "writer", spying_writer)
    create_article(title="La chapelle", body="Pardon en août.")
    assert titles("pardon") == ["La chapelle"]
    assert in_transaction == [False]
    assert index_tasks().count() == 0


def test_auto_mode_leaves_the_work_to_a_live_worker(settings, create_article):
    settings.KER_SEARCH_QUEUE_MODE = "auto"
    assert queue.applies_on_commit() is True
    create_article(title="Le moulin", body="Meunier du bourg.")
    assert titles("meunier") == ["Le moulin"]
    queue.worker_heartbeat()
    assert queue.applies_on_commit() is False
    create_article(title="La forge", body="Forgeron du bourg.")
    assert titles("forgeron") == []
    run("search_worker", "--once")
    assert titles("forgeron") == ["La forge"]
    assert not queue.heartbeat_path().exists()  # a stopped worker hands back to the requests


@contextlib.contextmanager
def index_locked_elsewhere():
    """Another process holds the index's write lock, whichever the engine."""
    if backend_name() == POSTGRES:
        from search.backends.postgres import WRITE_LOCK_KEY

        other = connections.create_connection(DEFAULT_DB_ALIAS)
        try:
            with other.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_lock(%s)", [WRITE_LOCK_KEY])
            yield
        finally:
            other.close()  # ends the session, and its lock
        return
    backend.get_index()
    # A separate Index object, as another process would have.
    other = whoosh_index.open_dir(str(backend.index_directory()), indexname=backend.INDEX_NAME)
    holder = other.writer()
    try:
        yield
    finally:
        holder.cancel()


def test_a_locked_index_leaves_the_tasks_queued_without_error(worker_mode, create_article):
    create_article(title="La halle", body="Marché couvert.")
    with index_locked_elsewhere():
        assert queue.index_queue_apply(lock_timeout=0.2) == 0
        assert index_tasks().count() == 1
    assert queue.index_queue_apply() == 1
    assert titles("marché") == ["La halle"]


def test_a_change_queued_while_the_writer_works_is_not_lost(worker_mode, monkeypatch):
    class Requeueing(FakeSource):
        """Simulates a save committed while the writer was building this very document."""

        requeued = False

        def to_document(self, obj):
            if not self.requeued:
                self.requeued = True
                item.title = "Le phare rénové"
                registry.queue_index("article", obj.key)
            return super().to_document(obj)

    monkeypatch.setattr(registry, "_sources", {})
    item = Item("phare", "Le phare")
    registry.register(Requeueing("article", "Article", [item]))
    registry.queue_index("article", "phare")
    queue.index_queue_apply(max_batches=1)
    assert index_tasks().filter(key="phare").exists()  # not deleted: queued again meanwhile
    queue.index_queue_apply()
    assert titles("rénové") == ["Le phare rénové"]
    assert index_tasks().count() == 0


def test_a_change_queued_while_the_writer_deletes_applied_tasks_is_not_lost(
    worker_mode, monkeypatch
):
    """Wagtail listens to the deletion of every model, which makes ``QuerySet.delete()`` read
    the rows then delete them by primary key. A save that queues the document again between
    the two (here: from that very signal, as a concurrent save would) must keep its task."""
    from django.db.models.signals import post_delete, pre_delete

    assert pre_delete.has_listeners(IndexTask) or post_delete.has_listeners(IndexTask)
    monkeypatch.setattr(registry, "_sources", {})
    item = Item("phare", "Le phare")
    registry.register(FakeSource("article", "Article", [item]))

    def save_meanwhile(sender, instance, **kwargs):
        if instance.key == "phare" and item.title == "Le phare":
            item.title = "Le phare rénové"
            registry.queue_index("article", "phare")

    pre_delete.connect(save_meanwhile, sender=IndexTask, weak=False)
    try:
        registry.queue_index("article", "phare")
        queue.index_queue_apply()
        queue.index_queue_apply()
    finally:
        pre_delete.disconnect(save_meanwhile, sender=IndexTask)
    # Whatever happened, the index shows the source as it is now.
    assert titles("phare") == [item.title]


def test_a_document_that_cannot_be_built_is_dropped_after_a_few_attempts(
    worker_mode, monkeypatch, caplog
):
    class Broken(FakeSource):
        def to_document(self, obj):
            raise ValueError("broken")

    monkeypatch.setattr(registry, "_sources", {})
    registry.register(Broken("article", "Article", [Item("x", "X")]))
    registry.register(FakeSource("commons", "Commun", [Item("y", "La grainothèque")]))
    registry.queue_index("article", "x")
    registry.queue_index("commons", "y")
    queue.index_queue_apply()
    assert titles("grainothèque") == ["La grainothèque"]
    broken = index_tasks().get(key="x")
    assert broken.attempts == 1 and broken.retry_after > broken.created
    # It waits before the next attempt (longer each time), rather than failing five times in
    # the same second: a writer passing by now leaves it alone.
    queue.index_queue_apply()
    assert index_tasks().get(key="x").attempts == 1
    for attempt in range(2, queue.MAX_ATTEMPTS):
        queue.index_queue_apply(include_waiting=True)  # as search_check --repair does
        assert index_tasks().get(key="x").attempts == attempt
    queue.index_queue_apply(include_waiting=True)
    assert index_tasks().count() == 0
    assert "giving up" in caplog.text


def test_a_database_error_while_building_counts_against_no_document(worker_mode, monkeypatch):
    from django.db import OperationalError

    class Locked(FakeSource):
        failing = True

        def to_document(self, obj):
            if self.failing:
                raise OperationalError("database is locked")
            return super().to_document(obj)

    monkeypatch.setattr(registry, "_sources", {})
    source = registry.register(Locked("article", "Article", [Item("x", "Le lavoir")]))
    registry.queue_index("article", "x")
    with pytest.raises(OperationalError):
        queue.index_queue_apply()
    task = index_tasks().get(key="x")
    assert (task.attempts, task.retry_after) == (0, None)
    source.failing = False
    assert queue.index_queue_apply() == 1
    assert titles("lavoir") == ["Le lavoir"]


def test_search_check_repair_applies_what_a_crash_left_in_the_queue(worker_mode, create_article):
    create_article(title="Le lavoir", body="Les lavandières.")
    output = run("search_check", "--no-progress")
    assert "En attente dans la file : 1" in output
    assert "Manquants : 1" in output
    output = run("search_check", "--repair", "--no-progress")
    assert "Index réparé." in output or "L’index est à jour." in output
    assert index_check().is_clean
    assert index_tasks().count() == 0
    assert titles("lavandières") == ["Le lavoir"]


def test_only_one_worker_runs_at_a_time(index_dir):
    index_dir.mkdir(parents=True, exist_ok=True)
    with open(index_dir / "search-worker.lock", "a") as held:
        fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
        with pytest.raises(CommandError, match="déjà"):
            call_command("search_worker", "--once", stdout=StringIO())
    run("search_worker", "--once")  # free again


def test_commons_changes_go_through_the_queue(worker_mode, declare_commons):
    commons = declare_commons()
    assert IndexTask.objects.filter(source="commons", key=str(commons.pk)).exists()
    assert titles("grainothèque") == []
    run("search_worker", "--once")
    assert titles("grainothèque") == ["Grainothèque du bourg"]


@pytest.fixture
def declare_commons(facilitator):
    def declare():
        from commons.services import commons_declare

        return commons_declare(
            user=facilitator,
            name="Grainothèque du bourg",
            summary="Échange de semences.",
            duplicates_confirmed=True,
        )

    return declare


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_edit_queues_each_wagtail_task_once(worker_mode, resident, create_article):
    """Wagtail saves an edited page twice (revision, then publication) and asks each time for
    its page index and reference index: the queue gets one row written for each."""
    page = create_article()
    IndexTask.objects.all().delete()
    fields = ArticleFields.from_page(page)

    with CaptureQueriesContext(connection) as captured:
        article_save(
            page=page,
            fields=dataclasses.replace(fields, body="Le lavoir du bourg, restauré."),
            user=resident,
            base_revision_id=page.live_revision_id,
        )

    writes = [query for query in captured if 'INTO "search_indextask"' in query["sql"]]
    assert len(writes) == 3
    queued = list(IndexTask.objects.order_by("source").values_list("source", "key"))
    assert queued[0] == ("article", str(page.pk))
    assert [source for source, _key in queued[1:]] == [queue.WAGTAIL_TASKS_SOURCE] * 2
    assert {"update_reference_index_task" in key for _source, key in queued[1:]} == {True, False}
