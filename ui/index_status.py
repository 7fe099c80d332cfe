"""The main window's search-index status: building it on first use with a progress bar in the
status bar, opening it in the background after the first paint, and reporting a failure.

A mixin of ``MainWindow`` (which owns ``service``, ``runner``, ``search``, ``progress``,
``status_text`` and ``_index_timer``); kept apart so the window's file stays readable.
"""

from __future__ import annotations

import html

from handbook.errors import explain
from ui.text import warn


class IndexStatus:
    def start_index_build(self) -> None:
        self._show_index_building()
        self._ensure_index()

    def index_pending(self) -> bool:
        """The index is still to be opened (after the first paint): a screenshot waits for it."""
        return self._index_timer.isActive()

    def open_index(self) -> None:
        """Check and open the search index in the background (start-up): no word on screen unless it
        turns out damaged, when the rebuild shows its progress like a first build."""
        self._ensure_index()

    def _ensure_index(self) -> None:
        self.runner.run(lambda report: self.service.ensure_index(report), on_done=self._index_built,
                        on_error=self._index_failed, on_progress=self._index_progress)

    def _show_index_building(self) -> None:
        self.search.set_index_ready(False)
        self.progress.setValue(0)
        self.progress.show()
        self.status_text.setText("正在建立搜索索引（首次使用只需一次）…")

    def _index_progress(self, message: str, fraction: float) -> None:
        if self.progress.isHidden():  # opening found the index damaged: it is being rebuilt
            self._show_index_building()
        self.progress.setValue(int(fraction * 100))
        self.status_text.setText(f"{message.rstrip('…')}（首次使用只需一次）…")

    def _index_built(self, stats) -> None:
        if not self.progress.isHidden() or stats is not None:
            self.progress.hide()
            self.status_text.setText("搜索索引已就绪。")
        self.search.set_index_ready(True)

    def _index_failed(self, err: BaseException) -> None:
        self.progress.hide()
        reason = explain(err)
        self.status_text.setText(f"搜索索引未能建立：{html.escape(reason)}")
        self.search.set_index_failed(reason)
        warn(self, "搜索索引", f"搜索索引未能建立：{reason}\n阅读和书签不受影响。可在“搜索”页点“重试”。")
