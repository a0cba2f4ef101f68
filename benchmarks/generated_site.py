"""Sites of thousands of articles, generated reproducibly: the example site's layout and schema, articles
with real front matter, drafts, problems, links between them, images used and unused."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

EXAMPLE_SITE = Path(__file__).resolve().parent.parent / "resources" / "example-site"

_WORDS = [
    "scanning",
    "ryggen",
    "smerter",
    "patient",
    "behandling",
    "studie",
    "billeddiagnostik",
    "kommunikation",
    "forandringer",
    "træning",
    "søvn",
    "kost",
    "løb",
    "skulder",
    "knæ",
    "hofte",
    "fysioterapi",
    "øvelser",
    "Æblet",
    "Østerbro",
    "Ålborg",
    "straße",
    "café",
    "naïve",
    "résumé",
    "Σίσυφος",
    "ΣΊΣΥΦΟΣ",
    "recovery",
    "mobility",
    "strength",
    "posture",
    "sciatica",
    "disc",
    "nerve",
    "muscle",
    "tendon",
]
_TOPICS = ("ryg", "knæ", "skulder", "søvn", "løb", "kost", "træning", "hofte", "nakke", "fod")


def slug_for(number: int) -> str:
    """The slug (and file stem) of generated article `number`."""
    return f"{_TOPICS[number % len(_TOPICS)]}-artikel-{number:05d}".replace("æ", "ae").replace("ø", "oe")


def generate_site(root: Path, count: int, seed: int = 12) -> Path:
    """A site at `root` with `count` articles in content/blog; returns `root`.

    About one in ten articles is a draft (`draft: true`), one in eight misses its metaTitle (an error),
    one in twenty links to an article that does not exist; most link to two others by `/blog/SLUG/`.
    Four images are in the image folder, one of which no article uses.
    """
    rng = random.Random(seed)
    shutil.copytree(EXAMPLE_SITE, root, ignore=shutil.ignore_patterns("content"))
    blog = root / "content" / "blog"
    blog.mkdir(parents=True)
    images = root / "public" / "images" / "blog"
    (images / "unused-diagram.png").write_bytes((images / "mrscanning_konsekvenser_svar.png").read_bytes())
    used = (
        "mrscanning_konsekvenser_intro.png",
        "mrscanning_konsekvenser_svar.png",
        "mrscanning_konsekvenser_behandling.png",
    )
    for number in range(count):
        slug = slug_for(number)
        title = f"{_TOPICS[number % len(_TOPICS)].capitalize()} {number}: {' '.join(rng.sample(_WORDS, 4))}"
        day, month, year = 1 + number % 28, 1 + (number // 28) % 12, 2015 + (number // 336) % 11
        lines = ["---", f'title: "{title}"']
        if number % 8 != 3:
            lines.append(f'metaTitle: "{title[:55]}"')
        lines.append(f"datePublished: {day:02d}-{month:02d}-{year}")
        image = used[number % len(used)]
        lines += [f"previewImage: /images/blog/{image}", f"previewImageAlt: Illustration {number}"]
        if number % 10 == 7:
            lines.append("draft: true")
        lines += ["---", ""]
        for paragraph in range(rng.randint(3, 7)):
            if paragraph == 1:
                lines += [f"## Afsnit om {rng.choice(_WORDS)}", ""]
            words = [rng.choice(_WORDS) for _ in range(rng.randint(25, 70))]
            if paragraph == 0:
                others = [slug_for(rng.randrange(count)) for _ in range(2)]
                words.append(f"[læs mere](/blog/{others[0]}/) og [også](/blog/{others[1]}/).")
            if paragraph == 2 and number % 20 == 11:
                words.append(f"[forsvundet](/blog/findes-ikke-{number}/)")
            lines += [" ".join(words) + ".", ""]
        lines += [f"![Figur {number}](/images/blog/{image})", ""]
        (blog / f"{slug}.md").write_text("\n".join(lines), encoding="utf-8")
    return root
