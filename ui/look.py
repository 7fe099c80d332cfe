"""Look and feel: the bundled CJK font and the light and dark palettes.

The font in ``resources/fonts`` is registered at start so Chinese never shows as boxes on
a machine without CJK fonts. The theme follows the system colour scheme unless the user
picked one from the 视图 menu (remembered in the settings). ``app_icon()`` is the window
icon, built from the PNG sizes in ``resources/icons``.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QFontDatabase, QGuiApplication, QIcon, QPalette
from PySide6.QtWidgets import QApplication

from handbook.paths import resource_path

FONT_FILE = "WenQuanYiMicroHei-subset.ttf"
FALLBACK_FAMILY = "WenQuanYi Micro Hei"


def register_font(app: QApplication, point_size: int = 10) -> str:
    """Register the bundled font and make it the application font; returns its family."""
    font_id = QFontDatabase.addApplicationFont(str(resource_path("fonts", FONT_FILE)))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    family = families[0] if families else FALLBACK_FAMILY
    font = QFont(family, point_size)
    app.setFont(font)
    return family


def app_icon() -> QIcon:
    """The application icon in every size rendered into resources/icons (handbook-NN.png)."""
    icon = QIcon()
    for path in sorted(resource_path("icons").glob("handbook-*.png")):
        icon.addFile(str(path))
    return icon


def system_prefers_dark() -> bool:
    hints = QGuiApplication.styleHints()
    scheme = getattr(hints, "colorScheme", None)
    return bool(scheme and scheme() == Qt.ColorScheme.Dark)


def palette(dark: bool) -> QPalette:
    p = QPalette()
    if dark:
        colors = {
            QPalette.ColorRole.Window: "#1f2124", QPalette.ColorRole.WindowText: "#e6e6e6",
            QPalette.ColorRole.Base: "#17181a", QPalette.ColorRole.AlternateBase: "#222428",
            QPalette.ColorRole.Text: "#e6e6e6", QPalette.ColorRole.Button: "#2a2d31",
            QPalette.ColorRole.ButtonText: "#e6e6e6", QPalette.ColorRole.Highlight: "#3d6fb4",
            QPalette.ColorRole.HighlightedText: "#ffffff", QPalette.ColorRole.ToolTipBase: "#2a2d31",
            QPalette.ColorRole.ToolTipText: "#e6e6e6", QPalette.ColorRole.Link: "#7fb0ff",
            QPalette.ColorRole.PlaceholderText: "#8a8f96", QPalette.ColorRole.Mid: "#3a3d42",
        }
    else:
        colors = {
            QPalette.ColorRole.Window: "#f4f4f2", QPalette.ColorRole.WindowText: "#1d1d1f",
            QPalette.ColorRole.Base: "#ffffff", QPalette.ColorRole.AlternateBase: "#f7f7f5",
            QPalette.ColorRole.Text: "#1d1d1f", QPalette.ColorRole.Button: "#ececea",
            QPalette.ColorRole.ButtonText: "#1d1d1f", QPalette.ColorRole.Highlight: "#2f6fbd",
            QPalette.ColorRole.HighlightedText: "#ffffff", QPalette.ColorRole.ToolTipBase: "#ffffe8",
            QPalette.ColorRole.ToolTipText: "#1d1d1f", QPalette.ColorRole.Link: "#1c5fb0",
            QPalette.ColorRole.PlaceholderText: "#8a8a8a", QPalette.ColorRole.Mid: "#c8c8c4",
        }
    for role, value in colors.items():
        p.setColor(role, QColor(value))
    return p


def apply_theme(app: QApplication, choice: str) -> bool:
    """Apply ``light``, ``dark`` or ``system``; returns whether the result is dark."""
    dark = system_prefers_dark() if choice == "system" else choice == "dark"
    app.setStyle("Fusion")
    app.setPalette(palette(dark))
    return dark


def colors(dark: bool) -> dict[str, str]:
    """Colours the HTML views use (reader, search snippets), per theme."""
    if dark:
        return {"muted": "#9aa0a6", "mark": "#6b5800", "mark_text": "#fff6c2", "badge_bad": "#d9534f",
                "badge_ok": "#3c8d5a", "clause": "#3a3520", "current": "#5a4a00", "label": "#9ec3ff",
                "badge_warn": "#c77700", "badge_info": "#5c6bc0", "warn_bg": "#3d2a14", "warn_text": "#ffcc80"}
    return {"muted": "#6b6b6b", "mark": "#ffe58a", "mark_text": "#1d1d1f", "badge_bad": "#c62828",
            "badge_ok": "#2e7d32", "clause": "#fff4c2", "current": "#ffd54f", "label": "#1c5fb0",
            "badge_warn": "#b26a00", "badge_info": "#3949ab", "warn_bg": "#fdecea", "warn_text": "#8a1c1c"}
