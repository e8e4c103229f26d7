#!/usr/bin/env python3
"""Batch throughput: `entente batch` with --jobs 1 and --jobs 2, and through Spark local[2].

    python3 Benchmarks/batch/run.py --binary .build/release/entente [--pairs 10000] [--small 1000]

Makes article-sized pairs from the dev novels (../shared/eval/alignment/transread-en-fr): each
novel gets real-article noise from ../shared/eval/noisy_align.py (profile news, one seed per
round, other novels as filler), and the noisy novel is cut into documents of 30-80 sentences a
side (cut at gold beads, so that each document is a translation with its noise). Jobs are
`align` jobs with the texts inline (`--input lines`). Prints pairs per second and peak memory
(`wait4`) for --jobs 1 and --jobs 2 on the small and the full set, the --jobs 2 / --jobs 1
speed-up, and the time through Spark local[2] (`scripts/spark-batch --jobs FILE`) beside
--jobs 2 as a ratio.
"""
import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
EVAL = ROOT.parent / "shared" / "eval"
NOVELS = EVAL / "alignment" / "transread-en-fr"


def parse_bead(text):
    left, right = text.split(":")[:2]
    return json.loads(left), json.loads(right)


def make_pairs(count, folder, seed):
    names = sorted(p.name for p in NOVELS.iterdir() if p.is_dir())
    rng = random.Random(seed)
    pairs = []
    round_ = 0
    while len(pairs) < count:
        round_ += 1
        for name in names:
            out = Path(folder) / f"{name}-{round_}"
            fillers = [str(NOVELS / other / "fr.txt") for other in names if other != name][:2]
            subprocess.run([sys.executable, str(EVAL / "noisy_align.py"), "make", "--src", str(NOVELS / name / "en.txt"),
                            "--tgt", str(NOVELS / name / "fr.txt"), "--gold", str(NOVELS / name / "gold.enfr"),
                            "--out", str(out), "--tgt-lang", "fr", *sum((["--filler-tgt", f] for f in fillers), []),
                            "--seed", str(round_), "--profile", "news"], check=True, capture_output=True)
            source = (out / "src.txt").read_text(encoding="utf-8").splitlines()
            target = (out / "tgt.txt").read_text(encoding="utf-8").splitlines()
            beads = [parse_bead(line) for line in (out / "gold").read_text().splitlines() if line.strip()]
            k = rng.randrange(0, 20)  # a different start each round
            while k < len(beads) and len(pairs) < count:
                size = rng.randint(30, 80)
                chunk = beads[k:k + size]
                k += size
                src = [i for s, _ in chunk for i in s]
                tgt = [j for _, t in chunk for j in t]
                if not src or not tgt:
                    continue
                pairs.append({"id": f"{name}-{round_}-{k}", "op": "align",
                              "sourceText": "\n".join(source[min(src):max(src) + 1]) + "\n",
                              "targetText": "\n".join(target[min(tgt):max(tgt) + 1]) + "\n",
                              "options": {"input": "lines"}})
    return pairs


# Runs in a small Python of its own: a child forked from this process, which holds the corpus,
# would count this process's pages in its peak (ru_maxrss keeps the pre-exec high-water mark).
LAUNCHER = r"""
import os, subprocess, sys, time, json
with open(sys.argv[1], "rb") as stdin, open(os.devnull, "wb") as devnull:
    started = time.time()
    process = subprocess.Popen(sys.argv[2:], stdin=stdin, stdout=devnull, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    print(json.dumps({"seconds": time.time() - started, "code": os.waitstatus_to_exitcode(status),
                      "peak": usage.ru_maxrss / 1024}))
"""


def measure(command, stdin_path):
    """Wall time and peak RSS (MB) of one run."""
    run = subprocess.run([sys.executable, "-c", LAUNCHER, str(stdin_path), *command], capture_output=True,
                         text=True, check=True)
    figures = json.loads(run.stdout)
    if figures["code"] not in (0, 1):
        sys.exit(f"batch run failed ({figures['code']})")
    return figures["seconds"], figures["peak"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", required=True)
    parser.add_argument("--pairs", type=int, default=10_000)
    parser.add_argument("--small", type=int, default=1_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--skip-spark", action="store_true")
    args = parser.parse_args()
    if not NOVELS.is_dir():
        sys.exit(f"no dev novels at {NOVELS}")
    with tempfile.TemporaryDirectory() as folder:
        pairs = make_pairs(args.pairs, folder, args.seed)
        sizes = sorted({min(args.small, len(pairs)), len(pairs)})
        files = {}
        for size in sizes:
            files[size] = Path(folder) / f"jobs-{size}.jsonl"
            files[size].write_text("".join(json.dumps(p, ensure_ascii=False) + "\n" for p in pairs[:size]),
                                   encoding="utf-8")
        sentences = sum(p["sourceText"].count("\n") + p["targetText"].count("\n") for p in pairs) / len(pairs)
        print(f"{len(pairs)} pairs, {sentences:.0f} sentences a pair on average (both sides)\n")
        rows = []
        timings = {}
        for size in sizes:
            for jobs in (1, 2):
                seconds, peak = measure([args.binary, "batch", "--no-freedict", "--quiet", "--jobs", str(jobs)],
                                        files[size])
                timings[(size, jobs)] = seconds
                rows.append((f"entente batch --jobs {jobs}", size, seconds, size / seconds, f"{peak:.0f}"))
                print(f"  {rows[-1]}", file=sys.stderr)
        spark = None
        if not args.skip_spark:
            size = sizes[-1]
            started = time.time()
            subprocess.run([sys.executable, str(ROOT / "scripts" / "spark-batch"), "--binary", args.binary, "--jobs",
                            str(files[size]), "--output", str(Path(folder) / "spark.jsonl"), "--cores", "2"],
                           check=True, capture_output=True)
            spark = time.time() - started
            rows.append(("Spark local[2], rdd.pipe(entente batch --jobs 1)", size, spark, size / spark, "(JVM)"))
        print("| run | pairs | time (s) | pairs/s | peak RSS (MB) |")
        print("|---|---|---|---|---|")
        for name, size, seconds, rate, peak in rows:
            print(f"| {name} | {size:,} | {seconds:.1f} | {rate:.1f} | {peak} |")
        print()
        for size in sizes:
            print(f"--jobs 2 / --jobs 1 on {size:,} pairs: {timings[(size, 1)] / timings[(size, 2)]:.2f}x faster")
        if spark:
            print(f"Spark local[2] / --jobs 2 on {sizes[-1]:,} pairs: {spark / timings[(sizes[-1], 2)]:.2f}x the time")


if __name__ == "__main__":
    main()
