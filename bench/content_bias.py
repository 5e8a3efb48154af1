"""Content review aid: test-wiseness cues in choice questions.

Lists QCU where the right proposal is the strictly longest (a student who "picks the longest" should not
beat chance), and the share per competence. Usage:
    .venv/bin/python bench/content_bias.py [--competence 1.1 ...] [--list]
"""

import argparse
from collections import Counter
from pathlib import Path

from octet.referential.content import read_referential, right_option_is_strictly_longest

CONTENT = Path(__file__).resolve().parent.parent / "content"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--competence", action="append")
    parser.add_argument("--list", action="store_true")
    args = parser.parse_args()
    ref, _problems = read_referential(CONTENT)
    total, flagged = Counter(), Counter()
    for c in ref.challenges.values():
        if c.type != "QCU" or not c.validated or (args.competence and c.competence not in args.competence):
            continue
        total[c.competence] += 1
        if right_option_is_strictly_longest(c):
            flagged[c.competence] += 1
            if args.list:
                print(f"{c.file} [{c.id}]")
    for code in sorted(total):
        print(
            f"{code}: {flagged[code]}/{total[code]} QCU with the right answer strictly longest ({flagged[code] / total[code]:.0%})"
        )
    all_total, all_flagged = sum(total.values()), sum(flagged.values())
    if all_total:
        print(f"all: {all_flagged}/{all_total} ({all_flagged / all_total:.0%})")


if __name__ == "__main__":
    main()
