#!/usr/bin/env python3
"""Make the Chinese font that ships inside the zwgk package (``plugins/zwgk/data/fonts/``).

Why a subset of our own and not a font package from PyPI: see docs/tujie.md ("字体从哪里来").
In short, the full Noto Sans CJK SC faces are ~16 MB each and the PyPI repackagings are
one-person 0.0.x uploads; GB 2312 plus the symbols the 图解 use is 2 faces of ~2.5 MB, made here
from the font Debian ships, reproducibly.

Input: the Debian ``fonts-noto-cjk`` collections (face 2 = "Noto Sans CJK SC"; the file is
bit-identical to upstream noto-cjk 2.004's ``NotoSansCJK-Regular.ttc``).  Output, per weight:
``NotoSansCJKsc-<Weight>.subset.otf``.  The character set is computed here, never typed in:

* GB 2312 in full (6,763 hanzi + 682 symbols), decoded with Python's own ``gb2312`` codec.
  The 通用规范汉字表 level-1 list (3,500) cannot be derived offline; all but a handful of its
  characters are GB 2312 level 1, and ``EXTRA`` carries the ones the office is known to use.
* ASCII, full-width forms, CJK punctuation, and ``SYMBOLS`` (what the 图解 templates and the
  office's writing use: ①, ℃, ※, arrows…).

What the subsetter keeps and why: outlines, CFF hints and horizontal metrics untouched (so
FreeType draws the same pixels as from the full font, which tests/test_tujie_fonts.py checks);
every name record (copyright, licence, the family name "Noto Sans CJK SC" — the OFL reserved
name of this font is "Source", which we do not use); no OpenType layout tables, since the
renderer uses Pillow's BASIC layout (no shaping) and they would add ~40 % for nothing.

Run (needs fontTools, in the dev extras)::

    .venv/bin/python scripts/subset_font.py            # writes the two fonts
    .venv/bin/python scripts/subset_font.py --check    # exit 1 if the shipped fonts differ

Same input font + same fontTools version ⇒ same bytes (fontTools writes no timestamps we keep:
``head.modified`` is pinned to the source's).
"""

from __future__ import annotations

import argparse
import hashlib
import io
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT_DIR = ROOT / "plugins" / "zwgk" / "data" / "fonts"
SOURCES = {
    "Regular": Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"),
    "Bold": Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc"),
}
SC_FACE = 2  # NotoSansCJK-*.ttc: 0 JP, 1 KR, 2 SC, 3 TC, 4 HK, then the Mono faces

# Symbols a 图解 or a notice title uses that are outside GB 2312 (or easy to miss in it).
SYMBOLS = (
    "·×÷±°§¶©®™‰′″℃℉№※←↑→↓↔⇒√∞≈≠≤≥∶"
    "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽"
    "ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩⅪⅫⅰⅱⅲⅳⅴⅵⅶⅷⅸⅹ㈠㈡㈢㈣㈤㈥㈦㈧㈨㈩"
    "●○◎◆◇■□▲△▼▽★☆✓✔✕✗✘☑☐…—–‐‑‘’“”•〇"
    "￥＄€£¥"
)
# Hanzi outside GB 2312: 啰 and 瞭 are 通用规范汉字表 level 1; the rest are frequent in people's
# names.  Add here (and rerun) when the glyph check reports a character the office really needs.
EXTRA = "啰瞭堃喆镕昇珺玥琍鄚嫚"


def charset() -> str:
    chars: set[str] = set()
    for hi in range(0xA1, 0xF8):
        for lo in range(0xA1, 0xFF):
            try:
                chars.add(bytes((hi, lo)).decode("gb2312"))
            except UnicodeDecodeError:
                continue  # unassigned cells in the 94×94 grid
    chars.update(chr(c) for c in range(0x20, 0x7F))       # ASCII
    chars.update(chr(c) for c in range(0xFF01, 0xFF5F))   # full-width forms
    chars.update(chr(c) for c in range(0x3000, 0x3020))   # CJK punctuation 、。〈〉《》「」【】…
    chars.update("\u00a0" + SYMBOLS + EXTRA)
    return "".join(sorted(chars))


def gb2312_hanzi() -> int:
    return sum(1 for ch in charset() if "\u4e00" <= ch <= "\u9fff" and _in_gb2312(ch))


def _in_gb2312(ch: str) -> bool:
    try:
        ch.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def subset(source: Path, text: str) -> bytes:
    from fontTools import subset as fts  # dev-only dependency: imported here, not at module level
    from fontTools.ttLib import TTFont

    options = fts.Options()
    options.font_number = SC_FACE
    options.layout_features = []          # no GSUB/GPOS features: BASIC layout never reads them
    options.drop_tables += ["GSUB", "GPOS", "GDEF", "BASE", "vhea", "vmtx", "VORG"]
    options.name_IDs = ["*"]              # keep copyright (0), licence (13, 14), trademark (7)
    options.name_languages = ["*"]
    options.hinting = True                # CFF hints change FreeType's pixels: keep them
    options.desubroutinize = False
    options.notdef_outline = True         # a missing glyph draws the same box as in the full font
    options.recalc_timestamp = False      # reproducible bytes
    font = TTFont(str(source), fontNumber=SC_FACE, recalcTimestamp=False, lazy=False)
    sub = fts.Subsetter(options)
    sub.populate(text=text)
    sub.subset(font)
    buf = io.BytesIO()
    font.save(buf)
    return buf.getvalue()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    ap.add_argument("--check", action="store_true", help="compare with the shipped fonts, write nothing")
    ap.add_argument("--out", type=Path, default=OUT_DIR)
    ap.add_argument("--weight", choices=sorted(SOURCES), action="append",
                    help="only this weight (repeatable; default: all)")
    args = ap.parse_args(argv)
    text = charset()
    print(f"{len(text)} characters ({gb2312_hanzi()} GB 2312 hanzi)")
    status = 0
    for weight, source in SOURCES.items():
        if args.weight and weight not in args.weight:
            continue
        if not source.is_file():
            print(f"missing {source}: apt-get install fonts-noto-cjk", file=sys.stderr)
            return 2
        data = subset(source, text)
        target = args.out / f"NotoSansCJKsc-{weight}.subset.otf"
        digest = hashlib.sha256(data).hexdigest()
        if args.check:
            same = target.is_file() and target.read_bytes() == data
            print(f"{target.name}: {'same' if same else 'DIFFERS'} ({len(data)} bytes, sha256 {digest})")
            status |= 0 if same else 1
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
            print(f"{target.relative_to(ROOT)}: {len(data)} bytes, sha256 {digest}")
    return status


if __name__ == "__main__":
    raise SystemExit(main())
