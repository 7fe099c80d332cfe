"""One small task runner: run work off the GUI thread, get the result back by signal.

Modelled on anki's ``QueryOp``: ``runner.run(fn, on_done=…, on_error=…, on_progress=…)``
calls ``fn(progress)`` in a worker thread, where ``progress(message, fraction)`` is a plain
callback the domain can call; results, errors and progress reach the callbacks on the GUI
thread through queued signals. A task can be given a ``key``: starting a new task with the
same key cancels the older one — it is skipped if it has not started, its
``progress.cancelled()`` turns true so the domain can stop early, and its result is dropped
(search-as-you-type keeps only the last).
"""

from __future__ import annotations

import itertools
import threading
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot


class _Signals(QObject):
    done = Signal(int, object)
    failed = Signal(int, object, str)
    progress = Signal(int, str, float)


class Progress:
    """What a task receives: call it to report progress; ``cancelled()`` says a newer task replaced it."""

    def __init__(self, number: int, signals: _Signals):
        self.number = number
        self.signals = signals
        self.event = threading.Event()

    def __call__(self, message: str, fraction: float) -> None:
        self.signals.progress.emit(self.number, message, fraction)

    def cancelled(self) -> bool:
        return self.event.is_set()


class _Job(QRunnable):
    def __init__(self, number: int, fn: Callable, signals: _Signals, progress: Progress):
        super().__init__()
        self.number = number
        self.fn = fn
        self.signals = signals
        self.progress = progress
        self.setAutoDelete(True)

    def run(self) -> None:
        if self.progress.cancelled():  # replaced before it started: do no work at all
            self.signals.done.emit(self.number, [None])
            return
        try:
            result = self.fn(self.progress)
        except BaseException as err:  # reported to the GUI thread, never lost in the pool
            self.signals.failed.emit(self.number, [err], traceback.format_exc())
        else:
            # Always a list: PySide mis-counts references to a bare None sent through a
            # queued ``object`` signal and crashes at interpreter exit.
            self.signals.done.emit(self.number, [result])


class TaskRunner(QObject):
    """Runs callables on a private thread pool; callbacks run on the GUI thread."""

    def __init__(self, parent: QObject | None = None, max_threads: int = 2):
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(max_threads)
        self._signals = _Signals()
        self._signals.done.connect(self._on_done)
        self._signals.failed.connect(self._on_failed)
        self._signals.progress.connect(self._on_progress)
        self._numbers = itertools.count(1)
        self._callbacks: dict[int, tuple[Callable | None, Callable | None, Callable | None]] = {}
        self._latest: dict[str, int] = {}
        self._keys: dict[int, str] = {}
        self._progress: dict[int, Progress] = {}
        self.cancelled_count = 0  # tasks replaced by a newer one with the same key

    def run(self, fn: Callable[[Callable[[str, float], None]], Any], on_done: Callable[[Any], None] | None = None,
            on_error: Callable[[BaseException], None] | None = None,
            on_progress: Callable[[str, float], None] | None = None, key: str | None = None) -> int:
        number = next(self._numbers)
        self._callbacks[number] = (on_done, on_error, on_progress)
        progress = Progress(number, self._signals)
        self._progress[number] = progress
        if key:
            older = self._latest.get(key)
            if older in self._progress:
                self._progress[older].event.set()
                self.cancelled_count += 1
            self._latest[key] = number
            self._keys[number] = key
        self.pool.start(_Job(number, fn, self._signals, progress))
        return number

    @property
    def busy(self) -> bool:
        return bool(self._callbacks)

    def wait(self, msecs: int = 30000) -> bool:
        """Block until all jobs finished (tests, shutdown). Callbacks still need the event loop."""
        return self.pool.waitForDone(msecs)

    def _stale(self, number: int) -> bool:
        self._progress.pop(number, None)
        key = self._keys.pop(number, None)
        return key is not None and self._latest.get(key) != number

    @Slot(int, object)
    def _on_done(self, number: int, boxed: list) -> None:
        on_done, _, _ = self._callbacks.pop(number, (None, None, None))
        if not self._stale(number) and on_done:
            on_done(boxed[0])

    @Slot(int, object, str)
    def _on_failed(self, number: int, boxed: list, trace: str) -> None:
        err = boxed[0]
        _, on_error, _ = self._callbacks.pop(number, (None, None, None))
        if self._stale(number):
            return
        if on_error:
            on_error(err)
        else:
            raise err

    @Slot(int, str, float)
    def _on_progress(self, number: int, message: str, fraction: float) -> None:
        _, _, on_progress = self._callbacks.get(number, (None, None, None))
        if on_progress and not (number in self._keys and self._latest.get(self._keys[number]) != number):
            on_progress(message, fraction)
