#!/usr/bin/env python3
"""Peak memory and wall time of each `entente` command, per input size and on hostile shapes.

Generates its inputs in a temporary folder (realistic English and French made by repeating the
fixture articles; a TMX and a TBX of the same size; the hostile shapes of issue #14), runs the
release binary on each, and prints a Markdown table: wall time, peak RSS (wait4's ru_maxrss) and
peak RSS over the input size.

    swift build -c release -j 1 --product entente
    python3 Benchmarks/memory/run.py [--binary .build/release/entente] [--sizes 10,50]
                                     [--align-sizes 5,20] [--skip-hostile] [--timeout 300]

Sizes are in MB: --sizes for the commands that read one text (segment, check, normalize, TBX and
TMX reading), --align-sizes for those that align two texts (the English side of that size, the
French side the same articles as many times: align, quotes, check SOURCE TARGET, glossary build). Inputs and outputs are in a temporary folder, removed at
the end; the commands write to /dev/null.
"""

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from html import escape

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ARTICLES = ["000_05abb257ab565b45", "001_783406020c5c45de"]


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def repeated(text, size):
    """`text` repeated to at least `size` bytes."""
    return text * (size // len(text.encode()) + 1)


def write(path, text):
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    return path


def tmx(path, source_lines, target_lines, size):
    """A TMX of at least `size` bytes, unit k pairing line k of each side (lines repeated)."""
    pairs = [(s, t) for s, t in zip(source_lines, target_lines) if s.strip() and t.strip()]
    with open(path, "w", encoding="utf-8") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header srclang="en" '
                'adminlang="en" segtype="paragraph" o-tmf="x" datatype="plaintext" '
                'creationtool="memory-bench" creationtoolversion="1"/>\n<body>\n')
        written, k = 0, 0
        while written < size:
            s, t = pairs[k % len(pairs)]
            unit = (f'<tu tuid="{k + 1}"><tuv xml:lang="en"><seg>{escape(s)}</seg></tuv>'
                    f'<tuv xml:lang="fr"><seg>{escape(t)}</seg></tuv></tu>\n')
            f.write(unit)
            written += len(unit.encode())
            k += 1
        f.write("</body></tmx>\n")
    return path


def tbx(path, size):
    """A TBX-Basic glossary of at least `size` bytes, three terms per concept."""
    with open(path, "w", encoding="utf-8") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n<tbx type="TBX-Basic" style="dca" '
                'xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2"><text><body>\n')
        written, k = 0, 0
        while written < size:
            k += 1
            entry = (f'<conceptEntry id="c{k}"><langSec xml:lang="en"><termSec><term>central '
                     f'agency {k}</term></termSec></langSec><langSec xml:lang="fr"><termSec><term>'
                     f'agence centrale {k}</term></termSec><termSec><term>bureau central {k}'
                     f'</term><termNote type="administrativeStatus">deprecatedTerm-admn-sts'
                     f'</termNote></termSec></langSec></conceptEntry>\n')
            f.write(entry)
            written += len(entry.encode())
        f.write("</body></text></tbx>\n")
    return path


def capitalised_words(count, seed):
    rng = random.Random(seed)
    syllables = ["al", "pha", "bra", "vo", "char", "lie", "del", "ta", "ec", "ho", "fox", "trot"]
    return " ".join("".join(rng.choice(syllables) for _ in range(rng.randint(2, 3))).capitalize()
                    for _ in range(count))


def run_wait4(binary, arguments, timeout):
    """(seconds, peak RSS in bytes or None, status) of one run, through wait4."""
    start = time.monotonic()
    null = os.open(os.devnull, os.O_WRONLY)
    errors = tempfile.TemporaryFile()
    pid = os.fork()
    if pid == 0:
        try:
            os.dup2(null, 1)
            os.dup2(errors.fileno(), 2)
            os.execv(binary, [binary] + arguments)
        finally:
            os._exit(127)
    os.close(null)
    deadline = start + timeout
    while True:
        done, status, usage = os.wait4(pid, os.WNOHANG)
        if done:
            break
        if time.monotonic() > deadline:
            os.kill(pid, 9)
            _, status, usage = os.wait4(pid, 0)
            return time.monotonic() - start, usage.ru_maxrss * 1024, "timeout"
        time.sleep(0.02)
    seconds = time.monotonic() - start
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        errors.seek(0)
        message = errors.read().decode(errors="replace").strip().splitlines()
        print(f"  {' '.join(arguments)}: exit {code}: {message[-1] if message else ''}", file=sys.stderr)
    return seconds, usage.ru_maxrss * 1024, code


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build/release/entente"))
    parser.add_argument("--sizes", default="10,50")
    parser.add_argument("--align-sizes", default="5,20")
    parser.add_argument("--skip-hostile", action="store_true")
    parser.add_argument("--timeout", type=float, default=300)
    arguments = parser.parse_args()
    binary = os.path.abspath(arguments.binary)
    if not os.access(binary, os.X_OK):
        sys.exit(f"no entente binary at {binary}: swift build -c release -j 1 --product entente")
    en = "".join(read(f"{ROOT}/Fixtures/articles/{a}.en.txt") for a in ARTICLES)
    fr = "".join(read(f"{ROOT}/Fixtures/articles/{a}.txt") for a in ARTICLES)
    news = f"{ROOT}/Glossaries/news-en-fr.tbx"
    folder = tempfile.mkdtemp(prefix="entente-memory-")
    rows = []

    def measure(label, args, input_bytes):
        seconds, rss, status = run_wait4(binary, args, arguments.timeout)
        ratio = f"{rss / input_bytes:.1f}×" if rss else "–"
        mb = f"{rss / 1e6:.0f}" if rss else "–"
        note = "" if status in (0, 1) else f" ({status})"
        rows.append((label, f"{input_bytes / 1e6:.1f}", f"{seconds:.2f}{note}", mb, ratio))
        print(f"{label}: {input_bytes / 1e6:.1f} MB, {seconds:.2f} s{note}, {mb} MB peak, {ratio}",
              file=sys.stderr, flush=True)

    try:
        for size in [int(s) for s in arguments.sizes.split(",") if s]:
            b = size * 1_000_000
            f = write(f"{folder}/fr{size}.txt", repeated(fr, b))
            one_line = write(f"{folder}/fr{size}-one-line.txt", repeated(fr, b).replace("\n", " "))
            n = os.path.getsize(f)
            measure(f"segment --lang fr ({size} MB)", ["segment", f, "--lang", "fr"], n)
            measure(f"check (target only, news glossary) ({size} MB)",
                    ["check", f, "--glossary", news, "--fail-on", "never"], n)
            measure(f"check --typography ({size} MB)",
                    ["check", f, "--glossary", news, "--typography", "--fail-on", "never"], n)
            for form in ["key", "nfc", "casefold"]:
                measure(f"normalize --form {form} ({size} MB)", ["normalize", f, "--form", form], n)
            measure(f"normalize --form key, one line ({size} MB)",
                    ["normalize", one_line, "--form", "key"], os.path.getsize(one_line))
            g = tbx(f"{folder}/g{size}.tbx", b)
            measure(f"glossary validate (TBX, {size} MB)", ["glossary", "validate", g], os.path.getsize(g))
            t = tmx(f"{folder}/u{size}.tmx", repeated(en, 1).splitlines(), repeated(fr, 1).splitlines(), b)
            measure(f"check TMX with the news glossary ({size} MB TMX)",
                    ["check", t, "--glossary", news, "--fail-on", "never", "--no-freedict"],
                    os.path.getsize(t))
            os.remove(one_line)
            os.remove(g)
            os.remove(t)
            os.remove(f)
        for size in [int(s) for s in arguments.align_sizes.split(",") if s]:
            b = size * 1_000_000
            # The same number of copies on both sides: the target is a translation of the source.
            copies = b // len(en.encode()) + 1
            s = write(f"{folder}/en{size}.txt", en * copies)
            t = write(f"{folder}/fr{size}.txt", fr * copies)
            n = os.path.getsize(s) + os.path.getsize(t)
            label = f"({size} MB a side)"
            measure(f"align {label}", ["align", s, t, "--no-freedict"], n)
            measure(f"quotes {label}", ["quotes", s, t, "--no-freedict"], n)
            measure(f"check SOURCE TARGET {label}",
                    ["check", s, t, "--glossary", news, "--no-freedict", "--fail-on", "never"], n)
            measure(f"glossary build {label}", ["glossary", "build", s, t, "--no-freedict"], n)
            os.remove(s)
            os.remove(t)
        if not arguments.skip_hostile:
            words = 20_000
            s = write(f"{folder}/caps.en.txt", capitalised_words(words, 1) + ".\n")
            t = write(f"{folder}/caps.fr.txt", capitalised_words(words, 2) + ".\n")
            n = os.path.getsize(s) + os.path.getsize(t)
            measure(f"glossary build, one sentence of {words:,} capitalised words a side",
                    ["glossary", "build", s, t, "--no-freedict"], n)
            bracket = write(f"{folder}/bracket.txt", "( " + "mot ; Le chat " * 120_000 + ".\n")
            measure("segment, '(' then 120,000 '; Le' (no ')')", ["segment", bracket, "--lang", "fr"],
                    os.path.getsize(bracket))
            measure("check --typography, the same", ["check", bracket, "--glossary", news, "--typography",
                                                      "--fail-on", "never"], os.path.getsize(bracket))
            q = 2_000
            s = write(f"{folder}/quotes.en.txt", "".join(f"He said “word {k} and " for k in range(q)) + ".\n")
            t = write(f"{folder}/quotes.fr.txt", "".join(f"Il a dit « mot {k} et " for k in range(q)) + ".\n")
            measure(f"quotes, {q:,} unclosed quotes a side", ["quotes", s, t, "--no-freedict"],
                    os.path.getsize(s) + os.path.getsize(t))
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    print("| command and input | input (MB) | time (s) | peak RSS (MB) | peak RSS / input |")
    print("|---|---|---|---|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
