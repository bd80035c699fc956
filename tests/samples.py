"""Real sample files (PDF, DOCX, XLSX, JPEG with EXIF) for the tests and the benchmark.

The PDF writer is hand-made so that no PDF-authoring package or CJK font file is needed: text
is drawn with a non-embedded CID font and carries a ToUnicode map, which is exactly what
pypdf reads back. A viewer substitutes a system font for display.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

PDF_FONT_SIZE = 11


def _utf16_hex(text: str) -> str:
    return text.encode("utf-16-be").hex().upper()


def _to_unicode_cmap(chars: Sequence[str]) -> bytes:
    lines = [
        "/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap",
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
        "/CMapName /Adobe-Identity-UCS def", "/CMapType 2 def",
        "1 begincodespacerange", "<0000> <FFFF>", "endcodespacerange",
    ]
    for i in range(0, len(chars), 100):  # at most 100 entries per block (PDF spec)
        chunk = chars[i : i + 100]
        lines.append(f"{len(chunk)} beginbfchar")
        lines.extend(f"<{ord(c):04X}> <{_utf16_hex(c)}>" for c in chunk)
        lines.append("endbfchar")
    lines += ["endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
    return "\n".join(lines).encode("ascii")


def pdf_bytes(pages: Sequence[str], metadata: Mapping[str, str] | None = None) -> bytes:
    """A valid PDF with one text page per item of ``pages`` (BMP characters; lines by "\\n")."""
    pages = [("".join(c if ord(c) < 0x10000 else "?" for c in page)) for page in pages]
    chars = sorted({c for page in pages for c in page if c != "\n"}) or [" "]
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    def stream(data: bytes, extra: str = "") -> bytes:
        return f"<< /Length {len(data)} {extra}>>\nstream\n".encode() + data + b"\nendstream"

    catalog = add(b"")  # filled in below, once the page tree number is known
    tree = add(b"")
    cmap = add(stream(_to_unicode_cmap(chars)))
    cid_font = add(
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /STSong-Light "
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 1000 >>"
    )
    font = add(
        f"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /Identity-H "
        f"/DescendantFonts [{cid_font} 0 R] /ToUnicode {cmap} 0 R >>".encode()
    )
    kids: list[int] = []
    for page in pages:
        ops = [f"BT /F1 {PDF_FONT_SIZE} Tf {PDF_FONT_SIZE + 4} TL 40 800 Td"]
        for line in page.split("\n"):
            ops.append(f"<{_utf16_hex(line)}> Tj T*")
        ops.append("ET")
        content = add(stream("\n".join(ops).encode("ascii")))
        kids.append(add(
            f"<< /Type /Page /Parent {tree} 0 R /MediaBox [0 0 595 842] "
            f"/Resources << /Font << /F1 {font} 0 R >> >> /Contents {content} 0 R >>".encode()
        ))
    objects[catalog - 1] = f"<< /Type /Catalog /Pages {tree} 0 R >>".encode()
    objects[tree - 1] = (
        f"<< /Type /Pages /Kids [{' '.join(f'{k} 0 R' for k in kids)}] /Count {len(kids)} >>".encode()
    )
    info = None
    if metadata:
        entries = " ".join(f"/{k.lstrip('/')} <FEFF{_utf16_hex(v)}>" for k, v in metadata.items())
        info = add(f"<< {entries} >>".encode())

    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    trailer = f"/Size {len(objects) + 1} /Root {catalog} 0 R" + (f" /Info {info} 0 R" if info else "")
    out += f"trailer\n<< {trailer} >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def write_pdf(path: Path, pages: Sequence[str], metadata: Mapping[str, str] | None = None) -> Path:
    path.write_bytes(pdf_bytes(pages, metadata))
    return path


def write_docx(
    path: Path,
    paragraphs: Sequence[str] = (),
    tables: Sequence[Sequence[Sequence[str]]] = (),
    properties: Mapping[str, str] | None = None,
    header: str = "",
) -> Path:
    """A Word document: paragraphs, then tables (rows of cell texts), core properties, header."""
    import docx  # python-docx: a dev dependency (pyproject [dev]); only the tests and the benchmark write samples

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    for rows in tables:
        table = document.add_table(rows=len(rows), cols=max(len(r) for r in rows))
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                table.cell(r, c).text = text
    if header:
        document.sections[0].header.paragraphs[0].text = header
    for key, value in (properties or {}).items():
        setattr(document.core_properties, key, value)
    document.save(str(path))
    return path


def write_xlsx(
    path: Path, sheets: Mapping[str, Sequence[Sequence[Any]]], properties: Mapping[str, str] | None = None
) -> Path:
    """A workbook with one sheet per key; cells keep their Python type (int stays numeric)."""
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(list(row))
    for key, value in (properties or {}).items():
        setattr(workbook.properties, key, value)
    workbook.save(str(path))
    return path


def write_jpeg(
    path: Path,
    gps: tuple[float, float] | None = None,
    description: str = "",
    size: tuple[int, int] = (64, 48),
    noise: float = 0.0,
) -> Path:
    """A JPEG, optionally with an EXIF GPS IFD (0x8825), an ImageDescription, and noise
    (``noise`` > 0 makes photo-like, unique, incompressible pixels)."""
    from PIL import Image

    if noise:
        image = Image.merge("RGB", [Image.effect_noise(size, noise) for _ in range(3)])
    else:
        image = Image.new("RGB", size, (200, 220, 240))
    exif = Image.Exif()
    if description:
        exif[0x010E] = description
    if gps is not None:
        def dms(value: float) -> tuple[float, float, float]:
            degrees = int(abs(value))
            minutes = int((abs(value) - degrees) * 60)
            return (float(degrees), float(minutes), round((abs(value) - degrees - minutes / 60) * 3600, 2))

        lat, lon = gps
        exif.get_ifd(0x8825).update({
            0: b"\x02\x03\x00\x00", 1: "N" if lat >= 0 else "S", 2: dms(lat),
            3: "E" if lon >= 0 else "W", 4: dms(lon),
        })
    image.save(path, "JPEG", exif=exif, quality=80)
    return path
