#!/usr/bin/env python3
"""Segmentation of hard-wrapped page text: the UD dev sets with every paragraph wrapped at 72
columns and the blank lines between paragraphs removed, beside the same sets unwrapped, our
segmenter and the peers in one run.

Text copied from a page or a PDF comes as lines of about the same width, a paragraph's lines
followed at once by the next paragraph's, headlines and list items among them. This makes such
a copy of each UD dev set (`../shared/eval/segmentation/ud/<set>/dev.txt`): each paragraph
(blank-line separated) is wrapped with Python's `textwrap.fill(width=72)` (words are never cut,
only spaces become line feeds) and the paragraphs are joined by a single line feed. The gold
(`dev.sents`) is unchanged: the scorer counts boundaries in whitespace-free offsets, so
paragraph ends remain boundaries the tool must now find by itself.

Then it runs `../shared/eval/peers/segmentation.py` once on the ten sets (five unwrapped, five
wrapped), so that every figure comes from one run on one machine, and prints that table and, per
tool, the F1 drop from unwrapped to wrapped.

Usage (from the project root; run `bash ../shared/eval/peers/setup.sh` once and
`swift build -c release` first):
  python3 Benchmarks/wrapped/run.py [--width 72] [--jitter 0.1 --seed 1] [--reps 3]
                                    [--peers NAME ...] [--no-ours] [--json FILE] [--make-only DIR]
"""
import argparse, json, os, pathlib, random, re, shutil, subprocess, sys, tempfile, textwrap

ROOT = pathlib.Path(__file__).resolve().parents[2]
EVAL = ROOT.parent / "shared" / "eval"
SETS = ["UD_French-GSD", "UD_French-Sequoia", "UD_French-ParTUT", "UD_English-EWT", "UD_English-GUM"]
OURS = str(ROOT / ".build" / "release" / "entente") + " segment {input} --lang {lang}"


def wrapped(raw, width, jitter=0.0, seed=1):
    """`raw` with each blank-line separated paragraph wrapped at `width`, no blank lines left.

    With `jitter` > 0, each line gets its own width, drawn uniformly within ±jitter·width (a
    seeded draw): lines of proportional fonts, justified or PDF text do not break exactly where
    a fixed count of characters would, which the rule "the next word would have fitted" must
    survive."""
    paragraphs = [p for p in re.split(r"\n[ \t]*\n", raw) if p.strip()]
    if jitter <= 0:
        return "\n".join(
            textwrap.fill(" ".join(p.split()), width=width, break_long_words=False, break_on_hyphens=False)
            for p in paragraphs) + "\n"
    rng = random.Random(seed)
    lines = []
    for p in paragraphs:
        line = ""
        limit = width
        for word in p.split():
            if line and len(line) + 1 + len(word) > limit:
                lines.append(line)
                line = ""
                limit = round(width * (1 + rng.uniform(-jitter, jitter)))
            line = word if not line else line + " " + word
        if line:
            lines.append(line)
    return "\n".join(lines) + "\n"


def make_sets(folder, width, jitter=0.0, seed=1):
    """Writes `folder/<set>-wrapped<width>/{dev.txt,dev.sents}` for every set; returns the folders."""
    made = []
    for name in SETS:
        source = EVAL / "segmentation" / "ud" / name
        target = folder / f"{name}-wrapped{width}"
        target.mkdir(parents=True, exist_ok=True)
        raw = (source / "dev.txt").read_text(encoding="utf-8")
        (target / "dev.txt").write_text(wrapped(raw, width, jitter, seed), encoding="utf-8")
        shutil.copyfile(source / "dev.sents", target / "dev.sents")
        made.append(target)
    return made


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--width", type=int, default=72)
    ap.add_argument("--jitter", type=float, default=0.0,
                    help="each line's width drawn within ±JITTER·width (0.1: ±10 %%); 0: textwrap")
    ap.add_argument("--seed", type=int, default=1, help="seed of the --jitter draw")
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--peers", nargs="*", help="passed to segmentation.py (none: no peer)")
    ap.add_argument("--no-ours", action="store_true")
    ap.add_argument("--ours", default=OURS)
    ap.add_argument("--json", help="write every figure to this file")
    ap.add_argument("--make-only", metavar="DIR", help="only write the wrapped sets under DIR")
    a = ap.parse_args()
    if a.make_only:
        for path in make_sets(pathlib.Path(a.make_only), a.width, a.jitter, a.seed):
            print(path)
        return
    with tempfile.TemporaryDirectory(prefix="entente-wrapped-") as tmp:
        folders = make_sets(pathlib.Path(tmp), a.width, a.jitter, a.seed)
        out = pathlib.Path(tmp) / "figures.json"
        command = [sys.executable, str(EVAL / "peers" / "segmentation.py"), "--reps", str(a.reps),
                   "--json", str(out), "--sets", *SETS, *map(str, folders)]
        if a.peers is not None:
            command += ["--peers", *a.peers]
        if not a.no_ours:
            command += ["--ours", a.ours, "--ours-name", "Entente"]
        table = subprocess.run(command, check=True, capture_output=True, text=True).stdout
        # The wrapped sets appear under their full path: show a short name instead.
        print(table.replace(tmp + "/", "").replace(f"-wrapped{a.width}", f" wrapped{a.width}"))
        figures = json.loads(out.read_text())
        if a.json:
            pathlib.Path(a.json).write_text(json.dumps(figures, indent=1))
    print(drop_table(figures, a.width))


def drop_table(figures, width):
    """Markdown: per tool and set, F1 unwrapped, wrapped and the drop (points)."""
    scores = {}
    for tool, results in tools(figures).items():
        for set_name, result in results.items():
            base = pathlib.Path(set_name).name
            wrapped_set = base.endswith(f"-wrapped{width}")
            key = base.removesuffix(f"-wrapped{width}").replace("UD_", "")
            scores.setdefault(tool, {}).setdefault(key, {})["wrapped" if wrapped_set else "plain"] = result
    names = [s.replace("UD_", "") for s in SETS]
    lines = [f"F1 x100 unwrapped -> wrapped at {width} columns without blank lines (change in points, two"
             " decimals so that a drop of 1.04 does not print as 1.0):", "",
             "| tool | " + " | ".join(names) + " |", "|---" * (len(names) + 1) + "|"]
    for tool, by_set in scores.items():
        cells = []
        for name in names:
            pair = by_set.get(name, {})
            if "plain" in pair and "wrapped" in pair:
                p, w = 100 * pair["plain"], 100 * pair["wrapped"]
                cells.append(f"{p:.2f} → {w:.2f} ({w - p:+.2f})")
            else:
                cells.append("–")
        lines.append(f"| {tool} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def tools(figures):
    """{tool: {set name: F1}} from segmentation.py's JSON (its `runs`)."""
    result = {}
    for run in figures["runs"]:
        result.setdefault(run["tool"], {})[run["set"]] = run["f1"]
    return result


if __name__ == "__main__":
    main()
