"""The minimal window lists documents and shows the chosen one's clauses."""

from ui.main_window import MainWindow


def test_window_lists_documents_and_shows_clauses(qtbot, handbook):
    window = MainWindow(handbook)
    qtbot.addWidget(window)
    assert window.documents.topLevelItemCount() == len(handbook.documents())
    target = next(d for d in handbook.documents() if d["doc_number"] == "内政办发〔2022〕15号")
    window.open_document(target["id"])
    text = window.reader.toPlainText()
    assert target["title"] in text and "氢能" in text


def test_text_with_markup_characters_is_shown_literally(qtbot):
    class Fake:
        content_version = "test"

        def documents(self):
            return [{"id": "x", "title": "A<b>&C", "doc_number": None, "region": "全国", "status": "现行有效"}]

        def document(self, _):
            return {"title": "A<b>&C", "doc_number": None, "issuers": [], "date": None, "level": "national",
                    "region": "全国", "status": "现行有效"}

        def clause_tree(self, _):
            class Node:
                text, children = "第一条 x < y & z", []
            return [Node()]

    window = MainWindow(Fake())
    qtbot.addWidget(window)
    assert "A<b>&C" in window.reader.toPlainText()
    assert "x < y & z" in window.reader.toPlainText()
