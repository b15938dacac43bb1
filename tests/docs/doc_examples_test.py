#!/usr/bin/env python3
"""Runs the shell examples of README.md and docs/*.md and compares their output with what the page shows.

An example is a fenced code block with at least one line `$ COMMAND` where some command uses `apiquery`.
Each `$ ` line of such a block is a command; the lines after it, up to the next `$ ` line or the end of
the block, are its expected standard output, compared exactly (a block's commands run in order, so
`$ echo $?` prints the previous command's exit status, and `; echo $?` the command's own: that is how a
page states an exit code). In an expected line `...` stands for any text, so a page may elide part of a
long line; the line is first compared exactly.

Commands run through `bash -c` with `apiquery` on the PATH being the program under test, in a fresh
folder per block that holds a link to every top-level entry of the repository (so `data/...` and
`tests/...` resolve, and files an example creates do not land in the repository).

usage: doc_examples_test.py APIQUERY [--root REPO] [--list]
"""
import argparse
import os
import pathlib
import re
import subprocess
import sys
import tempfile

FENCE = re.compile(r"^\s*(```|~~~)")


def examples(path: pathlib.Path):
    """The blocks of one page: lists of (line number, command, [expected lines])."""
    blocks, block, in_fence = [], None, False
    for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), start=1):
        if FENCE.match(line):
            if in_fence and block and any(re.search(r"\bapiquery\b", cmd) for _, cmd, _ in block):
                blocks.append(block)
            in_fence, block = not in_fence, []
            continue
        if not in_fence:
            continue
        if line.startswith("$ "):
            block.append((number, line[2:], []))
        elif block:
            block[-1][2].append(line)
    return blocks


def matches(got: str, expected_lines):
    want = "".join(e + "\n" for e in expected_lines)
    if got == want:
        return True
    got_lines = got.split("\n")
    if got_lines[-1] != "" or len(got_lines) - 1 != len(expected_lines):
        return False
    for g, e in zip(got_lines, expected_lines):
        if "..." not in e:
            if g != e:
                return False
        elif not re.fullmatch(".*".join(re.escape(part) for part in e.split("...")), g, re.S):
            return False
    return True


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("apiquery", help="the apiquery program to run the examples with")
    ap.add_argument("--root", default=str(pathlib.Path(__file__).resolve().parents[2]), help="the repository")
    ap.add_argument("--list", action="store_true", help="print every example as it runs")
    args = ap.parse_args()
    root = pathlib.Path(args.root).resolve()
    pages = [root / "README.md"] + sorted((root / "docs").glob("*.md"))

    failures = count = 0
    with tempfile.TemporaryDirectory(prefix="apiquery-doc-") as tmp:
        bin_dir = pathlib.Path(tmp) / "bin"
        bin_dir.mkdir()
        (bin_dir / "apiquery").symlink_to(pathlib.Path(args.apiquery).resolve())
        env = dict(os.environ, PATH=f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}", LC_ALL="C.UTF-8")
        for page in pages:
            rel = page.relative_to(root).as_posix()
            for block_index, block in enumerate(examples(page)):
                work = pathlib.Path(tmp) / f"{page.stem}-{block_index}"
                work.mkdir()
                for entry in root.iterdir():
                    if entry.name not in (".git", "build"):
                        (work / entry.name).symlink_to(entry)
                status = 0
                for number, cmd, expected in block:
                    count += 1
                    if args.list:
                        print(f"{rel}:{number}: $ {cmd}")
                    try:
                        p = subprocess.run(["bash", "-c", f"(exit {status}); {cmd}"], cwd=work, env=env,
                                           capture_output=True, timeout=120, check=False)
                    except subprocess.TimeoutExpired:
                        failures += 1
                        print(f"{rel}:{number}: timed out: $ {cmd}")
                        continue
                    status = p.returncode
                    got = p.stdout.decode("utf-8", errors="replace")
                    if not matches(got, expected):
                        failures += 1
                        print(f"{rel}:{number}: $ {cmd}\n  page shows (line {number + 1}..):")
                        for e in expected or ["(no output)"]:
                            print(f"    {e}")
                        print(f"  program prints (exit {p.returncode}):")
                        for g in got.rstrip("\n").split("\n") if got else ["(no output)"]:
                            print(f"    {g}")
                        if p.stderr:
                            print(f"  standard error: {p.stderr.decode('utf-8', errors='replace').rstrip()}")
    print(f"{count} shell examples in {len(pages)} pages: {failures} mismatches")
    if count == 0:
        print("no example found: the extraction is broken")
        return 1
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
