"""The main window's menu bar and toolbar, and the list of every shortcut read back from them.

``build(window)`` creates the actions (each also added to the window, so its shortcut
works wherever the focus is) in the 文件 / 编辑 / 视图 / 前往 / 帮助 menus and the toolbar;
``shortcut_rows(window)`` lists them for 帮助 → 快捷键, so that table never drifts from
what the keys do.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QToolBar, QWidget


def add_action(window, text: str, slot, shortcut=None, menu=None) -> QAction:
    """An action on the window (its shortcut works anywhere in it), optionally in ``menu``."""
    action = QAction(text, window)
    if shortcut:
        shortcuts = shortcut if isinstance(shortcut, list) else [shortcut]
        action.setShortcuts([QKeySequence(s) for s in shortcuts])
    action.triggered.connect(slot)
    window.addAction(action)
    if menu is not None:
        menu.addAction(action)
    return action


def build_toolbar(window) -> None:
    bar = QToolBar("导航")
    bar.setMovable(False)
    bar.setObjectName("mainToolbar")
    window.back_action = add_action(window, "◀ 后退", window.back, "Alt+Left")
    window.forward_action = add_action(window, "前进 ▶", window.forward, "Alt+Right")
    bar.addAction(window.back_action)
    bar.addAction(window.forward_action)
    spacer = QWidget()
    spacer.setFixedWidth(12)
    bar.addWidget(spacer)
    window.search.query_row.removeWidget(window.search.query_edit)
    window.search.query_edit.setMinimumWidth(360)
    bar.addWidget(window.search.query_edit)
    window.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)


def build(window) -> None:
    """The toolbar, then the menus."""
    build_toolbar(window)
    menu = window.menuBar().addMenu("文件(&F)")
    add_action(window, "在新标签页打开当前选择", window.open_in_new_tab, "Ctrl+T", menu)
    add_action(window, "关闭标签页", lambda: window.readers.close_tab(window.readers.currentIndex()), "Ctrl+W", menu)
    menu.addSeparator()
    add_action(window, "生成投资指南…", window.open_guide_wizard, "Ctrl+G", menu)
    add_action(window, "导入政策文件…", window.open_import_dialog, None, menu)
    add_action(window, "更新政策库…", window.open_update_dialog, None, menu)
    add_action(window, "打印预览…", lambda: window.print_document(), QKeySequence.StandardKey.Print, menu)
    menu.addSeparator()
    add_action(window, "退出", window.close, QKeySequence.StandardKey.Quit, menu)

    menu = window.menuBar().addMenu("编辑(&E)")
    add_action(window, "复制本条（含出处）", lambda: window._copy_clause(), "Ctrl+Shift+C", menu)
    add_action(window, "在本文件中查找…", lambda: window.readers.current().open_find(), QKeySequence.StandardKey.Find, menu)
    add_action(window, "搜索全部条款", window.focus_search, ["Ctrl+K", "Ctrl+L"], menu)
    menu.addSeparator()
    add_action(window, "加入书签 / 取消书签", lambda: window.toggle_bookmark(), "Ctrl+D", menu)

    menu = window.menuBar().addMenu("视图(&V)")
    add_action(window, "放大字体", lambda: window._zoom(1), [QKeySequence.StandardKey.ZoomIn, "Ctrl+="], menu)
    add_action(window, "缩小字体", lambda: window._zoom(-1), QKeySequence.StandardKey.ZoomOut, menu)
    add_action(window, "默认字体大小", lambda: window._set_font_size(12), "Ctrl+0", menu)
    menu.addSeparator()
    themes = menu.addMenu("主题")
    group = QActionGroup(window)
    for key, label in (("system", "跟随系统"), ("light", "浅色"), ("dark", "深色")):
        action = QAction(label, window, checkable=True)
        action.setChecked(key == window.theme_choice)
        action.triggered.connect(lambda _c=False, k=key: window.set_theme(k))
        group.addAction(action)
        themes.addAction(action)

    menu = window.menuBar().addMenu("前往(&G)")
    add_action(window, "开始页", window.show_start, "Alt+Home", menu)
    menu.addAction(window.back_action)
    menu.addAction(window.forward_action)
    menu.addSeparator()
    add_action(window, "地区对比…", lambda: window.open_compare(), "Ctrl+Shift+R", menu)
    add_action(window, "到期提醒…", window.open_expiring, "Ctrl+Shift+E", menu)
    menu.addSeparator()
    add_action(window, "地区", lambda: window.show_panel(window.navigation.region_page, window.navigation.regions), "Ctrl+1", menu)
    add_action(window, "主题", lambda: window.show_panel(window.navigation.theme_page, window.navigation.themes), "Ctrl+2", menu)
    add_action(window, "文件", lambda: window.show_panel(window.navigation.documents, window.navigation.documents.tree), "Ctrl+3", menu)
    if window.bookmarks_panel:
        add_action(window, "书签", lambda: window.show_panel(window.bookmarks_panel, window.bookmarks_panel.tree), "Ctrl+4", menu)

    menu = window.menuBar().addMenu("帮助(&H)")
    add_action(window, "使用说明", lambda: window.show_help("usage"), QKeySequence.StandardKey.HelpContents, menu)
    add_action(window, "快捷键", lambda: window.show_help("shortcuts"), "Ctrl+/", menu)
    menu.addSeparator()
    add_action(window, "关于政策手册", window.about, None, menu)


def shortcut_rows(window) -> list[tuple[str, str]]:
    """(what, keys) for every action with a shortcut, in menu order, plus the keys of the panels."""
    rows = []
    for menu_action in window.menuBar().actions():
        rows += _menu_shortcuts(menu_action.menu(), menu_action.text().split("(")[0])
    rows += [("搜索结果、文件列表、书签：打开所选", "Enter"), ("搜索框：转到结果列表", "↓"),
             ("查找栏：下一个 / 上一个 / 关闭", "Enter / Shift+Enter / Esc"),
             ("书签：删除所选 / 撤销删除", "Delete / Ctrl+Z")]
    return rows


def _menu_shortcuts(menu, prefix: str) -> list[tuple[str, str]]:
    rows = []
    for action in menu.actions() if menu else []:
        if action.menu():
            rows += _menu_shortcuts(action.menu(), f"{prefix} → {action.text()}")
        elif action.shortcuts():
            keys = " / ".join(k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts())
            rows.append((f"{prefix} → {action.text().replace('&', '')}", keys))
    return rows

