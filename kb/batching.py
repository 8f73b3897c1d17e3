"""Micro-batching: concurrent query embeddings share one forward pass of the model.

Under load, many requests want a query vector at once. Run separately, each
pays for the model's weights being streamed through the CPU, and their
thread teams fight over the two cores. Run together, a batch of 16 short
questions costs a few single ones. No request ever waits for a timer: the
first caller runs the model at once; callers that arrive while it runs queue
up, and the next of them runs the whole queue in one call.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

import numpy as np

MAX_BATCH = 32


class _Job:
    __slots__ = ("done", "error", "text", "vector")

    def __init__(self, text: str) -> None:
        self.text = text
        self.vector: np.ndarray | None = None
        self.error: BaseException | None = None
        self.done = False


class QueryBatcher:
    """Embeds one text per call, batching the calls that overlap in time."""

    def __init__(self, embed_many: Callable[[list[str]], np.ndarray], max_batch: int = MAX_BATCH) -> None:
        self._embed_many = embed_many
        self._max_batch = max_batch
        self._cond = threading.Condition()
        self._queue: list[_Job] = []
        self._running = False
        self.batches = 0  # how many model calls ran: lets tests and the bench see batching happen

    def embed(self, text: str) -> np.ndarray:
        """The vector of `text`, computed alone or together with concurrent callers' texts."""
        job = _Job(text)
        with self._cond:
            self._queue.append(job)
        while True:
            with self._cond:
                while self._running and not job.done:
                    self._cond.wait()
                if job.done:
                    break
                batch, self._queue = self._queue[:self._max_batch], self._queue[self._max_batch:]
                self._running = True
            self._run(batch)
        if job.error is not None:
            raise job.error
        assert job.vector is not None
        return job.vector

    def _run(self, batch: list[_Job]) -> None:
        try:
            vectors = self._embed_many([j.text for j in batch])
            for job, vector in zip(batch, vectors, strict=True):
                job.vector = np.asarray(vector, dtype=np.float32)
        except BaseException as err:  # every waiter of the batch gets the model's error
            for job in batch:
                job.error = err
        finally:
            with self._cond:
                for job in batch:
                    job.done = True
                self._running = False
                self.batches += 1
                self._cond.notify_all()
