"""File dialogs that remember the last folder (QSettings ``files/last_folder``).

Every save and open dialog of the app goes through ``save_file`` / ``open_file``: they
start in the folder the user last saved to or opened from (else the home folder) and
remember the chosen one for next time, across launches.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog, QWidget

KEY = "files/last_folder"


def last_folder(settings: QSettings | None) -> Path:
    folder = Path(str(settings.value(KEY, ""))) if settings is not None and settings.value(KEY, "") else Path.home()
    return folder if folder.is_dir() else Path.home()


def remember(settings: QSettings | None, path: Path) -> None:
    if settings is not None:
        settings.setValue(KEY, str(Path(path).parent))


def save_file(parent: QWidget | None, settings: QSettings | None, title: str, name: str, file_filter: str) -> Path | None:
    """Ask where to save ``name``; None when cancelled."""
    chosen, _ = QFileDialog.getSaveFileName(parent, title, str(last_folder(settings) / name), file_filter)
    if not chosen:
        return None
    remember(settings, Path(chosen))
    return Path(chosen)


def open_file(parent: QWidget | None, settings: QSettings | None, title: str, file_filter: str) -> Path | None:
    chosen, _ = QFileDialog.getOpenFileName(parent, title, str(last_folder(settings)), file_filter)
    if not chosen:
        return None
    remember(settings, Path(chosen))
    return Path(chosen)
