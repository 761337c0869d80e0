"""Draw the portal's icon: 公 in white on the site's red, as favicon.ico (16, 32, 48 px) and a
180 px PNG for phones' home screens. Run again after changing the colour or the character.

    .venv/bin/python scripts/favicon.py
"""

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

BRAND = "#a4000f"  # --brand in portal.css
FONT = "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc"  # Debian's fonts-noto-cjk
OUT = Path(__file__).resolve().parent.parent / "gongkai/portal/static/portal"


def draw(size: int) -> Image.Image:
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)
    pen.rounded_rectangle((0, 0, size - 1, size - 1), radius=size // 6, fill=BRAND)
    # index 0 of the collection is Japanese; 2 is Simplified Chinese
    font = ImageFont.truetype(FONT, int(size * 0.78), index=2)
    pen.text((size / 2, size / 2), "公", font=font, fill="white", anchor="mm")
    return image


def main() -> None:
    big = draw(256)
    big.save(OUT / "favicon.ico", sizes=[(16, 16), (32, 32), (48, 48)])
    draw(180).save(OUT / "apple-touch-icon.png")


if __name__ == "__main__":
    main()
