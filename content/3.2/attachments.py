"""Files downloaded by the learners of competence 3.2 (Développer des documents multimédia).

Reproducible: images are drawn from constants (no randomness), the sound is synthesised from constants,
EXIF metadata are fixed, and every expected answer is computed here and checked against the solution of
the tube files.
"""

import math
import struct
import wave
from pathlib import Path

from PIL import Image, ImageDraw

# ---------------------------------------------------------------------------------------------
# bandeau-club.png — dimensions (imageNumerique2-b) and colour picker (retoucheImage5-b)
# ---------------------------------------------------------------------------------------------
BANDEAU_SIZE = (1237, 415)  # width, height in pixels
BANDEAU_LEFT = (29, 53, 87)  # #1D3557, left part
BANDEAU_RIGHT = (231, 111, 81)  # #E76F51, right part
BANDEAU_SPLIT = 700  # x where the right part starts
assert BANDEAU_SIZE == (1237, 415)
assert "#{:02X}{:02X}{:02X}".format(*BANDEAU_RIGHT) == "#E76F51"


def bandeau_club(path: Path) -> None:
    image = Image.new("RGB", BANDEAU_SIZE, BANDEAU_LEFT)
    draw = ImageDraw.Draw(image)
    draw.rectangle([BANDEAU_SPLIT, 0, BANDEAU_SIZE[0] - 1, BANDEAU_SIZE[1] - 1], fill=BANDEAU_RIGHT)
    image.save(path, format="PNG")


# ---------------------------------------------------------------------------------------------
# photo-randonnee.jpg — EXIF metadata: imageNumerique6-a, imageNumerique6-b
# ---------------------------------------------------------------------------------------------
PHOTO_SIZE = (800, 533)
PHOTO_MAKE = "Octet"
PHOTO_MODEL = "Octet Cam X2"
PHOTO_DATETIME = "2023:08:14 07:42:10"  # EXIF format: YYYY:MM:DD HH:MM:SS
PHOTO_GPS = {"lat": (44, 51, 0), "lat_ref": "N", "lon": (6, 19, 0), "lon_ref": "E"}
PHOTO_DAY, PHOTO_MONTH, PHOTO_YEAR = 14, 8, 2023
assert PHOTO_DATETIME.startswith(f"{PHOTO_YEAR}:{PHOTO_MONTH:02d}:{PHOTO_DAY:02d}")

_EXIF_IFD, _GPS_IFD = 0x8769, 0x8825
_MAKE, _MODEL, _DATETIME = 0x010F, 0x0110, 0x0132
_DATETIME_ORIGINAL, _DATETIME_DIGITIZED = 0x9003, 0x9004


def _photo_image() -> Image.Image:
    width, height = PHOTO_SIZE
    image = Image.new("RGB", PHOTO_SIZE, (150, 200, 235))
    draw = ImageDraw.Draw(image)
    draw.ellipse([560, 60, 660, 160], fill=(250, 215, 90))
    draw.polygon(
        [(0, 420), (180, 190), (320, 330), (470, 140), (800, 400), (800, 533), (0, 533)], fill=(110, 120, 135)
    )
    draw.polygon([(430, 190), (470, 140), (510, 188), (490, 200), (450, 196)], fill=(245, 245, 250))
    draw.rectangle([0, 450, width, height], fill=(90, 150, 80))
    return image


def photo_randonnee(path: Path) -> None:
    image = _photo_image()
    exif = Image.Exif()
    exif[_MAKE] = PHOTO_MAKE
    exif[_MODEL] = PHOTO_MODEL
    exif[_DATETIME] = PHOTO_DATETIME
    exif_ifd = exif.get_ifd(_EXIF_IFD)
    exif_ifd[_DATETIME_ORIGINAL] = PHOTO_DATETIME
    exif_ifd[_DATETIME_DIGITIZED] = PHOTO_DATETIME
    gps = exif.get_ifd(_GPS_IFD)
    gps[1] = PHOTO_GPS["lat_ref"]
    gps[2] = tuple(float(v) for v in PHOTO_GPS["lat"])
    gps[3] = PHOTO_GPS["lon_ref"]
    gps[4] = tuple(float(v) for v in PHOTO_GPS["lon"])
    image.save(path, format="JPEG", quality=85, exif=exif.tobytes())


# ---------------------------------------------------------------------------------------------
# bips.wav — count the beeps (sonNumerique2-b), duration and sample rate (sonNumerique4-a/-c)
# ---------------------------------------------------------------------------------------------
BIPS_RATE = 22050  # Hz
BIPS_DURATION = 6  # seconds
BIPS_STARTS = [0.5, 1.1, 1.7, 2.9, 3.5, 4.7, 5.3]  # beep start times in seconds (irregular rhythm)
BIPS_LENGTH = 0.25  # seconds per beep
BIPS_FREQUENCY = 880.0  # Hz
assert len(BIPS_STARTS) == 7
assert all(b - a > BIPS_LENGTH + 0.2 for a, b in zip(BIPS_STARTS, BIPS_STARTS[1:], strict=False))
assert BIPS_STARTS[-1] + BIPS_LENGTH < BIPS_DURATION


def bips(path: Path) -> None:
    total = BIPS_RATE * BIPS_DURATION
    samples = [0] * total
    fade = int(0.005 * BIPS_RATE)
    beep_samples = int(BIPS_LENGTH * BIPS_RATE)
    for start in BIPS_STARTS:
        first = int(start * BIPS_RATE)
        for i in range(beep_samples):
            envelope = min(1.0, i / fade, (beep_samples - 1 - i) / fade)
            value = 0.5 * envelope * math.sin(2 * math.pi * BIPS_FREQUENCY * i / BIPS_RATE)
            samples[first + i] = int(value * 32767)
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(BIPS_RATE)
        out.writeframes(struct.pack(f"<{total}h", *samples))


# ---------------------------------------------------------------------------------------------
# sous-titres-documentaire.srt — subtitles: videoNumerique4-a, videoNumerique4-c
# ---------------------------------------------------------------------------------------------
SOUS_TITRES = [
    ("00:00:02,000", "00:00:05,500", "Au cœur de l'hiver, la forêt semble endormie."),
    ("00:00:06,000", "00:00:09,000", "Pourtant, sous la neige, la vie continue."),
    ("00:00:42,300", "00:00:46,000", "Le renard écoute les bruits venant du sol."),
    ("00:00:46,500", "00:00:49,800", "Il bondit… et plonge la tête dans la neige !"),
    ("00:01:47,200", "00:01:50,700", "Le pic noir creuse son nid dans un vieux hêtre."),
    ("00:01:51,000", "00:01:54,000", "Ses coups résonnent à plus d'un kilomètre."),
    ("00:02:30,000", "00:02:34,500", "Au printemps, la forêt se réveille enfin."),
]
SRT_TARGET = "Le pic noir creuse son nid dans un vieux hêtre."
_target = next(cue for cue in SOUS_TITRES if cue[2] == SRT_TARGET)
assert _target[0] == "00:01:47,200"  # videoNumerique4-a: 1 minute 47 seconds


def _seconds(stamp: str) -> float:
    hours, minutes, rest = stamp.split(":")
    seconds, millis = rest.split(",")
    return int(hours) * 3600 + int(minutes) * 60 + int(seconds) + int(millis) / 1000


SRT_CUE4_DURATION = _seconds(SOUS_TITRES[3][1]) - _seconds(SOUS_TITRES[3][0])
assert abs(SRT_CUE4_DURATION - 3.3) < 1e-9  # videoNumerique4-c: cue 4 lasts 3.3 s


def sous_titres_documentaire(path: Path) -> None:
    blocks = [f"{n}\n{start} --> {end}\n{text}\n" for n, (start, end, text) in enumerate(SOUS_TITRES, 1)]
    path.write_text("\n".join(blocks), encoding="utf-8")


ATTACHMENTS = {
    "bandeau-club.png": bandeau_club,
    "photo-randonnee.jpg": photo_randonnee,
    "bips.wav": bips,
    "sous-titres-documentaire.srt": sous_titres_documentaire,
}
