#!/usr/bin/env python3
"""Real-article noise harness: Entente (and hunalign, when given) on noisy versions of the dev sets.

For each dev document (the five TransRead en-fr books and the Text+Berg de-fr dev document), for
each profile (news, heavy) and seed (1, 2, 3), ../shared/eval/noisy_align.py makes a noisy pair
(filler boxes, boilerplate lines, dropped paragraphs; `heavy` also cuts off the target's end).
Each aligner runs on the clean pair and on every noisy pair; the clean output is scored with
score_align.py, the noisy one with `noisy_align.py score`; every run is timed (wall seconds).

  python3 Benchmarks/noisy/run.py --entente /tmp/entente-release/release/entente \\
      [--hunalign /tmp/hunalign/src/hunalign/hunalign] [--json OUT.json] \\
      [--seeds 1,2,3] [--profiles news,heavy] [--docs Candide,TextBerg] [--keep DIR]

The noise is made from the dev sets: it is for measuring, never for tuning (see README.md).
Standard library only.
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

EVAL = Path(os.environ.get("ENTENTE_EVAL", "/work/shared/eval"))
NOISY = EVAL / "noisy_align.py"
SCORE = EVAL / "score_align.py"
ALIGN = EVAL / "alignment"
TR = ALIGN / "transread-en-fr"
TB = ALIGN / "textberg-de-fr"
BOOKS = ["AlicesAdventuresInWonderland", "Candide", "JaneEyre", "LesTravailleursDeLaMer",
         "VingtMilleLieuesSousLesMers"]

# name -> (source, target, gold, source language, target language, group)
DOCS = {b: (TR / b / "en.txt", TR / b / "fr.txt", TR / b / "gold.enfr", "en", "fr", "TransRead")
        for b in BOOKS}
DOCS["TextBerg"] = (TB / "dev.de", TB / "dev.fr", TB / "dev.defr", "de", "fr", "Text+Berg")
GROUPS = ["TransRead", "Text+Berg"]
PROFILES = ["news", "heavy"]
NOISY_KEYS = ["f1_strict", "added_left_unaligned", "dropped_left_unaligned", "unaligned_precision",
              "unaligned_gold_precision"]


# ---------------------------------------------------------------------------------------------
# Aligners: each writes Vecalign-format beads to `out` and returns (wall seconds, error or None).

def run_timed(cmd, stdout_path, cwd=None):
    t0 = time.perf_counter()
    with open(stdout_path, "w", encoding="utf-8") as out:
        p = subprocess.run(cmd, stdout=out, stderr=subprocess.PIPE, text=True, cwd=cwd)
    dt = time.perf_counter() - t0
    err = None if p.returncode == 0 else "exit %d: %s" % (p.returncode, p.stderr.strip()[-500:])
    return dt, err


def entente_aligner(path):
    def run(src, tgt, sl, tl, out):
        return run_timed([path, "align", str(src), str(tgt), "--input", "lines",
                          "--source-lang", sl, "--target-lang", tl, "--format", "vecalign",
                          "--no-freedict", "--quiet"], out)
    return run


def ladder_to_beads(ladder_path, out_path):
    """hunalign's ladder (rungs `i<TAB>j<TAB>score`) -> beads [i, i'):[j, j'), empty sides kept."""
    rungs = []
    for line in open(ladder_path, encoding="utf-8"):
        p = line.split()
        if len(p) >= 2:
            rungs.append((int(p[0]), int(p[1]), p[2] if len(p) > 2 else None))
    with open(out_path, "w", encoding="utf-8") as f:
        for (a, b, sc), (c, d, _) in zip(rungs, rungs[1:]):
            if c == a and d == b:
                continue  # empty on both sides
            f.write("[%s]:[%s]%s\n" % (", ".join(map(str, range(a, c))),
                                       ", ".join(map(str, range(b, d))),
                                       (":" + sc) if sc is not None else ""))


def hunalign_aligner(path, dic):
    def run(src, tgt, sl, tl, out):
        ladder = str(out) + ".ladder"
        # hunalign appends to ./translate.txt: run it in the output's folder, not the caller's.
        dt, err = run_timed([path, "-realign", str(dic), str(Path(src).resolve()),
                             str(Path(tgt).resolve())], ladder, cwd=Path(out).resolve().parent)
        if err is None:
            ladder_to_beads(ladder, out)
        return dt, err
    return run


# ---------------------------------------------------------------------------------------------
# Noise and scores

def make_noisy(doc, profile, seed, out_dir):
    src, tgt, gold, sl, tl, _ = DOCS[doc]
    # Filler: the target sides of the OTHER documents with the same target language, always the
    # full list in a fixed order (so that --docs does not change the noise).
    fillers = [str(d[1]) for n, d in DOCS.items() if n != doc and d[4] == tl]
    cmd = [sys.executable, str(NOISY), "make", "--src", str(src), "--tgt", str(tgt),
           "--gold", str(gold), "--out", str(out_dir), "--tgt-lang", tl,
           "--seed", str(seed), "--profile", profile]
    for f in fillers:
        cmd += ["--filler-tgt", f]
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    return json.load(open(out_dir / "noise.json"))


def score_clean(gold, pred):
    p = subprocess.run([sys.executable, str(SCORE), "-g", str(gold), "-t", str(pred), "--json"],
                       capture_output=True, text=True, check=True)
    r = json.loads(p.stdout.strip().splitlines()[-1])
    return {k: r[k] for k in ("f1_strict", "precision_strict", "recall_strict", "f1_lax")}


def score_noisy(noisy_dir, pred):
    p = subprocess.run([sys.executable, str(NOISY), "score", str(noisy_dir), str(pred)],
                       capture_output=True, text=True, check=True)
    return json.loads(p.stdout.strip().splitlines()[-1])


def read_beads(path):
    """Beads of a Vecalign-format file as (source indices, target indices)."""
    beads = []
    for line in open(path, encoding="utf-8"):
        line = line.strip()
        if not line:
            continue
        a, b = line.split(":")[:2]
        beads.append(tuple([int(x) for x in side.strip().strip("[]").split(",") if x.strip()]
                           for side in (a, b)))
    return beads


def gold_precision(noisy_dir, pred):
    """Share of the sentences the aligner left unaligned that the noisy gold leaves unaligned
    too: the noise, and what the translation itself adds or leaves out (the clean gold's own
    1-0 and 0-1 beads, which noisy_align.py's precision counts as errors). None when nothing
    was left unaligned."""
    gold = read_beads(Path(noisy_dir) / "gold")
    gold_s = {i for s, t in gold if not t for i in s}
    gold_t = {j for s, t in gold if not s for j in t}
    pred = read_beads(pred)
    un_s = {i for s, t in pred if not t for i in s}
    un_t = {j for s, t in pred if not s for j in t}
    if not un_s and not un_t:
        return None
    return (len(un_s & gold_s) + len(un_t & gold_t)) / (len(un_s) + len(un_t))


def unaligned_count(pred):
    """Sentences the aligner left unaligned (in 1-0 / 0-1 beads): the base of unaligned_precision."""
    n = 0
    for line in open(pred, encoding="utf-8"):
        line = line.strip()
        if not line:
            continue
        a, b = line.split(":")[:2]
        a, b = a.strip().strip("[]").strip(), b.strip().strip("[]").strip()
        if not a or not b:
            n += len([x for x in (a or b).split(",") if x.strip()])
    return n


# ---------------------------------------------------------------------------------------------
# Tables

def mean(xs):
    xs = [x for x in xs if x is not None]
    return statistics.mean(xs) if xs else None


def fnum(x, pct=False, nd=3):
    if x is None:
        return "–"
    t = "%.1f" % (100 * x) if pct else "%.*f" % (nd, x)
    return t[1:] if t.startswith("-") and not t.strip("-0.") else t  # no "-0.000"


def fmm(xs, pct=False, nd=3):
    """mean (min–max) of the seeds' values."""
    xs = [x for x in xs if x is not None]
    if not xs:
        return "–"
    m = fnum(statistics.mean(xs), pct, nd)
    if len(xs) == 1 or max(xs) == min(xs):
        return m
    return "%s (%s–%s)" % (m, fnum(min(xs), pct, nd), fnum(max(xs), pct, nd))


def row_figures(clean, noisy_runs):
    """Per-seed lists of each figure for one (document or group) × profile.

    clean: clean F1 (float or None), clean time; noisy_runs: list over seeds of dicts."""
    f = {"clean_f1": clean[0], "clean_time": clean[1]}
    for k in NOISY_KEYS:
        f[k] = [r.get(k) for r in noisy_runs]
    f["drop"] = [None if (clean[0] is None or r.get("f1_strict") is None) else clean[0] - r["f1_strict"]
                 for r in noisy_runs]
    f["time"] = [r.get("time") for r in noisy_runs]
    return f


def group_figures(res, aligner, docs, profile, seeds):
    """Book-averaged figures per seed: for each seed, the mean over the group's documents."""
    clean_f1 = mean([res[aligner][d]["clean"].get("f1_strict") for d in docs])
    clean_t = mean([res[aligner][d]["clean"].get("time") for d in docs])
    per_seed = []
    for s in seeds:
        runs = [res[aligner][d]["noisy"][profile].get(str(s), {}) for d in docs]
        per_seed.append({k: mean([r.get(k) for r in runs]) for k in NOISY_KEYS + ["time"]})
    return row_figures((clean_f1, clean_t), per_seed)


HEAD = ("| document | profile | clean F1 | noisy F1 | drop | added tgt unaligned % "
        "| dropped src unaligned % | precision of unaligned % | unaligned the gold leaves unaligned % "
        "| time s (clean / noisy) |\n"
        "|---|---|---|---|---|---|---|---|---|---|")


def fmt_row(name, profile, f):
    return "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s / %s |" % (
        name, profile, fnum(f["clean_f1"]), fmm(f["f1_strict"]), fmm(f["drop"]),
        fmm(f["added_left_unaligned"], True), fmm(f["dropped_left_unaligned"], True),
        fmm(f["unaligned_precision"], True), fmm(f["unaligned_gold_precision"], True),
        fnum(f["clean_time"], nd=2), fmm(f["time"], nd=2))


def aligner_table(res, aligner, docs, profiles, seeds):
    out = ["### %s" % aligner, "", HEAD]
    for d in docs:
        for p in profiles:
            runs = [res[aligner][d]["noisy"][p].get(str(s), {}) for s in seeds]
            c = res[aligner][d]["clean"]
            out.append(fmt_row(d, p, row_figures((c.get("f1_strict"), c.get("time")), runs)))
    for g in GROUPS:
        gd = [d for d in docs if DOCS[d][5] == g]
        if not gd:
            continue
        label = "**%s mean (%d doc%s)**" % (g, len(gd), "s" if len(gd) > 1 else "")
        for p in profiles:
            out.append(fmt_row(label, p, group_figures(res, aligner, gd, p, seeds)))
    return "\n".join(out)


def ratio(a, b):
    if a is None or b is None or b == 0:
        return "–"
    return "%.2f" % (a / b)


def compare_table(res, a1, a2, docs, profiles, seeds):
    cols = [("clean strict F1", "clean_f1", False), ("noisy strict F1", "f1_strict", False),
            ("drop (clean − noisy)", "drop", False),
            ("added tgt unaligned %", "added_left_unaligned", True),
            ("dropped src unaligned %", "dropped_left_unaligned", True),
            ("precision of unaligned %", "unaligned_precision", True),
            ("unaligned the gold leaves unaligned %", "unaligned_gold_precision", True),
            ("time s, clean", "clean_time", False), ("time s, noisy", "time", False)]
    out = ["### %s beside %s (group means over documents and seeds)" % (a1, a2), "",
           "| group | profile | figure | %s | %s | %s / %s |" % (a1, a2, a1, a2), "|---|---|---|---|---|---|"]
    for g in GROUPS:
        gd = [d for d in docs if DOCS[d][5] == g]
        if not gd:
            continue
        for p in profiles:
            f1, f2 = group_figures(res, a1, gd, p, seeds), group_figures(res, a2, gd, p, seeds)
            for label, k, pct in cols:
                v1, v2 = f1[k], f2[k]
                v1 = mean(v1) if isinstance(v1, list) else v1
                v2 = mean(v2) if isinstance(v2, list) else v2
                nd = 2 if "time" in k else 3
                out.append("| %s | %s | %s | %s | %s | %s |" % (
                    g, p, label, fnum(v1, pct, nd), fnum(v2, pct, nd), ratio(v1, v2)))
    return "\n".join(out)


# ---------------------------------------------------------------------------------------------

def pick_docs(spec):
    if not spec:
        return list(DOCS)
    out = []
    for w in spec.split(","):
        w = w.strip().lower()
        if not w:
            continue
        if w == "transread":
            hits = BOOKS
        else:
            hits = [n for n in DOCS if n.lower() == w] or [n for n in DOCS if n.lower().startswith(w)]
        if len(hits) != 1 and w != "transread":
            sys.exit("--docs: %r matches %s (documents: %s)" % (w, hits or "nothing", ", ".join(DOCS)))
        out += [h for h in hits if h not in out]
    return [n for n in DOCS if n in out]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--entente", required=True, help="path of the entente executable")
    ap.add_argument("--hunalign", help="path of the hunalign executable (skipped when absent)")
    ap.add_argument("--hunalign-dict", default="/tmp/hunalign/empty.dic",
                    help="hunalign dictionary (default: an empty file, created when missing)")
    ap.add_argument("--seeds", default="1,2,3")
    ap.add_argument("--profiles", default="news,heavy")
    ap.add_argument("--docs", default="", help="comma-separated: %s, or transread" % ", ".join(DOCS))
    ap.add_argument("--json", help="write all raw figures to this file")
    ap.add_argument("--keep", help="make the noisy pairs and outputs in this folder and keep them")
    a = ap.parse_args()

    seeds = [int(s) for s in a.seeds.split(",") if s.strip()]
    profiles = [p.strip() for p in a.profiles.split(",") if p.strip()]
    for p in profiles:
        if p not in PROFILES:
            ap.error("--profiles: unknown %r (news, heavy)" % p)
    docs = pick_docs(a.docs)

    aligners = {}
    if not (os.path.isfile(a.entente) and os.access(a.entente, os.X_OK)):
        ap.error("--entente: %s is not an executable file" % a.entente)
    aligners["Entente"] = entente_aligner(os.path.abspath(a.entente))
    if a.hunalign and os.path.isfile(a.hunalign) and os.access(a.hunalign, os.X_OK):
        dic = Path(a.hunalign_dict)
        if not dic.exists():
            dic.parent.mkdir(parents=True, exist_ok=True)
            dic.write_text("")
        aligners["hunalign"] = hunalign_aligner(os.path.abspath(a.hunalign), dic)
    elif a.hunalign:
        print("hunalign: %s not found, skipped" % a.hunalign, file=sys.stderr)

    if a.keep:
        work = Path(a.keep)
        work.mkdir(parents=True, exist_ok=True)
        cleanup = None
    else:
        cleanup = tempfile.TemporaryDirectory(prefix="entente-noisy-")
        work = Path(cleanup.name)

    res = {name: {d: {"clean": {}, "noisy": {p: {} for p in profiles}} for d in docs} for name in aligners}
    noise = {}
    errors = []
    t_start = time.perf_counter()
    try:
        for d in docs:
            src, tgt, gold, sl, tl, _ = DOCS[d]
            for name, run in aligners.items():
                out = work / ("%s.clean.%s.beads" % (d, name))
                dt, err = run(src, tgt, sl, tl, out)
                r = {"time": dt}
                if err:
                    r["error"] = err
                    errors.append("%s %s clean: %s" % (name, d, err))
                else:
                    r.update(score_clean(gold, out))
                    r["unaligned_predicted"] = unaligned_count(out)
                res[name][d]["clean"] = r
                print("%-9s %-30s clean        F1 %s  %.2fs" % (name, d, fnum(r.get("f1_strict")), dt),
                      file=sys.stderr)
            for p in profiles:
                for s in seeds:
                    nd = work / ("%s.%s.%d" % (d, p, s))
                    info = make_noisy(d, p, s, nd)
                    noise["%s/%s/%d" % (d, p, s)] = {
                        "added_target": len(info["added_target"]),
                        "dropped_source": len(info["dropped_source"]),
                        "source_lines": info["source_lines"], "target_lines": info["target_lines"]}
                    for name, run in aligners.items():
                        out = nd / ("%s.beads" % name)
                        dt, err = run(nd / "src.txt", nd / "tgt.txt", sl, tl, out)
                        r = {"time": dt}
                        if err:
                            r["error"] = err
                            errors.append("%s %s %s seed %d: %s" % (name, d, p, s, err))
                        else:
                            r.update(score_noisy(nd, out))
                            r["unaligned_gold_precision"] = gold_precision(nd, out)
                            r["unaligned_predicted"] = unaligned_count(out)
                        res[name][d]["noisy"][p][str(s)] = r
                        print("%-9s %-30s %-5s seed %d F1 %s  %.2fs" % (
                            name, d, p, s, fnum(r.get("f1_strict")), dt), file=sys.stderr)
    finally:
        if cleanup is not None:
            cleanup.cleanup()

    parts = ["## Real-article noise (noisy_align.py): profiles %s, seeds %s" % (
        ", ".join(profiles), ", ".join(map(str, seeds))), "",
        "Figures: mean over seeds (min–max). drop = clean F1 − noisy F1. Group rows: the mean over "
        "the group's documents, per seed, then over seeds. precision of unaligned % is 0 when an "
        "aligner leaves nothing unaligned (see unaligned_predicted in the JSON).", ""]
    for name in aligners:
        parts += [aligner_table(res, name, docs, profiles, seeds), ""]
    if "hunalign" in aligners:
        parts += [compare_table(res, "Entente", "hunalign", docs, profiles, seeds), ""]
    if errors:
        parts += ["Errors:", ""] + ["- " + e for e in errors] + [""]
    print("\n".join(parts))
    print("total wall time %.1fs" % (time.perf_counter() - t_start), file=sys.stderr)

    if a.json:
        with open(a.json, "w", encoding="utf-8") as f:
            json.dump({"seeds": seeds, "profiles": profiles, "docs": docs,
                       "aligners": {"Entente": os.path.abspath(a.entente),
                                    **({"hunalign": os.path.abspath(a.hunalign),
                                        "hunalign_dict": str(a.hunalign_dict)}
                                       if "hunalign" in aligners else {})},
                       "noise": noise, "results": res, "errors": errors}, f, indent=1)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
