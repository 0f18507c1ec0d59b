"""Drawings of the demo territory, made with Pillow so the demo needs no binary files.

Each picture is a few flat shapes (sky, sea, buildings) in 800 x 500 pixels, saved as PNG and
then uploaded through ``community.services.image_upload`` like any resident's image. Their
titles, authors and licences are in ``demo/chronologie.yaml``, which names a drawing by its
key in :data:`PAINTERS`.
"""

from __future__ import annotations

import io
import math
import random
from collections.abc import Callable
from dataclasses import dataclass

from PIL import Image, ImageDraw

WIDTH, HEIGHT = 800, 500
Colour = tuple[int, int, int]
Painter = Callable[[ImageDraw.ImageDraw], None]


@dataclass(frozen=True)
class DemoImage:
    key: str
    title: str
    author: str  # username of the resident who signs it
    licence: str
    paint: Painter

    def render_png(self) -> bytes:
        image = Image.new("RGB", (WIDTH, HEIGHT), (255, 255, 255))
        self.paint(ImageDraw.Draw(image, "RGBA"))
        buffer = io.BytesIO()
        image.save(buffer, format="PNG", optimize=True)
        return buffer.getvalue()


# --- Shared scenery ------------------------------------------------------------------------


def _gradient(draw: ImageDraw.ImageDraw, top: Colour, bottom: Colour, y0: int, y1: int) -> None:
    for y in range(y0, y1):
        ratio = (y - y0) / max(1, y1 - y0 - 1)
        colour = tuple(round(a + (b - a) * ratio) for a, b in zip(top, bottom, strict=True))
        draw.line([(0, y), (WIDTH, y)], fill=colour)


def _wave_band(
    draw: ImageDraw.ImageDraw,
    *,
    base: int,
    amplitude: float,
    length: float,
    phase: float,
    fill: Colour | tuple[int, int, int, int],
) -> None:
    """A band of sea from a sine-shaped top edge down to the bottom of the picture."""
    points = [
        (x, base + amplitude * math.sin(2 * math.pi * x / length + phase))
        for x in range(0, WIDTH + 10, 10)
    ]
    draw.polygon([*points, (WIDTH, HEIGHT), (0, HEIGHT)], fill=fill)


def _sea(draw: ImageDraw.ImageDraw, *, horizon: int, colours: list[Colour], seed: int) -> None:
    rng = random.Random(seed)
    step = (HEIGHT - horizon) / len(colours)
    for index, colour in enumerate(colours):
        _wave_band(
            draw,
            base=round(horizon + index * step),
            amplitude=3 + index * 2,
            length=rng.uniform(120, 220),
            phase=rng.uniform(0, math.tau),
            fill=colour,
        )


def _birds(draw: ImageDraw.ImageDraw, positions: list[tuple[int, int]], colour: Colour) -> None:
    for x, y in positions:
        draw.line([(x - 12, y - 5), (x, y), (x + 12, y - 5)], fill=colour, width=3)


# --- The pictures --------------------------------------------------------------------------


def paint_lighthouse(draw: ImageDraw.ImageDraw) -> None:
    _gradient(draw, (58, 46, 110), (246, 160, 92), 0, 330)
    _sea(draw, horizon=320, colours=[(33, 64, 112), (27, 52, 96), (20, 40, 78)], seed=1)
    # Rocks under the tower.
    draw.polygon([(430, 360), (470, 300), (560, 285), (640, 310), (690, 370)], fill=(58, 58, 64))
    draw.polygon([(470, 330), (520, 300), (600, 305), (560, 350)], fill=(80, 80, 88))
    # Light beams, drawn before the lantern so it sits on top.
    draw.polygon([(560, 92), (60, 20), (60, 120)], fill=(255, 240, 170, 90))
    draw.polygon([(560, 92), (800, 50), (800, 130)], fill=(255, 240, 170, 70))
    # The tower: a tapering white shaft with two red bands.
    draw.polygon([(530, 300), (545, 110), (575, 110), (590, 300)], fill=(245, 245, 240))
    for top in (150, 230):
        left = 545 - (top - 110) * 15 / 190
        right = 575 + (top - 110) * 15 / 190
        draw.polygon(
            [(left, top), (right, top), (right + 3, top + 28), (left - 3, top + 28)],
            fill=(196, 38, 46),
        )
    draw.rectangle([538, 102, 582, 112], fill=(40, 40, 40))
    draw.rectangle([546, 78, 574, 102], fill=(255, 226, 110))
    draw.polygon([(542, 78), (560, 58), (578, 78)], fill=(40, 40, 40))
    draw.rectangle([552, 262, 568, 298], fill=(70, 60, 55))
    _birds(draw, [(200, 150), (240, 175), (300, 140)], (40, 30, 60))


def paint_boat(draw: ImageDraw.ImageDraw) -> None:
    _gradient(draw, (120, 180, 230), (210, 232, 245), 0, 300)
    draw.ellipse([620, 50, 700, 130], fill=(255, 215, 90))
    draw.polygon([(0, 300), (140, 250), (260, 290), (0, 300)], fill=(92, 130, 90))
    _sea(draw, horizon=290, colours=[(46, 120, 170), (38, 104, 152), (30, 88, 134)], seed=2)
    # A trawler: blue hull, white wheelhouse, mast with a red flag.
    draw.polygon([(220, 330), (600, 330), (560, 395), (260, 395)], fill=(30, 70, 140))
    draw.rectangle([220, 322, 600, 334], fill=(200, 40, 40))
    draw.rectangle([420, 262, 520, 330], fill=(245, 245, 240))
    for x in (432, 462, 492):
        draw.rectangle([x, 274, x + 20, 292], fill=(120, 170, 210))
    draw.line([(330, 330), (330, 170)], fill=(90, 60, 40), width=6)
    draw.line([(330, 190), (430, 262)], fill=(90, 60, 40), width=2)
    draw.polygon([(333, 172), (375, 182), (333, 194)], fill=(210, 40, 40))
    # Its reflection, broken by the ripples.
    for y in range(400, 470, 12):
        draw.line([(270 + (y % 24), y), (540 - (y % 24), y)], fill=(20, 60, 120), width=4)
    _birds(draw, [(120, 100), (170, 80), (520, 140)], (60, 60, 70))


def paint_storm(draw: ImageDraw.ImageDraw) -> None:
    _gradient(draw, (50, 54, 62), (120, 126, 134), 0, 280)
    rng = random.Random(1953)
    for _index in range(140):
        x, y = rng.randrange(0, WIDTH), rng.randrange(0, 320)
        draw.line([(x, y), (x - 8, y + 22)], fill=(200, 205, 215, 110), width=1)
    # Rolling waves with white crests on their tops; the jetty stands between them.
    colours = [(40, 66, 86), (34, 58, 76), (28, 48, 64), (22, 40, 54)]
    for index, colour in enumerate(colours):
        if index == 2:
            draw.polygon([(560, 330), (800, 300), (800, 380), (560, 380)], fill=(70, 70, 74))
            draw.rectangle([700, 210, 722, 305], fill=(230, 230, 225))
            draw.rectangle([700, 210, 722, 226], fill=(40, 130, 70))
        base = 250 + index * 55
        amplitude = 26 - index * 3
        phase = index * 1.3
        _wave_band(draw, base=base, amplitude=amplitude, length=260, phase=phase, fill=colour)
        first_crest = (260 * (0.75 - phase / math.tau)) % 260
        for crest_x in range(round(first_crest) - 260, WIDTH + 260, 260):
            foam = [
                (x, base + amplitude * math.sin(2 * math.pi * x / 260 + phase))
                for x in range(crest_x - 60, crest_x + 61, 6)
            ]
            draw.line(foam, fill=(235, 240, 245, 210), width=7, joint="curve")
    # Spray against the jetty.
    for _index in range(40):
        x, y = rng.randrange(540, 640), rng.randrange(200, 330)
        radius = rng.randrange(3, 10)
        draw.ellipse([x - radius, y - radius, x + radius, y + radius], fill=(240, 244, 248, 170))


def paint_washhouse(draw: ImageDraw.ImageDraw) -> None:
    _gradient(draw, (160, 205, 235), (225, 240, 248), 0, 260)
    draw.rectangle([0, 260, WIDTH, HEIGHT], fill=(96, 150, 80))
    # Trees behind.
    for x, radius in ((90, 70), (180, 55), (690, 80)):
        draw.rectangle([x - 8, 200, x + 8, 280], fill=(90, 65, 45))
        draw.ellipse([x - radius, 200 - 2 * radius, x + radius, 220], fill=(50, 110, 60))
    # The washhouse: granite walls, slate roof open on the front, the basin in front.
    draw.rectangle([250, 200, 560, 330], fill=(170, 165, 155))
    for y in range(210, 330, 20):
        offset = 0 if (y // 20) % 2 else 20
        for x in range(250 + offset, 560, 40):
            draw.rectangle([x, y, min(x + 38, 559), y + 18], outline=(140, 135, 125))
    draw.polygon([(230, 205), (405, 120), (580, 205)], fill=(62, 70, 88))
    draw.rectangle([290, 240, 520, 330], fill=(70, 62, 55))
    for x in (300, 380, 460):
        draw.rectangle([x, 240, x + 10, 330], fill=(120, 95, 70))
    draw.rectangle([220, 330, 590, 400], fill=(150, 145, 138))
    draw.rectangle([235, 340, 575, 392], fill=(80, 140, 180))
    for x in range(250, 570, 30):
        draw.arc([x, 350, x + 30, 370], 200, 340, fill=(170, 210, 230), width=2)
    # Linen drying on a line.
    draw.line([(600, 230), (780, 250)], fill=(80, 80, 80), width=2)
    for x, colour in ((620, (245, 245, 245)), (670, (200, 220, 240)), (720, (240, 210, 210))):
        y = 232 + (x - 600) // 9
        draw.rectangle([x, y, x + 34, y + 46], fill=colour)


def paint_cannery(draw: ImageDraw.ImageDraw) -> None:
    _gradient(draw, (200, 196, 186), (236, 230, 214), 0, 380)
    # Smoke from the chimney.
    for index in range(9):
        x, y = 250 + index * 38, 90 - index * 7
        radius = 22 + index * 4
        draw.ellipse([x - radius, y - radius, x + radius, y + radius], fill=(150, 150, 150, 120))
    draw.rectangle([215, 100, 245, 300], fill=(150, 70, 50))
    draw.rectangle([211, 96, 249, 108], fill=(110, 50, 36))
    # Brick sheds with a saw-tooth roof.
    draw.rectangle([120, 220, 700, 380], fill=(176, 86, 60))
    for x in range(120, 700, 116):
        draw.polygon([(x, 220), (x + 116, 220), (x + 116, 170)], fill=(80, 84, 96))
        draw.polygon([(x + 100, 220), (x + 116, 220), (x + 116, 174)], fill=(200, 225, 235))
    for x in range(150, 680, 70):
        draw.rectangle([x, 260, x + 40, 310], fill=(230, 225, 200))
        draw.line([(x + 20, 260), (x + 20, 310)], fill=(120, 60, 40), width=2)
    draw.rectangle([370, 320, 450, 380], fill=(90, 60, 40))
    draw.rectangle([260, 232, 560, 252], fill=(240, 232, 205))
    # The quay in front.
    draw.rectangle([0, 380, WIDTH, 420], fill=(140, 136, 128))
    _sea(draw, horizon=420, colours=[(60, 110, 140), (50, 96, 126)], seed=5)


def paint_chapel(draw: ImageDraw.ImageDraw) -> None:
    _gradient(draw, (130, 170, 215), (238, 226, 200), 0, 320)
    hills = [(0, 320), (260, 250), (520, 300), (800, 240), (800, 500), (0, 500)]
    draw.polygon(hills, fill=(116, 150, 84))
    draw.polygon([(330, 500), (400, 360), (430, 360), (470, 500)], fill=(214, 196, 160))
    # Nave, porch and the open bell tower (clocher à jour), in granite.
    draw.rectangle([280, 250, 560, 360], fill=(176, 170, 158))
    draw.polygon([(270, 255), (420, 185), (570, 255)], fill=(70, 76, 92))
    draw.rectangle([390, 120, 450, 250], fill=(168, 162, 150))
    draw.rectangle([400, 140, 440, 180], fill=(60, 60, 66))
    draw.ellipse([410, 148, 430, 168], fill=(200, 170, 70))
    draw.polygon([(384, 122), (420, 40), (456, 122)], fill=(150, 146, 136))
    draw.line([(420, 40), (420, 18)], fill=(60, 60, 60), width=4)
    draw.line([(410, 27), (430, 27)], fill=(60, 60, 60), width=4)
    draw.pieslice([395, 290, 445, 340], 180, 360, fill=(90, 60, 40))
    draw.rectangle([395, 315, 445, 360], fill=(90, 60, 40))
    for x in (310, 500):
        draw.pieslice([x, 280, x + 30, 310], 180, 360, fill=(90, 110, 150))
        draw.rectangle([x, 295, x + 30, 330], fill=(90, 110, 150))
    # Crosses of the small sailors' cemetery.
    for x, y in ((610, 380), (660, 395), (710, 378), (640, 430), (700, 440)):
        draw.line([(x, y), (x, y - 34)], fill=(90, 90, 96), width=5)
        draw.line([(x - 11, y - 24), (x + 11, y - 24)], fill=(90, 90, 96), width=5)
    _birds(draw, [(160, 90), (200, 70)], (60, 60, 70))


# The drawings a line ``dessin:`` of ``demo/chronologie.yaml`` can name.
PAINTERS: dict[str, Painter] = {
    "phare": paint_lighthouse,
    "chalutier": paint_boat,
    "tempête": paint_storm,
    "lavoir": paint_washhouse,
    "conserverie": paint_cannery,
    "chapelle": paint_chapel,
}
