"""Draw a 图解 as a tall PNG (1080 px wide) with Pillow.

Two passes: :func:`layout` walks the spec and records drawing operations with their
positions (so the final height is known before any pixel is allocated); :func:`render_png`
replays them onto an RGB canvas, maps it onto a palette built from the colours actually used
and writes an 8-bit PNG.

Why these choices:

* Palette PNG: a flat-design picture needs few colours; mapping onto a palette made of the
  theme colours plus anti-aliasing ramps between each text colour and its background is
  ~6 ms, keeps edges smooth, and the file is 3–4× smaller and 4× faster to compress than
  RGB — this is what keeps a cold render under 100 ms and WeChat shares small.
* Anti-aliased shapes: Pillow's ellipse/polygon are not anti-aliased, so circles, triangles
  and rounded corners are pasted through 4× supersampled masks cached per size.
* Determinism: fixed compress level, no PNG metadata, sorted palette, BASIC text layout
  (no HarfBuzz version dependency).  Same spec + same font + same Pillow ⇒ same bytes.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from functools import lru_cache

from PIL import Image, ImageDraw, ImageFont

from zwgk.core.tujie.fonts import FontSet
from zwgk.core.tujie.layout import break_balanced, break_lines
from zwgk.core.tujie.spec import (
    Block,
    CompareBlock,
    FiguresBlock,
    MeasuresBlock,
    QABlock,
    StepsBlock,
    TextBlock,
    TujieSpec,
)
from zwgk.core.tujie.theme import PALETTES, Palette, hex_to_rgb

#: Bump when the look changes: it is part of the render-cache key and of the golden digests.
RENDERER_VERSION = "tujie-render-1"

WIDTH = 1080
MARGIN = 64                      # outer margin, left/right
CONTENT = WIDTH - 2 * MARGIN     # 952
# Spacing scale: every gap below is one of these, which gives the page its rhythm.
S1, S2, S3, S4, S5, S6 = 8, 16, 24, 32, 48, 64

PNG_COMPRESS_LEVEL = 4           # zlib level: measured sweet spot of size vs. time

# Type scale (px) and line heights.
TITLE, TITLE_LH = 60, 1.4
SUBTITLE, SUBTITLE_LH = 32, 1.5
PILL = 26
HEADING, HEADING_LH = 38, 1.4
BODY, BODY_LH = 30, 1.7
SMALL, SMALL_LH = 28, 1.65
FIG_VALUE, FIG_UNIT = 84, 30

# Where the centre of the ideographic em box sits above the baseline, as a fraction of the
# font size (CJK fonts: ascender 0.88 em, descender 0.12 em).  Used to centre text in boxes.
_EM_CENTRE = 0.38

# The picture is 1080 px wide but read on phones ~390 CSS px wide, i.e. scaled by ~0.36.
# WCAG's "large text" (24 px, or 18.7 px bold) is judged on the *displayed* size, so in image
# pixels only ≥ 67 px (≥ 52 px bold) counts as large; everything else needs 4.5:1.
PHONE_SCALE = 390 / WIDTH


def is_large_text(size: int, bold: bool) -> bool:
    shown = size * PHONE_SCALE
    return shown >= 24 or (bold and shown >= 18.66)


Corners = tuple[bool, bool, bool, bool]  # top-left, top-right, bottom-right, bottom-left
ALL: Corners = (True, True, True, True)


@dataclass(frozen=True)
class TextOp:
    x: int
    y: int                       # baseline
    text: str
    font: ImageFont.FreeTypeFont
    fill: str
    bg: str                      # the colour behind the text (for contrast and palette)
    anchor: str                  # "ls" left-baseline, "ms" centre-baseline
    large: bool                  # WCAG "large text" as shown on a phone — see is_large_text
    stroke: int = 0              # faux bold when no bold face is installed


@dataclass(frozen=True)
class RectOp:
    box: tuple[int, int, int, int]   # x0, y0, x1, y1 (x1/y1 exclusive)
    fill: str
    radius: int = 0
    bg: str = ""                     # colour outside the rounded corners
    corners: Corners = ALL


@dataclass(frozen=True)
class CircleOp:
    x: int
    y: int
    d: int
    fill: str
    bg: str


@dataclass(frozen=True)
class ArrowOp:
    """Downward arrow: a shaft and an anti-aliased head, centred on ``cx``."""
    cx: int
    y0: int
    y1: int
    fill: str
    bg: str


Op = TextOp | RectOp | CircleOp | ArrowOp


@dataclass
class Layout:
    palette: Palette
    height: int = 0
    ops: list[Op] = field(default_factory=list)

    def text_ops(self) -> list[TextOp]:
        return [op for op in self.ops if isinstance(op, TextOp)]


class _Painter:
    def __init__(self, spec: TujieSpec, fonts: FontSet) -> None:
        self.spec = spec
        self.fonts = fonts
        self.p = PALETTES[spec.theme]
        self.out = Layout(palette=self.p)

    # -- primitives --------------------------------------------------------------------------

    def font(self, size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
        return self.fonts.get(size, bold)

    def rect(self, x0: int, y0: int, x1: int, y1: int, fill: str, radius: int = 0, bg: str = "",
             corners: Corners = ALL) -> None:
        self.out.ops.append(RectOp((x0, y0, x1, y1), fill, radius, bg, corners))

    def card(self, x0: int, y0: int, x1: int, y1: int, fill: str, radius: int = 16) -> None:
        """A card with a 2 px outline, on the page background."""
        self.rect(x0, y0, x1, y1, self.p.border)
        self.rect(x0 + 2, y0 + 2, x1 - 2, y1 - 2, fill, radius - 2, self.p.border)
        # Outer corners last: the inner rectangle must not paint over the rounded-off area.
        self.rect(x0, y0, x1, y1, "", radius, self.p.page)

    def lines(self, text: str, size: int, width: int, bold: bool = False) -> list[str]:
        return break_lines(text, self.font(size, bold), width)

    def text_lines(self, lines: list[str], x: int, top: int, size: int, lh: float, fill: str, bg: str,
                   *, bold: bool = False, center: bool = False) -> int:
        """Draw pre-broken lines in line boxes of ``size*lh`` px; returns the height used."""
        font = self.font(size, bold)
        step = round(size * lh)
        stroke = 1 if bold and not self.fonts.has_bold else 0
        for i, line in enumerate(lines):
            if not line:
                continue
            baseline = round(top + i * step + step / 2 + _EM_CENTRE * size)
            self.out.ops.append(TextOp(x, baseline, line, font, fill, bg, "ms" if center else "ls",
                                       large=is_large_text(size, bold), stroke=stroke))
        return step * len(lines)

    def para(self, text: str, x: int, top: int, width: int, size: int, lh: float, fill: str, bg: str,
             *, bold: bool = False, center: bool = False) -> int:
        # Centred text is balanced (no long line over a one-word stub).
        lines = (break_balanced(text, self.font(size, bold), width) if center
                 else self.lines(text, size, width, bold))
        cx = x + width // 2 if center else x
        return self.text_lines(lines, cx, top, size, lh, fill, bg, bold=bold, center=center)

    def para_height(self, text: str, width: int, size: int, lh: float, bold: bool = False) -> int:
        # Balancing never changes the line count, so the greedy count is the height.
        return round(size * lh) * len(self.lines(text, size, width, bold))

    def centred_label(self, text: str, cx: int, cy: int, size: int, fill: str, bg: str,
                      bold: bool = True) -> None:
        """Centre ``text`` on its ink box (digits and 问/答 sit exactly in their circles)."""
        font = self.font(size, bold)
        x0, y0, x1, y1 = font.getbbox(text, anchor="ls")
        self.out.ops.append(TextOp(round(cx - (x0 + x1) / 2), round(cy - (y0 + y1) / 2), text, font,
                                   fill, bg, "ls", large=is_large_text(size, bold),
                                   stroke=1 if bold and not self.fonts.has_bold else 0))

    # -- page --------------------------------------------------------------------------------

    def run(self) -> Layout:
        y = self.header()
        y += S5
        for i, block in enumerate(self.spec.blocks):
            if i:
                y += S5
            y = self.block(i, block, y)
        y += S6
        y = self.footer(y)
        self.out.height = y
        return self.out

    def header(self) -> int:
        p = self.p
        inner = CONTENT - 2 * S3
        # Centred lines read better balanced than greedy (no long line over a stub).
        title_lines = break_balanced(self.spec.title, self.font(TITLE, True), inner)
        sub_lines = (break_balanced(self.spec.subtitle, self.font(SUBTITLE), inner)
                     if self.spec.subtitle else [])
        pill_h = 48
        h = S6 + pill_h + S4 + round(TITLE * TITLE_LH) * len(title_lines)
        if sub_lines:
            h += S3 + round(SUBTITLE * SUBTITLE_LH) * len(sub_lines)
        h += S6
        self.rect(0, 0, WIDTH, h, p.primary)
        # Decorative circles hug the top corners, clear of the text column.
        self.out.ops.append(CircleOp(WIDTH - 190, -170, 360, p.header_decor, p.primary))
        self.out.ops.append(CircleOp(-70, -60, 180, p.header_decor, p.primary))
        self.rect(0, h, WIDTH, h + S1, p.accent)                    # gold strip under the band

        pill_text = "政策解读"
        pill_w = round(self.font(PILL, True).getlength(pill_text)) + 2 * S4
        px = (WIDTH - pill_w) // 2
        self.rect(px, S6, px + pill_w, S6 + pill_h, p.accent, pill_h // 2, p.primary)
        self.centred_label(pill_text, WIDTH // 2, S6 + pill_h // 2, PILL, p.on_accent, p.accent)

        y = S6 + pill_h + S4
        y += self.text_lines(title_lines, WIDTH // 2, y, TITLE, TITLE_LH, p.on_primary, p.primary,
                             bold=True, center=True)
        if sub_lines:
            y += S3
            y += self.text_lines(sub_lines, WIDTH // 2, y, SUBTITLE, SUBTITLE_LH, p.on_primary_soft,
                                 p.primary, center=True)
        return h + S1

    def heading_bar(self, index: int, heading: str, y: int) -> int:
        p = self.p
        num_w = 88
        text_x = MARGIN + num_w + S3
        lines = self.lines(heading, HEADING, WIDTH - MARGIN - S3 - text_x, bold=True)
        h = max(80, round(HEADING * HEADING_LH) * len(lines) + 2 * S2)
        self.rect(MARGIN, y, WIDTH - MARGIN, y + h, p.primary, 12, p.page)
        self.rect(MARGIN, y, MARGIN + num_w, y + h, p.primary_dark, 12, p.page,
                  corners=(True, False, False, True))
        self.centred_label(f"{index + 1:02d}", MARGIN + num_w // 2, y + h // 2, 36, p.accent,
                           p.primary_dark)
        text_h = round(HEADING * HEADING_LH) * len(lines)
        self.text_lines(lines, text_x, y + (h - text_h) // 2, HEADING, HEADING_LH, p.on_primary,
                        p.primary, bold=True)
        return y + h

    def block(self, index: int, block: Block, y: int) -> int:
        y = self.heading_bar(index, block.heading, y) + S3
        if isinstance(block, FiguresBlock):
            return self.figures(block, y)
        if isinstance(block, StepsBlock):
            return self.steps(block, y)
        if isinstance(block, CompareBlock):
            return self.compare(block, y)
        if isinstance(block, MeasuresBlock):
            return self.measures(block, y)
        if isinstance(block, QABlock):
            return self.qa(block, y)
        return self.text_block(block, y)

    # -- blocks ------------------------------------------------------------------------------

    def figures(self, block: FiguresBlock, y: int) -> int:
        p = self.p
        n = len(block.items)
        cols = {1: 1, 2: 2, 3: 3, 4: 2}.get(n, 3)
        gap = S3
        cell_w = (CONTENT - gap * (cols - 1)) // cols
        pad = S3
        inner = cell_w - 2 * pad
        rows = [block.items[i:i + cols] for i in range(0, n, cols)]
        for r, row in enumerate(rows):
            if r:
                y += gap
            # Shrink the number only when it does not fit its cell (long values such as 1000万).
            sizes = [self.fit_figure(fig.value, fig.unit, inner) for fig in row]
            value_h = round(FIG_VALUE * 1.25)
            label_h = max(self.para_height(f.label, inner, SMALL, 1.5) for f in row)
            cell_h = pad + value_h + S1 + label_h + pad
            row_w = len(row) * cell_w + (len(row) - 1) * gap
            x = MARGIN + (CONTENT - row_w) // 2          # a short last row is centred
            for fig, (size, usize) in zip(row, sizes, strict=True):
                self.rect(x, y, x + cell_w, y + cell_h, p.tint, 16, p.page)
                vfont = self.font(size, True)
                ufont = self.font(usize, True)
                vw = vfont.getlength(fig.value)
                uw = ufont.getlength(fig.unit) + S1 if fig.unit else 0
                start = round(x + (cell_w - vw - uw) / 2)
                baseline = y + pad + round(value_h / 2 + _EM_CENTRE * FIG_VALUE)
                stroke = 0 if self.fonts.has_bold else 1
                self.out.ops.append(TextOp(start, baseline, fig.value, vfont, p.primary, p.tint, "ls",
                                           large=is_large_text(size, True), stroke=stroke))
                if fig.unit:
                    self.out.ops.append(TextOp(round(start + vw + S1), baseline, fig.unit, ufont,
                                               p.primary, p.tint, "ls", large=is_large_text(usize, True),
                                               stroke=stroke))
                self.para(fig.label, x + pad, y + pad + value_h + S1, inner, SMALL, 1.5, p.text, p.tint,
                          center=True)
                x += cell_w + gap
            y += cell_h
        return y

    def fit_figure(self, value: str, unit: str, width: int) -> tuple[int, int]:
        """(value size, unit size): the largest that fit ``width`` on one line; the unit
        shrinks along with the value once the value is small."""
        size = FIG_VALUE
        while True:
            usize = min(FIG_UNIT, max(14, round(size * 0.4)))
            total = self.font(size, True).getlength(value)
            if unit:
                total += S1 + self.font(usize, True).getlength(unit)
            if total <= width or size <= 12:
                return size, usize
            size -= 2

    def steps(self, block: StepsBlock, y: int) -> int:
        p = self.p
        pad = S3
        d = 60
        text_x = MARGIN + pad + d + S3
        text_w = WIDTH - MARGIN - pad - text_x
        arrow_gap = 44
        for i, step in enumerate(block.steps):
            if i:
                cx = MARGIN + pad + d // 2
                self.out.ops.append(ArrowOp(cx, y + 6, y + arrow_gap - 6, p.primary, p.page))
                y += arrow_gap
            title_lines = self.lines(step.title, 32, text_w, bold=True)
            text_lines = self.lines(step.text, SMALL, text_w) if step.text else []
            title_h = round(32 * 1.5) * len(title_lines)
            text_h = round(SMALL * SMALL_LH) * len(text_lines)
            content_h = title_h + (S1 + text_h if text_lines else 0)
            h = max(d, content_h) + 2 * pad
            self.rect(MARGIN, y, WIDTH - MARGIN, y + h, p.tint, 16, p.page)
            self.out.ops.append(CircleOp(MARGIN + pad, y + pad, d, p.primary, p.tint))
            self.centred_label(str(i + 1), MARGIN + pad + d // 2, y + pad + d // 2, 32, p.on_primary,
                               p.primary)
            # Vertically centre a short step beside its circle; longer ones start at the top.
            top = y + pad + max(0, (d - content_h) // 2)
            top += self.text_lines(title_lines, text_x, top, 32, 1.5, p.text, p.tint, bold=True)
            if text_lines:
                self.text_lines(text_lines, text_x, top + S1, SMALL, SMALL_LH, p.muted, p.tint)
            y += h
        return y

    def compare(self, block: CompareBlock, y: int) -> int:
        p = self.p
        aspect_w = 200
        line = 2
        col_w = (CONTENT - aspect_w - 2 * line) // 2
        xs = (MARGIN, MARGIN + aspect_w + line, MARGIN + aspect_w + line + col_w + line)
        widths = (aspect_w, col_w, CONTENT - aspect_w - col_w - 2 * line)
        pad_x, pad_y = 20, 18
        top = y
        head_h = round(30 * 1.5) + 2 * pad_y
        self.rect(MARGIN, y, WIDTH - MARGIN, y + head_h, p.border)
        for x, w, label, bg in zip(xs, widths, ("对比项", "原政策", "新政策"),
                                   (p.primary_dark, p.old_header, p.primary), strict=True):
            self.rect(x, y, x + w, y + head_h, bg)
            self.text_lines([label], x + w // 2, y + pad_y, 30, 1.5, p.on_primary, bg, bold=True,
                            center=True)
        y += head_h
        for r, row in enumerate(block.rows):
            bg = p.card if r % 2 == 0 else p.row_alt
            cells = (
                self.lines(row.aspect, SMALL, aspect_w - 2 * pad_x, bold=True),
                self.lines(row.old, SMALL, widths[1] - 2 * pad_x),
                self.lines(row.new, SMALL, widths[2] - 2 * pad_x),
            )
            h = max(len(c) for c in cells) * round(SMALL * SMALL_LH) + 2 * pad_y
            self.rect(MARGIN, y, WIDTH - MARGIN, y + h + line, p.border)  # grid lines show through
            for i, (x, w, lines) in enumerate(zip(xs, widths, cells, strict=True)):
                self.rect(x, y + line, x + w, y + h + line, bg)
                fill = p.muted if i == 1 else p.text
                self.text_lines(lines, x + pad_x, y + line + pad_y, SMALL, SMALL_LH, fill, bg, bold=i == 0)
            y += h + line
        self.rect(MARGIN, y, WIDTH - MARGIN, y + line, p.border)
        y += line
        # Round the table's outer corners by painting the page colour outside them.
        self.rect(MARGIN, top, WIDTH - MARGIN, y, "", 14, p.page)
        return y

    def measures(self, block: MeasuresBlock, y: int) -> int:
        p = self.p
        pad = S3
        dot = 14
        text_x = MARGIN + pad + dot + S2
        text_w = WIDTH - MARGIN - pad - text_x
        for i, item in enumerate(block.items):
            if i:
                y += S2
            lines = self.lines(item, BODY, text_w)
            h = len(lines) * round(BODY * BODY_LH) + 2 * pad
            self.card(MARGIN, y, WIDTH - MARGIN, y + h, p.card, 14)
            first_centre = y + pad + round(BODY * BODY_LH) // 2
            self.out.ops.append(CircleOp(MARGIN + pad, first_centre - dot // 2, dot, p.primary, p.card))
            self.text_lines(lines, text_x, y + pad, BODY, BODY_LH, p.text, p.card)
            y += h
        return y

    def qa(self, block: QABlock, y: int) -> int:
        p = self.p
        pad = S4
        d = 48
        text_x = MARGIN + pad + d + S2
        text_w = WIDTH - MARGIN - pad - text_x
        for i, item in enumerate(block.items):
            if i:
                y += S3
            q_lines = self.lines(item.q, BODY, text_w, bold=True)
            a_lines = self.lines(item.a, SMALL, text_w)
            q_h = max(d, len(q_lines) * round(BODY * 1.5))
            a_h = max(d, len(a_lines) * round(SMALL * SMALL_LH))
            h = pad + q_h + S3 + a_h + pad
            self.card(MARGIN, y, WIDTH - MARGIN, y + h, p.card, 16)
            top = y + pad
            self.out.ops.append(CircleOp(MARGIN + pad, top, d, p.primary, p.card))
            self.centred_label("问", MARGIN + pad + d // 2, top + d // 2, 26, p.on_primary, p.primary)
            q_top = top + max(0, (d - len(q_lines) * round(BODY * 1.5)) // 2)
            self.text_lines(q_lines, text_x, q_top, BODY, 1.5, p.text, p.card, bold=True)
            top += q_h + S3
            self.out.ops.append(CircleOp(MARGIN + pad, top, d, p.accent, p.card))
            self.centred_label("答", MARGIN + pad + d // 2, top + d // 2, 26, p.on_accent, p.accent)
            a_top = top + max(0, (d - len(a_lines) * round(SMALL * SMALL_LH)) // 2)
            self.text_lines(a_lines, text_x, a_top, SMALL, SMALL_LH, p.text, p.card)
            y += h
        return y

    def text_block(self, block: TextBlock, y: int) -> int:
        p = self.p
        pad = S4
        width = CONTENT - 2 * pad
        paragraphs = [para for para in block.text.split("\n") if para]
        heights = [self.para_height(para, width, BODY, 1.75) for para in paragraphs]
        h = 2 * pad + sum(heights) + S2 * (len(paragraphs) - 1)
        self.card(MARGIN, y, WIDTH - MARGIN, y + h, p.card, 16)
        top = y + pad
        for para, ph in zip(paragraphs, heights, strict=True):
            self.para(para, MARGIN + pad, top, width, BODY, 1.75, p.text, p.card)
            top += ph + S2
        return y + h

    def footer(self, y: int) -> int:
        p = self.p
        self.rect(0, y, WIDTH, y + S1, p.accent)
        y += S1
        office_lines = self.lines(self.spec.footer.office, 32, CONTENT, bold=True)
        h = S5 + round(32 * 1.5) * len(office_lines) + S1 + round(28 * 1.5) + S5
        self.rect(0, y, WIDTH, y + h, p.primary_dark)
        top = y + S5
        top += self.text_lines(office_lines, WIDTH // 2, top, 32, 1.5, p.on_primary, p.primary_dark,
                               bold=True, center=True)
        self.text_lines([self.spec.footer.date_text], WIDTH // 2, top + S1, 28, 1.5, p.on_primary_soft,
                        p.primary_dark, center=True)
        return y + h


def layout(spec: TujieSpec, font: FontSet) -> Layout:
    """Compute every drawing operation and the final height (no pixels yet)."""
    return _Painter(spec, font).run()


# ---------------------------------------------------------------------------------------------
# rasterising

_SS = 4  # supersampling factor for anti-aliased masks


@lru_cache(maxsize=64)
def _circle_mask(d: int) -> Image.Image:
    big = Image.new("L", (d * _SS, d * _SS), 0)
    ImageDraw.Draw(big).ellipse((0, 0, d * _SS - 1, d * _SS - 1), fill=255)
    return big.resize((d, d), Image.Resampling.BOX)


@lru_cache(maxsize=64)
def _outside_corner_masks(r: int) -> tuple[Image.Image, Image.Image, Image.Image, Image.Image]:
    """Masks covering the area *outside* a quarter circle, for tl, tr, br, bl corners."""
    inv = Image.eval(_circle_mask(2 * r), lambda v: 255 - v)
    return (inv.crop((0, 0, r, r)), inv.crop((r, 0, 2 * r, r)),
            inv.crop((r, r, 2 * r, 2 * r)), inv.crop((0, r, r, 2 * r)))


@lru_cache(maxsize=16)
def _arrow_head_mask(w: int, h: int) -> Image.Image:
    big = Image.new("L", (w * _SS, h * _SS), 0)
    ImageDraw.Draw(big).polygon([(0, 0), (w * _SS, 0), (w * _SS / 2, h * _SS)], fill=255)
    return big.resize((w, h), Image.Resampling.BOX)


def _rgb(color: str) -> tuple[int, int, int]:
    return hex_to_rgb(color)


def _paint(img: Image.Image, lay: Layout) -> None:
    draw = ImageDraw.Draw(img)
    for op in lay.ops:
        if isinstance(op, TextOp):
            draw.text((op.x, op.y), op.text, font=op.font, fill=_rgb(op.fill), anchor=op.anchor,
                      stroke_width=op.stroke, stroke_fill=_rgb(op.fill) if op.stroke else None)
        elif isinstance(op, RectOp):
            x0, y0, x1, y1 = op.box
            if op.fill:
                draw.rectangle((x0, y0, x1 - 1, y1 - 1), fill=_rgb(op.fill))
            r = min(op.radius, (x1 - x0) // 2, (y1 - y0) // 2)
            if r > 0 and op.bg:
                masks = _outside_corner_masks(r)
                spots = ((x0, y0), (x1 - r, y0), (x1 - r, y1 - r), (x0, y1 - r))
                bg = _rgb(op.bg)
                for on, mask, (cx, cy) in zip(op.corners, masks, spots, strict=True):
                    if on:
                        img.paste(bg, (cx, cy, cx + r, cy + r), mask)
        elif isinstance(op, CircleOp):
            img.paste(_rgb(op.fill), (op.x, op.y, op.x + op.d, op.y + op.d), _circle_mask(op.d))
        else:
            head_w, head_h, shaft = 26, 16, 4
            draw.rectangle((op.cx - shaft // 2, op.y0, op.cx + shaft // 2 - 1, op.y1 - head_h),
                           fill=_rgb(op.fill))
            hx = op.cx - head_w // 2
            img.paste(_rgb(op.fill), (hx, op.y1 - head_h, hx + head_w, op.y1),
                      _arrow_head_mask(head_w, head_h))


def _palette_image(lay: Layout) -> Image.Image:
    """Palette = every solid colour used + ramps between each (foreground, background) pair,
    so anti-aliased edges map onto smooth in-between shades."""
    solids: set[str] = {lay.palette.page}
    pairs: set[tuple[str, str]] = set()
    for op in lay.ops:
        fill = op.fill
        bg = getattr(op, "bg", "")
        if fill:
            solids.add(fill.upper())
        if bg:
            solids.add(bg.upper())
        if fill and bg and fill.upper() != bg.upper():
            a, b = sorted((fill.upper(), bg.upper()))
            pairs.add((a, b))
    colours = [_rgb(c) for c in sorted(solids)]
    ordered_pairs = sorted(pairs)
    room = 256 - len(colours)
    steps = max(2, min(32, room // max(1, len(ordered_pairs)) + 1))
    for a, b in ordered_pairs:
        ra, rb = _rgb(a), _rgb(b)
        for k in range(1, steps):
            t = k / steps
            c = (round(ra[0] + (rb[0] - ra[0]) * t), round(ra[1] + (rb[1] - ra[1]) * t),
                 round(ra[2] + (rb[2] - ra[2]) * t))
            if len(colours) < 256 and c not in colours:
                colours.append(c)
    flat = [v for c in colours for v in c]
    flat += flat[-3:] * (256 - len(colours))
    pal = Image.new("P", (1, 1))
    pal.putpalette(flat)
    return pal


def render_image(spec: TujieSpec, font: FontSet) -> Image.Image:
    """The finished picture as an 8-bit palette image (for callers that post-process)."""
    lay = layout(spec, font)
    img = Image.new("RGB", (WIDTH, lay.height), _rgb(lay.palette.page))
    _paint(img, lay)
    return img.quantize(palette=_palette_image(lay), dither=Image.Dither.NONE)


def render_png(spec: TujieSpec, font: FontSet) -> bytes:
    """Deterministic PNG bytes: no timestamps or text chunks, fixed compression."""
    img = render_image(spec, font)
    buf = io.BytesIO()
    img.save(buf, format="PNG", compress_level=PNG_COMPRESS_LEVEL, optimize=False)
    return buf.getvalue()
