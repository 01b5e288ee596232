"""Draw the demo consultations' images: SVG in Tribune's palette, rendered to 1600×900 JPEG by chromium.

Run from the repository root: `.venv/bin/python consultations/demo/images/draw.py` (needs /usr/bin/chromium,
or CHROMIUM_PATH). It rewrites the .svg and .jpg files beside it. Not imported by the site.
"""

import io
import os
from pathlib import Path

from PIL import Image
from playwright.sync_api import sync_playwright

HERE = Path(__file__).resolve().parent
WIDTH, HEIGHT = 1600, 900

INK = "#1d1640"
BRAND = "#5433d6"
BRAND_STRONG = "#27186b"
CORAL = "#ff6b57"
YELLOW = "#ffcf33"
PAPER = "#fffdf9"
SURFACE = "#f5f1ff"
SURFACE_STRONG = "#e7e0fb"
LILAC = "#d6cbf7"
TEAL = "#1f8a70"
TEAL_LIGHT = "#3fb893"
MINT = "#c6eedf"
CORAL_TINT = "#ffd8cf"
SKINS = ["#8d5524", "#f1c27d", "#c68642", "#e0ac69", "#5c3a21"]


def svg(body):
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}">\n'
        "<!-- Drawn for Tribune's demo content, CC0 (public domain). -->\n"
        f"{body}\n</svg>\n"
    )


def tree(x, ground, size=1.0, crown=TEAL):
    r = 70 * size
    return (
        f'<rect x="{x - 9 * size}" y="{ground - 150 * size}" width="{18 * size}" height="{150 * size}" rx="{8 * size}" fill="{BRAND_STRONG}"/>'
        f'<circle cx="{x}" cy="{ground - 190 * size}" r="{r}" fill="{crown}"/>'
        f'<circle cx="{x - 45 * size}" cy="{ground - 150 * size}" r="{r * 0.7}" fill="{crown}"/>'
        f'<circle cx="{x + 48 * size}" cy="{ground - 155 * size}" r="{r * 0.72}" fill="{crown}"/>'
        f'<circle cx="{x - 20 * size}" cy="{ground - 215 * size}" r="{r * 0.35}" fill="{TEAL_LIGHT}" opacity="0.7"/>'
    )


def person(x, ground, skin, top, legs, hair, left_hand, right_hand, hair_style="short"):
    """A standing teenager, feet on ``ground``; hands at the given points."""
    head_y = ground - 265
    shoulder_y = ground - 215
    parts = [
        # legs and shoes
        f'<rect x="{x - 34}" y="{ground - 120}" width="30" height="112" rx="12" fill="{legs}"/>',
        f'<rect x="{x + 4}" y="{ground - 120}" width="30" height="112" rx="12" fill="{legs}"/>',
        f'<ellipse cx="{x - 22}" cy="{ground - 6}" rx="26" ry="11" fill="{INK}"/>',
        f'<ellipse cx="{x + 22}" cy="{ground - 6}" rx="26" ry="11" fill="{INK}"/>',
        # arms behind the body's edge
        f'<path d="M{x - 36} {shoulder_y + 12} L{left_hand[0]} {left_hand[1]}" stroke="{top}" stroke-width="26" stroke-linecap="round"/>',
        f'<path d="M{x + 36} {shoulder_y + 12} L{right_hand[0]} {right_hand[1]}" stroke="{top}" stroke-width="26" stroke-linecap="round"/>',
        f'<circle cx="{left_hand[0]}" cy="{left_hand[1]}" r="13" fill="{skin}"/>',
        f'<circle cx="{right_hand[0]}" cy="{right_hand[1]}" r="13" fill="{skin}"/>',
        # hoodie
        f'<path d="M{x - 50} {ground - 100} L{x - 46} {shoulder_y + 14} Q{x - 44} {shoulder_y - 8} {x - 20} {shoulder_y - 10} '
        f'L{x + 20} {shoulder_y - 10} Q{x + 44} {shoulder_y - 8} {x + 46} {shoulder_y + 14} L{x + 50} {ground - 100} Z" fill="{top}"/>',
        f'<rect x="{x - 8}" y="{shoulder_y - 22}" width="16" height="18" fill="{skin}"/>',
        f'<circle cx="{x}" cy="{head_y}" r="34" fill="{skin}"/>',
    ]
    if hair_style == "long":
        parts.insert(
            0,
            f'<path d="M{x - 38} {head_y - 6} Q{x - 44} {head_y + 60} {x - 30} {head_y + 70} L{x + 30} {head_y + 70} Q{x + 44} {head_y + 60} {x + 38} {head_y - 6} Z" fill="{hair}"/>',
        )
        parts.append(
            f'<path d="M{x - 36} {head_y - 4} Q{x - 30} {head_y - 44} {x} {head_y - 42} Q{x + 34} {head_y - 42} {x + 36} {head_y - 2} Q{x + 10} {head_y - 22} {x - 36} {head_y - 4} Z" fill="{hair}"/>'
        )
    elif hair_style == "cap":
        parts.append(
            f'<path d="M{x - 35} {head_y - 6} Q{x - 32} {head_y - 42} {x} {head_y - 42} Q{x + 32} {head_y - 42} {x + 35} {head_y - 6} Z" fill="{hair}"/>'
        )
        parts.append(f'<rect x="{x + 10}" y="{head_y - 12}" width="46" height="10" rx="5" fill="{hair}"/>')
    else:
        parts.append(
            f'<path d="M{x - 35} {head_y} Q{x - 36} {head_y - 44} {x} {head_y - 40} Q{x + 36} {head_y - 44} {x + 35} {head_y} Q{x + 20} {head_y - 18} {x - 35} {head_y} Z" fill="{hair}"/>'
        )
    return "".join(parts)


def cyclist(x, ground, skin, top, legs, helmet, frame):
    """A bike with its rider, riding to the right; wheels on ``ground``."""
    wy = ground - 58
    rear, front = (x - 95, wy), (x + 95, wy)
    bracket, seat, head = (x - 5, wy + 2), (x - 40, wy - 100), (x + 62, wy - 98)
    hip = (seat[0], seat[1] - 22)
    shoulder = (x + 20, wy - 190)
    head_c = (x + 38, wy - 238)
    return "".join(
        [
            *(
                f'<circle cx="{cx}" cy="{cy}" r="56" fill="none" stroke="{INK}" stroke-width="11"/>'
                f'<circle cx="{cx}" cy="{cy}" r="8" fill="{INK}"/>'
                for cx, cy in (rear, front)
            ),
            f'<path d="M{rear[0]} {rear[1]} L{seat[0]} {seat[1]} L{head[0]} {head[1]} L{front[0]} {front[1]} '
            f'M{rear[0]} {rear[1]} L{bracket[0]} {bracket[1]} L{seat[0]} {seat[1]} M{bracket[0]} {bracket[1]} L{head[0]} {head[1]}" '
            f'fill="none" stroke="{frame}" stroke-width="12" stroke-linejoin="round" stroke-linecap="round"/>',
            f'<path d="M{head[0]} {head[1]} L{head[0] - 4} {head[1] - 26} L{head[0] + 24} {head[1] - 30}" fill="none" stroke="{INK}" stroke-width="9" stroke-linecap="round"/>',
            f'<rect x="{seat[0] - 26}" y="{seat[1] - 14}" width="46" height="12" rx="6" fill="{INK}"/>',
            # leg: hip, knee, pedal
            f'<path d="M{hip[0]} {hip[1]} L{x + 20} {wy - 60} L{bracket[0] + 10} {bracket[1] + 18}" fill="none" stroke="{legs}" stroke-width="26" stroke-linecap="round" stroke-linejoin="round"/>',
            f'<ellipse cx="{bracket[0] + 18}" cy="{bracket[1] + 24}" rx="20" ry="9" fill="{INK}"/>',
            # body, arm, head, helmet
            f'<path d="M{hip[0]} {hip[1]} L{shoulder[0]} {shoulder[1]}" stroke="{top}" stroke-width="58" stroke-linecap="round"/>',
            f'<path d="M{shoulder[0] + 6} {shoulder[1] + 8} L{head[0] + 18} {head[1] - 28}" stroke="{top}" stroke-width="22" stroke-linecap="round"/>',
            f'<circle cx="{head[0] + 20}" cy="{head[1] - 30}" r="12" fill="{skin}"/>',
            f'<circle cx="{head_c[0]}" cy="{head_c[1]}" r="30" fill="{skin}"/>',
            f'<path d="M{head_c[0] - 36} {head_c[1] - 2} Q{head_c[0] - 30} {head_c[1] - 50} {head_c[0] + 6} {head_c[1] - 48} '
            f'Q{head_c[0] + 40} {head_c[1] - 44} {head_c[0] + 38} {head_c[1] - 4} Z" fill="{helmet}"/>',
        ]
    )


def park():
    ground = 720
    body = [
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="{SURFACE}"/>',
        f'<path d="M-40 300C60 120 340 60 560 110s300 200 240 330-380 160-560 120S-120 440-40 300z" fill="{SURFACE_STRONG}"/>',
        f'<circle cx="1380" cy="170" r="86" fill="{YELLOW}"/>',
        f'<path d="M1010 150h150a40 40 0 0 1 0 80h-150a40 40 0 0 1 0-80z" fill="{PAPER}"/>',
        f'<path d="M0 560Q400 470 820 540T1600 520V900H0z" fill="{TEAL_LIGHT}" opacity="0.55"/>',
        tree(150, 600, 1.2),
        tree(430, 585, 0.9, TEAL_LIGHT),
        tree(1520, 590, 1.0),
        f'<path d="M0 {ground - 60}Q500 {ground - 110} 1000 {ground - 70}T1600 {ground - 80}V900H0z" fill="{MINT}"/>',
        # skate ramps
        f'<path d="M1030 {ground}Q1330 {ground} 1330 {ground - 250}L1400 {ground - 250}L1400 {ground}z" fill="{BRAND_STRONG}"/>',
        f'<rect x="1318" y="{ground - 262}" width="94" height="16" rx="8" fill="{BRAND}"/>',
        f'<path d="M1460 {ground}l60-90h80v90z" fill="{BRAND}"/>',
        f'<rect x="1020" y="{ground - 8}" width="580" height="16" fill="{BRAND_STRONG}" opacity="0.25"/>',
        # a bench
        f'<rect x="150" y="{ground - 70}" width="200" height="20" rx="8" fill="{CORAL}"/>',
        f'<rect x="150" y="{ground - 110}" width="200" height="18" rx="8" fill="{CORAL}"/>',
        f'<rect x="170" y="{ground - 52}" width="14" height="54" fill="{BRAND_STRONG}"/><rect x="316" y="{ground - 52}" width="14" height="54" fill="{BRAND_STRONG}"/>',
        # the plan the two teenagers hold
        person(
            640,
            ground + 90,
            SKINS[0],
            CORAL,
            BRAND_STRONG,
            INK,
            (700, ground - 95),
            (700, ground - 150),
            "long",
        ),
        person(
            1000,
            ground + 90,
            SKINS[1],
            YELLOW,
            BRAND,
            "#7a4a1f",
            (930, ground - 150),
            (930, ground - 95),
            "cap",
        ),
        f'<rect x="690" y="{ground - 250}" width="250" height="180" rx="10" fill="{PAPER}" stroke="{BRAND_STRONG}" stroke-width="6" transform="rotate(-3 815 {ground - 160})"/>',
        f'<path d="M720 {ground - 110}Q810 {ground - 110} 810 {ground - 200}" fill="none" stroke="{CORAL}" stroke-width="8" stroke-dasharray="14 10" stroke-linecap="round"/>',
        f'<circle cx="880" cy="{ground - 190}" r="26" fill="none" stroke="{TEAL}" stroke-width="7"/>',
        f'<path d="M845 {ground - 120}h70" stroke="{BRAND}" stroke-width="7" stroke-linecap="round"/>',
        # a third one, with an idea
        person(400, ground + 110, SKINS[2], TEAL, INK, INK, (360, ground - 70), (470, ground - 235), "short"),
        f'<path d="M430 {ground - 440}h190a22 22 0 0 1 22 22v60a22 22 0 0 1-22 22h-110l-34 30v-30h-46a22 22 0 0 1-22-22v-60a22 22 0 0 1 22-22z" fill="{PAPER}" stroke="{BRAND_STRONG}" stroke-width="6"/>',
        *(f'<circle cx="{cx}" cy="{ground - 388}" r="10" fill="{CORAL}"/>' for cx in (480, 525, 570)),
        f'<path d="M1180 90l9 22 22 9-22 9-9 22-9-22-22-9 22-9z" fill="{BRAND}"/>',
        f'<path d="M60 120l7 16 16 7-16 7-7 16-7-16-16-7 16-7z" fill="{CORAL}"/>',
    ]
    return svg("\n".join(body))


def canteen():
    cx, cy = 800, 470
    body = [
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="{SURFACE}"/>',
        f'<path d="M1180 40c180-40 400 60 420 240s-120 300-300 280-320-120-320-280 20-200 200-240z" fill="{CORAL_TINT}"/>',
        f'<path d="M60 620c40-120 220-160 330-90s110 230 0 280-370-60-330-190z" fill="{SURFACE_STRONG}"/>',
        f'<circle cx="140" cy="150" r="60" fill="{YELLOW}" opacity="0.8"/>',
        # tray
        f'<rect x="{cx - 560}" y="{cy - 330}" width="1120" height="660" rx="60" fill="{BRAND}"/>',
        f'<rect x="{cx - 530}" y="{cy - 300}" width="1060" height="600" rx="44" fill="#6a4de0"/>',
        # plate with a vegetable dish
        f'<circle cx="{cx - 140}" cy="{cy + 20}" r="230" fill="{PAPER}"/>',
        f'<circle cx="{cx - 140}" cy="{cy + 20}" r="190" fill="none" stroke="{SURFACE_STRONG}" stroke-width="8"/>',
        f'<path d="M{cx - 290} {cy + 40}c0-90 70-140 150-140s130 60 120 140c-10 60-70 90-140 90s-130-30-130-90z" fill="#fff1c1"/>',
        *(
            f'<circle cx="{cx - 140 + dx}" cy="{cy + 20 + dy}" r="34" fill="#ff8a5b"/><circle cx="{cx - 140 + dx}" cy="{cy + 20 + dy}" r="18" fill="#ffb38f"/>'
            for dx, dy in ((70, -90), (115, -20), (60, 60))
        ),
        *(
            f'<path d="M{cx - 140 + x1} {cy + 20 + y1}l{dx} {dy}" stroke="{TEAL}" stroke-width="20" stroke-linecap="round"/>'
            for x1, y1, dx, dy in (
                (-120, 110, 80, 20),
                (-100, 140, 90, 10),
                (-60, 95, 70, 35),
                (0, 130, 75, -5),
            )
        ),
        *(
            f'<circle cx="{cx - 140 + dx}" cy="{cy + 20 + dy}" r="26" fill="#b5652e"/>'
            for dx, dy in ((-90, -70), (-40, -110), (-20, -40))
        ),
        # salad bowl
        f'<circle cx="{cx + 250}" cy="{cy - 150}" r="120" fill="{PAPER}"/>',
        f'<circle cx="{cx + 250}" cy="{cy - 150}" r="96" fill="{MINT}"/>',
        *(
            f'<ellipse cx="{cx + 250 + dx}" cy="{cy - 150 + dy}" rx="44" ry="24" fill="{fill}" transform="rotate({angle} {cx + 250 + dx} {cy - 150 + dy})"/>'
            for dx, dy, angle, fill in (
                (-30, -30, -30, TEAL_LIGHT),
                (30, -40, 20, TEAL),
                (-35, 30, 40, TEAL),
                (35, 30, -20, TEAL_LIGHT),
            )
        ),
        *(
            f'<circle cx="{cx + 250 + dx}" cy="{cy - 150 + dy}" r="20" fill="{CORAL}"/>'
            for dx, dy in ((0, -5), (-55, 0), (45, 55))
        ),
        # glass of water
        f'<circle cx="{cx + 420}" cy="{cy + 30}" r="80" fill="#dcd3fb"/>',
        f'<circle cx="{cx + 420}" cy="{cy + 30}" r="62" fill="#eef0ff"/>',
        f'<path d="M{cx + 385} {cy + 5}a45 45 0 0 1 40-30" fill="none" stroke="{PAPER}" stroke-width="10" stroke-linecap="round"/>',
        # apple
        f'<circle cx="{cx + 220}" cy="{cy + 180}" r="78" fill="{CORAL}"/>',
        f'<path d="M{cx + 220} {cy + 112}l6-30" stroke="{INK}" stroke-width="10" stroke-linecap="round"/>',
        f'<path d="M{cx + 228} {cy + 96}c20-30 60-30 70-10-20 20-50 24-70 10z" fill="{TEAL}"/>',
        f'<path d="M{cx + 180} {cy + 150}a40 40 0 0 1 30-20" fill="none" stroke="#ff9b8c" stroke-width="12" stroke-linecap="round"/>',
        # bread
        f'<path d="M{cx - 470} {cy - 250}h130a40 40 0 0 1 40 40v50a20 20 0 0 1-20 20h-170a20 20 0 0 1-20-20v-50a40 40 0 0 1 40-40z" fill="#f4c27a" transform="rotate(-8 {cx - 400} {cy - 200})"/>',
        # napkin and cutlery
        f'<rect x="{cx - 500}" y="{cy + 120}" width="130" height="170" rx="14" fill="{YELLOW}" transform="rotate(6 {cx - 435} {cy + 205})"/>',
        f'<rect x="{cx + 440}" y="{cy - 270}" width="22" height="210" rx="11" fill="{SURFACE_STRONG}"/>',
        f'<ellipse cx="{cx + 451}" cy="{cy - 285}" rx="28" ry="40" fill="{SURFACE_STRONG}"/>',
        f'<rect x="{cx - 455}" y="{cy + 20}" width="20" height="230" rx="10" fill="{SURFACE_STRONG}"/>',
        *(
            f'<rect x="{cx - 468 + 14 * n}" y="{cy - 30}" width="8" height="70" rx="4" fill="{SURFACE_STRONG}"/>'
            for n in range(4)
        ),
    ]
    return svg("\n".join(body))


def bike_path():
    body = [
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="{SURFACE}"/>',
        f'<circle cx="220" cy="160" r="80" fill="{YELLOW}"/>',
        f'<path d="M460 120h170a40 40 0 0 1 0 80h-170a40 40 0 0 1 0-80z" fill="{PAPER}"/>',
        f'<path d="M1100 80c120-30 300 10 340 110s-80 160-220 150-240-60-240-140 0-100 120-120z" fill="{SURFACE_STRONG}"/>',
        f'<path d="M0 420Q300 330 640 400T1600 380V900H0z" fill="{TEAL_LIGHT}" opacity="0.5"/>',
        tree(90, 450, 0.9),
        tree(330, 430, 0.75, TEAL_LIGHT),
        tree(1250, 420, 0.8, TEAL_LIGHT),
        tree(1470, 440, 1.0),
        # the river and its bridge
        '<path d="M0 470Q400 440 800 480T1600 460V560Q1200 600 800 570T0 580z" fill="#b9a9f4"/>',
        f'<path d="M120 510h120M520 530h90M980 520h140M1350 500h110" stroke="{PAPER}" stroke-width="8" stroke-linecap="round" opacity="0.8"/>',
        f'<path d="M700 440h380v95h-40a150 70 0 0 0-300 0h-40z" fill="{BRAND_STRONG}"/>',
        f'<path d="M690 436h400" stroke="{BRAND}" stroke-width="14" stroke-linecap="round"/>',
        f'<path d="M0 560Q500 600 900 580T1600 600V900H0z" fill="{MINT}"/>',
        # the bike path, two lanes
        f'<path d="M-20 900C200 760 500 690 820 690S1400 640 1640 600V730C1400 760 1100 800 840 820S300 860 200 900z" fill="{CORAL_TINT}"/>',
        f'<path d="M80 900C300 800 560 760 830 755S1380 700 1640 665" fill="none" stroke="{PAPER}" stroke-width="10" stroke-dasharray="40 30" stroke-linecap="round"/>',
        tree(1540, 880, 0.7),
        f'<path d="M40 640l8 18 18 8-18 8-8 18-8-18-18-8 18-8z" fill="{CORAL}"/>',
        f'<path d="M760 240l8 18 18 8-18 8-8 18-8-18-18-8 18-8z" fill="{BRAND}"/>',
        cyclist(560, 790, SKINS[3], CORAL, BRAND_STRONG, YELLOW, BRAND),
        cyclist(1200, 735, SKINS[4], BRAND, INK, CORAL, TEAL),
    ]
    return svg("\n".join(body))


IMAGES = {"park-skate-area": park, "school-canteen-tray": canteen, "bike-path-river": bike_path}


def main():
    chromium = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium)
        page = browser.new_page(viewport={"width": WIDTH, "height": HEIGHT})
        for name, draw in IMAGES.items():
            source = draw()
            (HERE / f"{name}.svg").write_text(source)
            page.set_content(f"<html><body style='margin:0'>{source}</body></html>")
            png = page.screenshot(clip={"x": 0, "y": 0, "width": WIDTH, "height": HEIGHT})
            image = Image.open(io.BytesIO(png)).convert("RGB")
            target = HERE / f"{name}.jpg"
            image.save(target, "JPEG", quality=82, optimize=True, progressive=True)
            print(f"{target.name}: {target.stat().st_size // 1024} KB")
        browser.close()


if __name__ == "__main__":
    main()
