"""Cost of one article against its length: ms per KB at 32 KB, 128 KB and 1 MB, in two shapes.

    .venv/bin/python benchmarks/length_bench.py                  # both shapes, 32 KB, 128 KB, 1 MB
    .venv/bin/python benchmarks/length_bench.py --sizes 32 128   # sizes in KB
    .venv/bin/python benchmarks/length_bench.py --stages         # also ms/KB per stage (cProfile, cumulative)

Shapes (generated here from a fixed seed; no evaluation text):
- varied: one long article of casualty sentences, each with its own count, place, day, victim group and source,
  as a long roundup or a year's chronicle is;
- repeated: one report paragraph told again and again, as a live blog or a transcript does.

The goal (issue 12): 1 MB costs at most 2x per KB what 128 KB does, in both shapes. Results go to stdout and,
as JSON, to benchmarks/out/length.json.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import json
import pstats
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

PLACES = (
    "Kabul",
    "Kandahar",
    "Mogadishu",
    "Baidoa",
    "Aleppo",
    "Idlib",
    "Mosul",
    "Kirkuk",
    "Maiduguri",
    "Gao",
    "Goma",
    "Peshawar",
    "Sanaa",
    "Kharkiv",
    "El Fasher",
    "Jalalabad",
    "Kismayo",
    "Homs",
)
GROUPS = ("civilians", "soldiers", "police officers", "children", "people", "militants", "women", "aid workers")
SOURCES = (
    "police said",
    "the army said",
    "a hospital official said",
    "the United Nations said",
    "local officials said",
    "witnesses said",
    "the health ministry said",
    "a military spokesman said",
)
ATTACKS = (
    "a suicide bombing",
    "an air strike",
    "a roadside bomb",
    "an ambush",
    "a mortar attack",
    "a car bomb",
    "a drone strike",
    "an attack by gunmen",
)
DAYS = ("on Monday", "on Tuesday", "on Wednesday", "on Thursday", "on Friday", "on Saturday", "on Sunday")
QUALIFIERS = ("", "at least ", "more than ", "nearly ", "about ")
FILLER = (
    "Talks between the parties were expected to resume next week in the capital.",
    "The government announced new measures to support farmers hit by the drought.",
    "Residents said markets had reopened and traffic was back to normal.",
    "The prime minister is due to visit the region at the end of the month.",
)

REPEATED_PARAGRAPH = (
    "At least 23 people were killed and 41 others wounded when a car bomb exploded near a checkpoint in "
    "Mogadishu on Tuesday, police said. Among the dead were four soldiers, a police spokesman said. "
    "Al-Shabaab claimed responsibility for the attack."
)


def varied_article(size: int, seed: int = 1) -> str:
    """About `size` bytes of distinct casualty sentences in paragraphs of three or four."""
    rng = random.Random(seed)
    out: list[str] = ["Fighting and attacks by armed groups left hundreds dead across the region this year."]
    total = len(out[0])
    while total < size:
        para = []
        for _ in range(rng.randint(2, 4)):
            n, m = rng.randint(2, 400), rng.randint(1, 300)
            sentence = (
                f"{rng.choice(QUALIFIERS).capitalize() or ''}{n} {rng.choice(GROUPS)} were killed and {m} wounded "
                f"in {rng.choice(ATTACKS)} in {rng.choice(PLACES)} {rng.choice(DAYS)}, {rng.choice(SOURCES)}."
            )
            para.append(sentence[0].upper() + sentence[1:])
        if rng.random() < 0.3:
            para.append(rng.choice(FILLER))
        text = " ".join(para)
        out.append(text)
        total += len(text) + 2
    return "\n\n".join(out)[:size]


def repeated_article(size: int) -> str:
    """The same report paragraph told again until the article is `size` bytes."""
    reps = size // (len(REPEATED_PARAGRAPH) + 2) + 1
    return "\n\n".join([REPEATED_PARAGRAPH] * reps)[:size]


SHAPES = {"varied": varied_article, "repeated": repeated_article}

# the engine's stages whose cumulative time --stages reports
STAGES = (
    "sentence_spans",
    "read_sentence",
    "find_source",
    "mentions",
    "day_mentions",
    "_claims",
    "period",
    "_when",
    "_where",
    "_hospital_subsets",
    "_injured_died_in_toll",
    "_initial_superseded",
    "_consolidate_article",
    "_split_repeats",
    "_other_sources",
    "_bodies_in_toll",
    "_toll_attack_days",
    "_among_parts",
    "_breakdown",
    "find_notes",
)


def measure(text: str, repeat: int = 1) -> tuple[float, int]:
    """Best wall-clock seconds of `repeat` extractions, and the number of reports."""
    from etl.extract import extract_article
    from etl.lexicon import load

    lex = load()
    best = float("inf")
    reports = 0
    for _ in range(repeat):
        started = time.perf_counter()
        result = extract_article(text, "bench", dt.date(2024, 5, 7), lex)
        best = min(best, time.perf_counter() - started)
        reports = len(result.reports)
    return best, reports


def stage_times(text: str) -> dict[str, float]:
    """Cumulative seconds per engine stage under cProfile (profiling inflates them alike)."""
    from etl.extract import extract_article
    from etl.lexicon import load

    lex = load()
    prof = cProfile.Profile()
    prof.enable()
    extract_article(text, "bench", dt.date(2024, 5, 7), lex)
    prof.disable()
    stats = pstats.Stats(prof).stats  # type: ignore[attr-defined]
    out: dict[str, float] = {}
    for (_, _, name), (_, _, _, cumulative, _) in stats.items():
        if name in STAGES:
            out[name] = out.get(name, 0.0) + cumulative
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[32, 128, 1024], help="sizes in KB")
    parser.add_argument("--shapes", nargs="+", default=list(SHAPES), choices=list(SHAPES))
    parser.add_argument("--repeat", type=int, default=2, help="best of this many runs (1 MB runs once)")
    parser.add_argument("--stages", action="store_true", help="also ms/KB per stage under cProfile")
    parser.add_argument("--out", default=str(ROOT / "benchmarks" / "out"))
    args = parser.parse_args(argv)

    from etl.lexicon import load

    load()  # lexicon loading is not timed
    measure("Two soldiers were killed in an attack in Kabul on Monday, police said.")
    results = []
    print(f"{'shape':<10}{'KB':>6}{'seconds':>10}{'ms/KB':>9}{'reports':>9}")
    for shape in args.shapes:
        for kb in args.sizes:
            text = SHAPES[shape](kb * 1024)
            seconds, reports = measure(text, 1 if kb >= 1024 else args.repeat)
            row = {"shape": shape, "kb": kb, "seconds": seconds, "ms_per_kb": 1000 * seconds / kb, "reports": reports}
            if args.stages:
                row["stages_ms_per_kb"] = {k: 1000 * v / kb for k, v in sorted(stage_times(text).items())}
            results.append(row)
            print(f"{shape:<10}{kb:>6}{seconds:>10.2f}{row['ms_per_kb']:>9.2f}{reports:>9}")
            for name, ms in row.get("stages_ms_per_kb", {}).items():
                print(f"{'':<16}{name:<24}{ms:>9.2f} ms/KB")
    ratios = {}
    for shape in args.shapes:
        by_kb = {r["kb"]: r["ms_per_kb"] for r in results if r["shape"] == shape}
        if 128 in by_kb and 1024 in by_kb:
            ratios[shape] = by_kb[1024] / by_kb[128]
            print(f"{shape}: 1 MB costs {ratios[shape]:.2f}x per KB what 128 KB does (goal <= 2)")
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "length.json").write_text(json.dumps({"results": results, "ratio_1mb_128kb": ratios}, indent=2))
    return 0 if all(r <= 2 for r in ratios.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
