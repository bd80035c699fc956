"""Palettes (government red / blue) and the WCAG contrast maths that keeps them legible."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Palette:
    name: str
    page: str             # page background around the cards
    card: str             # card background
    border: str           # card outlines, table grid
    primary: str          # heading bars, step circles, figure numbers, 新政策 header
    primary_dark: str     # block number boxes, footer band
    header_decor: str     # decorative circles in the header band (close to primary)
    accent: str           # gold: header pill, 答 badge, thin strips
    on_accent: str        # text on gold
    tint: str             # figure cells, step boxes
    row_alt: str          # alternate table rows
    text: str             # body text
    muted: str            # secondary text (原政策, step details)
    on_primary: str       # text on primary / primary_dark
    on_primary_soft: str  # subtitle / date on the coloured bands
    old_header: str       # 原政策 column header (neutral slate, so 新政策 stands out)


PALETTES: dict[str, Palette] = {
    "red": Palette(
        name="red",
        page="#FFF8F1", card="#FFFFFF", border="#F0D9CF",
        primary="#B71C1C", primary_dark="#8C1414", header_decor="#C22A22",
        accent="#F4C04E", on_accent="#5E0D0D",
        tint="#FDEDE8", row_alt="#FFF3EE",
        text="#222222", muted="#545454",
        on_primary="#FFFFFF", on_primary_soft="#FFE3CC", old_header="#5B6770",
    ),
    "blue": Palette(
        name="blue",
        page="#F3F7FC", card="#FFFFFF", border="#D3E0F1",
        primary="#0E4DA4", primary_dark="#0A3272", header_decor="#1A58AE",
        accent="#F4C04E", on_accent="#3A2A00",
        tint="#E8F0FB", row_alt="#F1F6FD",
        text="#1F2430", muted="#4D5766",
        on_primary="#FFFFFF", on_primary_soft="#DCE8FA", old_header="#5B6770",
    ),
}


def hex_to_rgb(color: str) -> tuple[int, int, int]:
    c = color.lstrip("#")
    return int(c[0:2], 16), int(c[2:4], 16), int(c[4:6], 16)


def relative_luminance(color: str) -> float:
    """WCAG 2.x relative luminance of an sRGB colour."""
    def channel(v: int) -> float:
        s = v / 255
        return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = hex_to_rgb(color)
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast_ratio(a: str, b: str) -> float:
    la, lb = relative_luminance(a), relative_luminance(b)
    hi, lo = max(la, lb), min(la, lb)
    return (hi + 0.05) / (lo + 0.05)


#: WCAG AA thresholds: body text 4.5:1, large text (≥ 24 px, or ≥ 18.7 px bold) 3:1.
AA_BODY = 4.5
AA_LARGE = 3.0
