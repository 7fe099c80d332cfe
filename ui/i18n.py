"""Chinese for Qt's own dialogs and buttons (message boxes, file and print dialogs, tab bars).

``install_translations(app)`` loads Qt's zh_CN catalogue that ships with PySide6
(``QLibraryInfo.path(TranslationsPath)/qtbase_zh_CN.qm``) and, on top of it, the few
strings that catalogue misses, from ``resources/i18n/qt_zh_CN_extra.json``. The
translators are kept on the application so they live as long as it does.
"""

from __future__ import annotations

import json

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from handbook.paths import resource_path

LOCALE = QLocale(QLocale.Language.Chinese, QLocale.Country.China)


class ExtraTranslator(QTranslator):
    """Answers from a small curated table; no answer (a null string) lets Qt ask the next translator."""

    def __init__(self, table: dict[str, dict[str, str]], parent=None):
        super().__init__(parent)
        self.table = table

    def translate(self, context: str, source: str, disambiguation: str | None = None, n: int = -1) -> str | None:  # noqa: ARG002
        return self.table.get(context, {}).get(source)  # None becomes a null QString: "not mine"

    def isEmpty(self) -> bool:  # noqa: N802 - Qt override
        return not self.table


def _extra_table() -> dict[str, dict[str, str]]:
    try:
        data = json.loads(resource_path("i18n", "qt_zh_CN_extra.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {k: v for k, v in data.items() if isinstance(v, dict) and v}


def install_translations(app: QApplication) -> list[QTranslator]:
    """Make Qt's standard dialogs Chinese; returns the installed translators."""
    QLocale.setDefault(LOCALE)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    installed: list[QTranslator] = []
    for name in ("qtbase",):
        translator = QTranslator(app)
        if translator.load(LOCALE, name, "_", folder):
            app.installTranslator(translator)
            installed.append(translator)
    extra = ExtraTranslator(_extra_table(), app)
    if not extra.isEmpty():
        app.installTranslator(extra)  # installed last, asked first
        installed.append(extra)
    app.setProperty("handbook_translators", len(installed))
    app._handbook_translators = installed  # keep Python wrappers alive with the app
    return installed
