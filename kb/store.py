"""The store factory and facade: Qdrant embedded (local mode) or server, chosen by the settings.

Nothing outside this module knows which backend runs. Two collections:
`<name>_passages` holds passages with a dense vector and a BM25 sparse
vector (IDF applied by Qdrant); `<name>_units` one dense vector per sentence
or list item of a passage; `<name>_records` holds the manifest and one
record per document revision (its text, pages, blocks and fiches).
"""

from __future__ import annotations

import contextlib
import shutil
import threading
import uuid
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import numpy as np
from qdrant_client import QdrantClient, models
from threadpoolctl import threadpool_limits

from kb import localsearch, localsparse
from kb.errors import IndexMismatch, StoreLocked, StoreUnavailable
from kb.models import Manifest, ParsedDocument
from kb.settings import Settings

DENSE = "dense"
SPARSE = "bm25"
UNIT = "unit"
_NS = uuid.UUID("6f1d3c1e-8a0b-4f7e-9a57-2a6a3c0f5b11")
_MANIFEST_ID = str(uuid.uuid5(_NS, "manifest"))
_BATCH = 128


class ReadWriteLock:
    """Many searches at once, or one index switch: a search never straddles a switch and a cleanup."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._readers = 0
        self._writer = False
        self._waiting_writers = 0

    @contextlib.contextmanager
    def shared(self) -> Iterator[None]:
        """Held by a search while it reads the manifest and queries the index."""
        with self._cond:
            while self._writer or self._waiting_writers:
                self._cond.wait()
            self._readers += 1
        try:
            yield
        finally:
            with self._cond:
                self._readers -= 1
                self._cond.notify_all()

    @contextlib.contextmanager
    def exclusive(self) -> Iterator[None]:
        """Held while the manifest switches and old revisions are deleted."""
        with self._cond:
            self._waiting_writers += 1
            while self._writer or self._readers:
                self._cond.wait()
            self._waiting_writers -= 1
            self._writer = True
        try:
            yield
        finally:
            with self._cond:
                self._writer = False
                self._cond.notify_all()


def point_id(*parts: str) -> str:
    """A stable UUID for a point named by `parts`."""
    return str(uuid.uuid5(_NS, "/".join(parts)))


def passage_id(*parts: str) -> str:
    """A passage's UUID: stable, with its last 16 bits zero so that its units can be numbered there."""
    return str(uuid.UUID(int=uuid.uuid5(_NS, "/".join(parts)).int & ~0xFFFF))


def unit_id(passage: str, index: int) -> str:
    """The id of a passage's `index`-th unit; `passage_of` reads the passage back from it.

    Searches read units without payload (copying payloads is most of local mode's
    cost), so the passage has to be in the id itself.
    """
    return str(uuid.UUID(int=uuid.UUID(passage).int | (index + 1)))


def passage_of(unit: str) -> str:
    """The passage a unit id belongs to (its canonical UUID text with the last 16 bits zeroed)."""
    return unit[:-4] + "0000"


class Store:
    """Qdrant behind one small interface; `lock` serialises access where the backend needs it."""

    def __init__(self, client: QdrantClient, settings: Settings) -> None:
        self.client = client
        self.settings = settings
        self._closed = False
        self.passages = f"{settings.collection}_passages"
        self.units = f"{settings.collection}_units"
        self.records = f"{settings.collection}_records"
        # Searches share the index; a switch of the manifest and the cleanup after it are exclusive.
        self.rw = ReadWriteLock()
        # Local mode is not thread-safe; a server is.
        self.lock: contextlib.AbstractContextManager[Any] = (
            threading.RLock() if settings.embedded else contextlib.nullcontext()
        )

    # -- collections ---------------------------------------------------------------------------
    def exists(self) -> bool:
        """Whether the collections have been created."""
        with self.lock:
            return self.client.collection_exists(self.passages) and self.client.collection_exists(self.records)

    def ensure(self, dim: int, encoder: str) -> Manifest:
        """Create the collections if needed and check they were built with this encoder."""
        with self.lock:
            if not self.client.collection_exists(self.passages):
                self.client.create_collection(
                    self.passages,
                    vectors_config={DENSE: models.VectorParams(size=dim, distance=models.Distance.DOT)},
                    sparse_vectors_config={SPARSE: models.SparseVectorParams(modifier=models.Modifier.IDF)},
                    **self._cluster_params(),
                )
                # Payload indexes speed up a server's filters; local mode filters by scanning.
                for field, schema in () if self.settings.embedded else (
                                      ("doc_id", models.PayloadSchemaType.KEYWORD),
                                      ("rev", models.PayloadSchemaType.KEYWORD),
                                      ("doc_type", models.PayloadSchemaType.KEYWORD),
                                      ("fiche", models.PayloadSchemaType.KEYWORD),
                                      ("years", models.PayloadSchemaType.INTEGER)):
                    self.client.create_payload_index(self.passages, field, schema)
            if not self.client.collection_exists(self.units):
                self.client.create_collection(
                    self.units, vectors_config={UNIT: models.VectorParams(size=dim, distance=models.Distance.DOT)},
                    **self._cluster_params())
            if not self.client.collection_exists(self.records):
                self.client.create_collection(self.records, vectors_config={}, **self._cluster_params())
            manifest = self.manifest()
            if not manifest.encoder:
                manifest = manifest.model_copy(update={"encoder": encoder, "dim": dim})
                self.save_manifest(manifest)
            elif manifest.encoder != encoder or manifest.dim != dim:
                raise IndexMismatch(
                    f"the index was built with {manifest.encoder} ({manifest.dim} dimensions), not {encoder}: "
                    f"run `kb ingest --rebuild` or choose another KB_COLLECTION"
                )
            return manifest

    def _cluster_params(self) -> dict[str, int]:
        if self.settings.embedded:
            return {}
        return {"shard_number": self.settings.shards, "replication_factor": self.settings.replicas}

    def drop(self) -> None:
        """Delete both collections (used by a rebuild)."""
        with self.lock:
            for name in (self.passages, self.units, self.records):
                if self.client.collection_exists(name):
                    self.client.delete_collection(name)

    # -- manifest and records ------------------------------------------------------------------
    def manifest(self) -> Manifest:
        """The live manifest (empty before the first ingest)."""
        with self.lock:
            if not self.client.collection_exists(self.records):
                return Manifest()
            found = self.client.retrieve(self.records, [_MANIFEST_ID], with_payload=True)
        return Manifest.model_validate(found[0].payload["manifest"]) if found else Manifest()

    def generation(self) -> int:
        """The manifest's generation, read cheaply to know whether caches are stale."""
        with self.lock:
            if not self.client.collection_exists(self.records):
                return 0
            found = self.client.retrieve(self.records, [_MANIFEST_ID],
                                         with_payload=models.PayloadSelectorInclude(include=["generation"]))
        return int(found[0].payload.get("generation", 0)) if found else 0

    def save_manifest(self, manifest: Manifest) -> None:
        """Replace the manifest in one point write: the switch readers see atomically."""
        payload = {"kind": "manifest", "generation": manifest.generation, "manifest": manifest.model_dump(mode="json")}
        with self.lock:
            self.client.upsert(self.records, [models.PointStruct(id=_MANIFEST_ID, vector={}, payload=payload)],
                               wait=True)

    def put_document(self, doc: ParsedDocument, rev: str) -> None:
        """Store a document revision's record (text, pages, blocks, fiches)."""
        payload = {"kind": "document", "doc_id": doc.id, "rev": rev, "document": doc.model_dump(mode="json")}
        with self.lock:
            self.client.upsert(self.records, [models.PointStruct(id=point_id("doc", doc.id, rev), vector={},
                                                                 payload=payload)], wait=True)

    def get_document(self, doc_id: str, rev: str) -> ParsedDocument | None:
        """A document revision's record, if stored."""
        with self.lock:
            found = self.client.retrieve(self.records, [point_id("doc", doc_id, rev)], with_payload=True)
        return ParsedDocument.model_validate(found[0].payload["document"]) if found else None

    def delete_document_records(self, doc_id: str, revs: list[str]) -> None:
        """Forget the records of old revisions."""
        with self.lock:
            self.client.delete(self.records, [point_id("doc", doc_id, r) for r in revs], wait=True)

    # -- passages -------------------------------------------------------------------------------
    def write_passages(self, points: list[models.PointStruct], units: list[models.PointStruct] = ()) -> None:
        """Upsert passage points and their unit points, in batches."""
        for collection, batch in ((self.passages, points), (self.units, list(units))):
            for start in range(0, len(batch), _BATCH):
                with self.lock:
                    self.client.upsert(collection, batch[start:start + _BATCH], wait=True)

    def delete_revs(self, revs: list[str]) -> None:
        """Delete every passage of the given revisions."""
        if not revs:
            return
        flt = models.Filter(must=[models.FieldCondition(key="rev", match=models.MatchAny(any=revs))])
        with self.lock:
            for collection in (self.passages, self.units):
                self.client.delete(collection, models.FilterSelector(filter=flt), wait=True)

    def delete_except(self, live_revs: list[str]) -> None:
        """Delete passages of revisions the manifest does not list (left by a crash)."""
        flt = models.Filter(must_not=[models.FieldCondition(key="rev", match=models.MatchAny(any=live_revs or ["-"]))])
        with self.lock:
            for collection in (self.passages, self.units):
                if self.client.collection_exists(collection):
                    self.client.delete(collection, models.FilterSelector(filter=flt), wait=True)

    def count_passages(self, revs: list[str] | None = None) -> int:
        """Number of passages (of the given revisions)."""
        flt = None if revs is None else models.Filter(
            must=[models.FieldCondition(key="rev", match=models.MatchAny(any=revs or ["-"]))])
        with self.lock:
            return self.client.count(self.passages, count_filter=flt, exact=True).count

    def scroll_passages(self, flt: models.Filter | None = None) -> Iterator[models.Record]:
        """Every passage matching `flt`, with payload, without vectors."""
        offset = None
        while True:
            with self.lock:
                points, offset = self.client.scroll(self.passages, scroll_filter=flt, limit=256, offset=offset,
                                                    with_payload=True, with_vectors=False)
            yield from points
            if offset is None:
                return

    def query(self, requests: list[models.QueryRequest]) -> list[list[models.ScoredPoint]]:
        """Run several queries (dense, sparse, fused…) on the passages in one call."""
        with self.lock:
            responses = self.client.query_batch_points(self.passages, requests=requests)
        return [r.points for r in responses]

    def score_lists(self, dense: list[float], sparse: models.SparseVector | None, flt: models.Filter | None,
                    depths: tuple[int, int, int]) -> tuple[dict[str, float], dict[str, float], dict[str, float]]:
        """The best passages by e5, by BM25, and by their best unit: three dicts of id → score.

        Scores only, no payload. The units list is not filtered (units carry no payload).
        """
        depth, sparse_depth, unit_depth = depths
        with self.lock:
            lists = self._local_lists(dense, sparse, depths) if flt is None else None
            if lists is not None:
                return lists
            requests = [models.QueryRequest(query=dense, using=DENSE, limit=depth, filter=flt, with_payload=False)]
            if sparse is not None:
                requests.append(models.QueryRequest(query=sparse, using=SPARSE, limit=sparse_depth, filter=flt,
                                                    with_payload=False))
            responses = [r.points for r in self.client.query_batch_points(self.passages, requests=requests)]
            units: list[models.ScoredPoint] = []
            if self.client.collection_exists(self.units):
                units = self.client.query_batch_points(self.units, requests=[models.QueryRequest(
                    query=dense, using=UNIT, limit=unit_depth, with_payload=False)])[0].points
        dense_scores = {str(p.id): p.score for p in responses[0]}
        sparse_scores = {str(p.id): p.score for p in responses[1]} if sparse is not None else {}
        return dense_scores, sparse_scores, _best_unit({str(p.id): p.score for p in units})

    def _local_lists(self, dense: list[float], sparse: models.SparseVector | None, depths: tuple[int, int, int]
                     ) -> tuple[dict[str, float], dict[str, float], dict[str, float]] | None:
        # The embedded store's arrays, scored without building a pydantic object per point.
        passages = localsearch.collection(self.client, self.passages)
        units = localsearch.collection(self.client, self.units)
        if passages is None or units is None:
            return None
        query = np.asarray(dense, dtype=np.float32)
        dense_scores = localsearch.dense_top(passages, DENSE, query, depths[0])
        sparse_scores = localsearch.sparse_top(passages, SPARSE, sparse, depths[1]) if sparse is not None else {}
        unit_scores = localsearch.dense_top(units, UNIT, query, depths[2])
        if dense_scores is None or sparse_scores is None or unit_scores is None:
            return None
        return dense_scores, sparse_scores, _best_unit(unit_scores)

    def payloads(self, ids: list[str]) -> dict[str, dict[str, Any]]:
        """Passages' payloads by id (read-only: in the embedded store they are not copies)."""
        with self.lock:
            local = localsearch.collection(self.client, self.passages)
            found = localsearch.payloads(local, ids) if local is not None else None
            if found is None:
                found = {str(r.id): r.payload or {} for r in
                         self.client.retrieve(self.passages, ids, with_payload=True)}
        return found

    def vectors(self, ids: list[str], using: str = DENSE) -> Mapping[str, Any]:
        """Some passages' vectors of one kind: dense (to score candidates another retriever found) or sparse."""
        if not ids:
            return {}
        with self.lock:
            local = localsearch.collection(self.client, self.passages)
            direct = localsearch.vectors(local, using, ids) if local is not None else None
            if direct is not None:
                return direct
            found = self.client.retrieve(self.passages, ids, with_payload=False, with_vectors=[using])
        return {str(r.id): r.vector[using] for r in found if isinstance(r.vector, dict)}

    # -- backups --------------------------------------------------------------------------------
    def snapshot(self, dest: Path) -> list[str]:
        """Snapshot both collections: server snapshots, or a consistent copy of the data folder."""
        dest.mkdir(parents=True, exist_ok=True)
        if self.settings.embedded:
            with self.lock:
                target = dest / "qdrant"
                shutil.copytree(self.settings.store_path, target, ignore=shutil.ignore_patterns(".lock"),
                                dirs_exist_ok=False)
            return [str(target)]
        names = []
        for collection in (self.passages, self.units, self.records):
            info = self.client.create_snapshot(collection, wait=True)
            names.append(f"{collection}:{info.name}" if info else collection)
        (dest / "snapshots.txt").write_text("\n".join(names) + "\n", encoding="utf-8")
        return names

    def restore(self, source: Path) -> list[str]:
        """Recover server collections from the snapshots listed by `snapshot` (server mode)."""
        listed = (source / "snapshots.txt").read_text(encoding="utf-8").split()
        restored = []
        for item in listed:
            collection, _, name = item.partition(":")
            # The server reads its own snapshot folder (a volume in docker-compose.yml).
            self.client.recover_snapshot(collection, location=f"file:///qdrant/snapshots/{collection}/{name}",
                                         wait=True)
            restored.append(collection)
        return restored

    def close(self) -> None:
        """Release the client (and the embedded store's folder lock); closing twice is harmless."""
        with self.lock:
            if not self._closed:
                self.client.close()
                self._closed = True


def _best_unit(unit_scores: dict[str, float]) -> dict[str, float]:
    """A passage's score is its best unit's."""
    best: dict[str, float] = {}
    for unit, score in unit_scores.items():
        pid = passage_of(unit)
        if score > best.get(pid, -np.inf):
            best[pid] = score
    return best


def open_store(settings: Settings) -> Store:
    """The one store factory: local mode under KB_DATA_DIR, or the server at KB_QDRANT_URL."""
    if settings.embedded:
        localsparse.install()
        # Local mode scores with small matrix products (a few ms on one core). Left to two
        # BLAS threads, they fight e5's OpenMP team for the two cores: at 11,000 units that
        # doubled a query's CPU time and took p95 from 47 to 71 ms.
        threadpool_limits(limits=1, user_api="blas")
        settings.store_path.mkdir(parents=True, exist_ok=True)
        try:
            client = QdrantClient(path=str(settings.store_path), force_disable_check_same_thread=True)
        except RuntimeError as err:
            if "already accessed" in str(err):
                raise StoreLocked(
                    f"the store {settings.store_path} is held by another process (a running `kb serve`?): "
                    "stop it, or ask that server to reindex (POST /api/reindex)"
                ) from None
            raise
    else:
        try:
            client = QdrantClient(url=settings.qdrant_url, api_key=settings.qdrant_api_key, timeout=30)
            client.get_collections()
        except Exception as err:  # the client raises several transport errors
            raise StoreUnavailable(f"cannot reach Qdrant at {settings.qdrant_url}: {err}") from None
    return Store(client, settings)
