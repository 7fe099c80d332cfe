"""Plain text out of a policy file the officer imports: ``.txt``, ``.docx`` or a text ``.pdf``.

- ``.txt``: UTF-8 (with or without BOM), else GB18030 (what Chinese Windows writes);
  a file with NUL bytes or control characters is binary, not text.
- ``.docx``: python-docx, one line per paragraph, table rows as tab-separated cells (the
  reflow treats a line that begins with a tab as a table cell).
- ``.pdf``: pypdf, the text layer page by page in layout order, pages separated by a blank
  line so the reflow sees page breaks; a PDF without a text layer (a scan) is refused.

Every refusal is a ``PolicyImportError`` with a Chinese sentence; nothing is saved.
"""

from __future__ import annotations

import re
from pathlib import Path

from handbook.errors import PolicyImportError
from handbook.limits import MAX_POLICY_FILE_BYTES, check_file

SUPPORTED = (".txt", ".docx", ".pdf")
CJK = re.compile(r"[\u4e00-\u9fff]")
MIN_CJK = 20  # fewer Chinese characters than this is not a policy text


def extract_text(path: Path) -> str:
    path = Path(path)
    if not path.is_file():
        raise PolicyImportError(f"找不到文件 {path}。")
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        raise PolicyImportError(f"不支持 {suffix or '无扩展名'} 文件。可导入的格式：文本（.txt）、Word（.docx）、PDF（.pdf）。")
    if check_file(path, MAX_POLICY_FILE_BYTES, "政策文件", PolicyImportError) == 0:
        raise PolicyImportError(f"{path.name} 是空文件。")
    try:
        text = {".txt": _text, ".docx": _docx, ".pdf": _pdf}[suffix](path)
    except OSError as err:
        raise PolicyImportError(f"无法读取 {path.name}：{err.strerror or err}") from err
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    if len(CJK.findall(text)) < MIN_CJK:
        if suffix == ".pdf":
            raise PolicyImportError(f"{path.name} 中没有可提取的文字，可能是扫描件（图片）。请先做文字识别（OCR），"
                                    "或向发文单位索取文字版 PDF、Word 文件。")
        raise PolicyImportError(f"{path.name} 中几乎没有中文文字，不像是政策文件。")
    return text


def _text(path: Path) -> str:
    data = path.read_bytes()
    if b"\x00" in data[:4096] or sum(b < 9 or 13 < b < 32 for b in data[:4096]) > 8:
        raise PolicyImportError(f"{path.name} 不是文本文件（含有二进制内容）。")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise PolicyImportError(f"{path.name} 的文字编码无法识别（既不是 UTF-8 也不是 GBK）。请另存为 UTF-8 文本后再导入。")


def _docx(path: Path) -> str:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, KeyError, ValueError) as err:
        raise PolicyImportError(f"{path.name} 不是有效的 Word（.docx）文件，或文件已损坏。旧版 .doc 文件请先另存为 .docx。") from err
    except Exception as err:  # noqa: BLE001 - zip/xml errors of a damaged file come in many types
        raise PolicyImportError(f"{path.name} 已损坏，无法读取（{type(err).__name__}）。") from err
    lines: list[str] = []
    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append("".join(t.text or "" for t in child.iter() if t.tag.endswith("}t")))
        elif tag == "tbl":
            for row in child.iter():
                if row.tag.endswith("}tr"):
                    cells = ["".join(t.text or "" for t in cell.iter() if t.tag.endswith("}t"))
                             for cell in row if cell.tag.endswith("}tc")]
                    lines.append("\t" + "\t".join(cells))
    return "\n".join(lines)


def _pdf(path: Path) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(str(path))
        if reader.is_encrypted:
            try:
                reader.decrypt("")
            except Exception as err:  # noqa: BLE001 - pypdf raises several types for a wrong password
                raise PolicyImportError(f"{path.name} 有密码保护，无法读取。") from err
        pages = [page.extract_text() or "" for page in reader.pages]
    except PolicyImportError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError) as err:
        raise PolicyImportError(f"{path.name} 不是有效的 PDF 文件，或文件已损坏。") from err
    except Exception as err:  # noqa: BLE001 - a damaged PDF fails in many ways inside pypdf
        raise PolicyImportError(f"{path.name} 已损坏，无法读取（{type(err).__name__}）。") from err
    # Two blank lines before each page: the reflow takes a bare number after them as a page number.
    return "\n\n\n".join(page.strip("\n") for page in pages)
