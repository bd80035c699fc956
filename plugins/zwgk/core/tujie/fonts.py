"""Find the Chinese font for 图解 and know which characters it has.

Nothing is ever downloaded: the build must work offline and give the same picture on every
machine.  So the default is the font that ships inside the package (``zwgk/data/fonts/``, a
GB 2312 subset of Noto Sans CJK SC made by ``scripts/subset_font.py``): a clerk's Windows
laptop, a macOS runner and the Debian build server then draw the same bytes and find the same
missing characters.  A font configured in mkdocs.yml (``tujie_font:``) wins over it; the system's
fonts (fontconfig, Debian paths) are only a fallback for an install whose package data was
stripped, and ``ZWGK_SYSTEM_FONTS=0`` turns that fallback off (tests use it to prove a machine
without system fonts renders the demo identically).

Glyph coverage is read from the font's own ``cmap`` table (fontTools' ``getBestCmap``) because
Pillow cannot tell a real glyph from the ``.notdef`` box it draws for missing characters.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import struct
import subprocess
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import BinaryIO

from PIL import ImageFont

from zwgk.core.findings import Finding, finding

FONT_SUFFIXES = (".ttf", ".otf", ".ttc", ".otc")

#: Shipped with the package (package-data); the bold face is found as the Regular's sibling.
PACKAGED_FONT = Path(__file__).resolve().parents[2] / "data" / "fonts" / "NotoSansCJKsc-Regular.subset.otf"

#: ``ZWGK_SYSTEM_FONTS=0`` (or ``false``/``no``/``off``): never look at the system's fonts.
SYSTEM_FONTS_ENV = "ZWGK_SYSTEM_FONTS"

#: Tried after fontconfig, in order.  Regular faces; the bold sibling is found by name.
DEBIAN_FONT_PATHS: tuple[str, ...] = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",        # fonts-noto-cjk
    "/usr/share/fonts/opentype/noto/NotoSansCJKsc-Regular.otf",
    "/usr/share/fonts/truetype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",              # Arch / Fedora
    "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/source-han-sans/SourceHanSans-Regular.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",                 # fonts-wqy-microhei
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",                   # fonts-wqy-zenhei
    "/usr/share/fonts/truetype/arphic/uming.ttc",                     # fonts-arphic-uming
    # Only reached when the packaged font is gone; these machines have no fontconfig.
    "/System/Library/Fonts/PingFang.ttc",                             # macOS
    "/System/Library/Fonts/Hiragino Sans GB.ttc",
    os.path.join(os.environ.get("WINDIR", "C:\\Windows"), "Fonts", "msyh.ttc"),  # Windows: 微软雅黑
    os.path.join(os.environ.get("WINDIR", "C:\\Windows"), "Fonts", "simhei.ttf"),  # 黑体
)

# A font is only useful if it can draw ordinary notice text.
_PROBE = "一图读懂政务公开办理流程新旧对比，。《》"

_FIX_HINT = (
    "zwgk 自带的中文字体（zwgk/data/fonts/）缺失，请重新安装：pip install --force-reinstall zwgk"
    "（或在仓库中运行 scripts/bootstrap.sh）；也可安装系统字体 sudo apt-get install fonts-noto-cjk"
    "（Debian/Ubuntu），或在 mkdocs.yml 中设置 tujie_font: 指向仓库内的 .ttf/.otf/.ttc 中文字体文件"
    "（如 fonts/NotoSansSC-Regular.otf）"
)


@dataclass(frozen=True)
class FontSet:
    """The faces used to draw one 图解.  ``bold`` is None when no bold face was found; the
    renderer then emboldens the regular face with a thin stroke."""

    regular: Path
    regular_index: int = 0
    bold: Path | None = None
    bold_index: int = 0

    @property
    def family(self) -> str:
        return _face_name(str(self.regular), self.regular_index)[0]

    def get(self, size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
        """A Pillow font at ``size`` px.  BASIC layout (no HarfBuzz) so the picture does not
        depend on the system's libraqm version; CJK needs no shaping."""
        if bold and self.bold is not None:
            return _load(str(self.bold), self.bold_index, size)
        return _load(str(self.regular), self.regular_index, size)

    @property
    def has_bold(self) -> bool:
        return self.bold is not None

    @property
    def digest(self) -> str:
        """sha256 over the font files and face indexes: part of the render cache key."""
        h = hashlib.sha256()
        h.update(_file_digest(str(self.regular)).encode())
        h.update(f":{self.regular_index}".encode())
        if self.bold is not None:
            h.update(_file_digest(str(self.bold)).encode())
            h.update(f":{self.bold_index}".encode())
        return h.hexdigest()

    def has_char(self, ch: str) -> bool:
        if not _coverage(str(self.regular), self.regular_index).has(ord(ch)):
            return False
        return self.bold is None or _coverage(str(self.bold), self.bold_index).has(ord(ch))


@lru_cache(maxsize=64)
def _load(path: str, index: int, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(path, size, index=index, layout_engine=ImageFont.Layout.BASIC)


def _file_digest(path: str) -> str:
    st = os.stat(path)
    return _file_digest_cached(path, st.st_size, st.st_mtime_ns)


@lru_cache(maxsize=16)
def _file_digest_cached(path: str, size: int, mtime_ns: int) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 20):
            h.update(chunk)
    return h.hexdigest()


# ---------------------------------------------------------------------------------------------
# cmap reading


class _Coverage:
    def __init__(self, codepoints: frozenset[int]) -> None:
        self.codepoints = codepoints

    def has(self, cp: int) -> bool:
        return cp in self.codepoints


class _FontFormatError(Exception):
    pass


def _face_offsets(fh: BinaryIO) -> list[int]:
    head = fh.read(12)
    if len(head) < 12:
        raise _FontFormatError("short file")
    if head[:4] == b"ttcf":
        count = struct.unpack(">I", head[8:12])[0]
        if count > 1000:
            raise _FontFormatError("bad ttc")
        data = fh.read(4 * count)
        return list(struct.unpack(f">{count}I", data))
    return [0]


def face_count(path: str | Path) -> int:
    with open(path, "rb") as fh:
        return len(_face_offsets(fh))


@lru_cache(maxsize=8)
def _coverage(path: str, index: int) -> _Coverage:
    try:
        return _Coverage(frozenset(_read_cmap(path, index)))
    except (OSError, struct.error, _FontFormatError, IndexError):
        # Unreadable cmap: claim full coverage rather than flag every character as tofu;
        # Pillow already loaded the font, so it is a real font we simply cannot inspect.
        return _FullCoverage()


class _FullCoverage(_Coverage):
    def __init__(self) -> None:
        super().__init__(frozenset())

    def has(self, cp: int) -> bool:
        return True


def _read_cmap(path: str, index: int) -> set[int]:
    """Code points the face draws with a real glyph: fontTools' best Unicode cmap, less the code
    points mapped to glyph 0 (.notdef, the box Pillow draws for a missing character)."""
    from fontTools.ttLib import TTFont, TTLibError  # imported here: only 图解 rendering needs it

    try:
        with TTFont(path, fontNumber=index, lazy=True) as font:
            best = font.getBestCmap()
            notdef = font.getGlyphOrder()[0]
    except TTLibError as exc:
        raise _FontFormatError(str(exc)) from exc
    if best is None:
        raise _FontFormatError("no Unicode cmap")
    return {cp for cp, glyph in best.items() if glyph != notdef}


# ---------------------------------------------------------------------------------------------
# choosing a face


@lru_cache(maxsize=64)
def _face_name(path: str, index: int) -> tuple[str, str]:
    try:
        family, style = ImageFont.truetype(path, 12, index=index).getname()
    except OSError:
        return ("", "")
    return (family or "", style or "")


_SC_MARKERS = (" SC", "CN", "GB", "Hans", "简", "SimSun", "SimHei", "Sim ")


def _pick_face(path: Path, prefer_family: str | None = None) -> int | None:
    """Index of the best face for Simplified Chinese in ``path``; None if none can draw it.

    Prefers the face whose family matches ``prefer_family`` (so the bold file pairs with the
    regular one), then names marking Simplified Chinese (Noto's "… CJK SC" is index 2 in
    NotoSansCJK-*.ttc), proportional over Mono, and needs the probe characters."""
    try:
        count = face_count(path)
    except (OSError, struct.error, _FontFormatError):
        return None
    # Rank by name first (cheap), then check coverage in that order: parsing a CJK cmap costs
    # tens of milliseconds and a .ttc holds ten faces.
    ranked: list[tuple[int, int]] = []
    for idx in range(count):
        family, _style = _face_name(str(path), idx)
        if not family:
            continue
        score = 0
        if prefer_family and family == prefer_family:
            score += 100
        if any(m in family for m in _SC_MARKERS) or family.endswith("SC"):
            score += 10
        if "Mono" in family:
            score -= 5
        ranked.append((-score, idx))
    for _neg, idx in sorted(ranked):
        cov = _coverage(str(path), idx)
        if all(cov.has(ord(c)) for c in _PROBE):
            return idx
    return None


def _bold_sibling(regular: Path) -> Path | None:
    name = regular.name
    for a, b in (("Regular", "Bold"), ("regular", "bold"), ("-Light", "-Bold")):
        if a in name:
            cand = regular.with_name(name.replace(a, b))
            if cand.is_file():
                return cand
    return None


def _make_fontset(regular: Path, *, use_fontconfig: bool) -> FontSet | None:
    idx = _pick_face(regular)
    if idx is None:
        return None
    family = _face_name(str(regular), idx)[0]
    bold_path = _bold_sibling(regular)
    if bold_path is None and use_fontconfig:
        found = _fc_match(f"{family}:weight=bold") if family else None
        if found is not None and found != regular and "bold" in _face_name(str(found), 0)[1].lower():
            bold_path = found
    bold_idx: int | None = None
    if bold_path is not None:
        bold_idx = _pick_face(bold_path, prefer_family=family)
    if bold_path is None or bold_idx is None:
        return FontSet(regular=regular, regular_index=idx)
    return FontSet(regular=regular, regular_index=idx, bold=bold_path, bold_index=bold_idx)


def _fc_match(pattern: str) -> Path | None:
    exe = shutil.which("fc-match")
    if exe is None:
        return None
    try:
        out = subprocess.run([exe, "-f", "%{file}", pattern], capture_output=True, text=True,
                             timeout=20, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    path = out.stdout.strip()
    return Path(path) if path and Path(path).is_file() else None


def _fc_list_zh() -> list[Path]:
    exe = shutil.which("fc-list")
    if exe is None:
        return []
    try:
        out = subprocess.run([exe, ":lang=zh-cn", "file"], capture_output=True, text=True,
                             timeout=20, check=False)
    except (OSError, subprocess.SubprocessError):
        return []
    files = sorted({ln.strip().rstrip(":") for ln in out.stdout.splitlines() if ln.strip()})

    # Sans before serif, regular before other weights: the look the layout was designed for.
    def rank(p: str) -> tuple[int, int, str]:
        low = p.lower()
        return ("sans" not in low and "hei" not in low, "regular" not in low, p)

    return [Path(p) for p in sorted(files, key=rank) if p.lower().endswith(FONT_SUFFIXES)]


def system_fonts_enabled() -> bool:
    """False when ``ZWGK_SYSTEM_FONTS`` says no: the machine is treated as having no fonts."""
    return os.environ.get(SYSTEM_FONTS_ENV, "1").strip().lower() not in ("0", "false", "no", "off")


def packaged_font() -> FontSet | None:
    """The font shipped in the package, or None if the package data is missing."""
    return _packaged_font(str(PACKAGED_FONT))


@lru_cache(maxsize=2)
def _packaged_font(path: str) -> FontSet | None:
    regular = Path(path)
    return _make_fontset(regular, use_fontconfig=False) if regular.is_file() else None


def find_font(configured: str | None, repo_root: Path | None = None, *,
              search_system: bool = True, packaged: bool = True) -> tuple[FontSet | None, list[Finding]]:
    """Locate the font for 图解 rendering.

    Order: ``configured`` (``tujie_font`` in mkdocs.yml, relative to ``repo_root``), then the
    packaged font, then fontconfig and well-known Debian paths.  The packaged font comes before
    the system's so that every machine renders the same bytes and the glyph check finds the
    same characters missing, whatever is installed.  ``search_system=False`` or
    ``ZWGK_SYSTEM_FONTS=0`` skips the system; ``packaged=False`` skips the packaged font (tests
    use both to simulate a machine with no font at all).  A configured font that is missing or
    has no Chinese glyphs is an error and does *not* silently fall back: the clerk asked for it.
    """
    if configured:
        cfg = Path(configured)
        if not cfg.is_absolute():
            cfg = (repo_root or Path.cwd()) / cfg
        if cfg.suffix.lower() not in FONT_SUFFIXES:
            return None, [_missing(f"tujie_font 配置的“{configured}”不是 .ttf/.otf/.ttc 字体文件。")]
        if not cfg.is_file():
            return None, [_missing(f"tujie_font 配置的字体文件“{configured}”不存在。")]
        try:
            ImageFont.truetype(str(cfg), 12)
        except OSError:
            return None, [_missing(f"tujie_font 配置的“{configured}”无法作为字体读取（文件可能已损坏）。")]
        fs = _make_fontset(cfg, use_fontconfig=False)
        if fs is None:
            return None, [_missing(f"tujie_font 配置的字体“{configured}”不含常用简体中文字符。")]
        return fs, []

    if packaged:
        shipped = packaged_font()
        if shipped is not None:
            return shipped, []

    if search_system and system_fonts_enabled():
        candidates: list[Path] = []
        best = _fc_match("sans-serif:lang=zh-cn")
        if best is not None:
            candidates.append(best)
        candidates.extend(_fc_list_zh())
        candidates.extend(Path(p) for p in DEBIAN_FONT_PATHS)
        seen: set[Path] = set()
        for cand in candidates:
            if cand in seen or not cand.is_file():
                continue
            seen.add(cand)
            fs = _make_fontset(cand, use_fontconfig=True)
            if fs is not None:
                return fs, []
    return None, [_missing("找不到可用的中文字体，无法生成图解图片。")]


def _missing(message: str) -> Finding:
    return finding("tujie.font_missing", "mkdocs.yml", message, _FIX_HINT, field="tujie_font")
