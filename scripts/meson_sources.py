#!/usr/bin/env python3
"""Lists the programs of the CMake build for meson.build, so the two builds never disagree.

Usage: meson_sources.py tests   -> one line per apiquery_add_test():
                                   name<TAB>area<TAB>src1,src2,...<TAB>header_only<TAB>lib1,lib2,...
       meson_sources.py glob DIR PATTERN -> the files of DIR matching PATTERN, sorted, one per line
"""
import pathlib
import re
import sys

root = pathlib.Path(__file__).resolve().parent.parent


def tests():
    call = re.compile(r"apiquery_add_test\(\s*(\S+)(.*?)\)", re.S)
    for cml in sorted((root / "tests").glob("**/CMakeLists.txt")):
        area = cml.parent.relative_to(root / "tests").as_posix()
        text = re.sub(r"#[^\n]*", "", cml.read_text())
        for m in call.finditer(text):
            name, rest = m.group(1), m.group(2)
            words = rest.split()
            sources, libs, mode = [], [], None
            for w in words:
                if w in ("SOURCES", "LIBS", "LABELS"):
                    mode = w
                elif w == "HEADER_ONLY":
                    mode = None
                elif mode == "SOURCES":
                    sources.append(f"tests/{area}/{w}")
                elif mode == "LIBS":
                    libs.append(w)
            header_only = "HEADER_ONLY" in words
            if sources and "${" not in "".join(sources):
                print(f"{name}\t{area.replace('/', '_')}\t{','.join(sources)}\t{int(header_only)}\t{','.join(libs)}")


def glob(directory, pattern):
    for p in sorted((root / directory).glob(pattern)):
        print(p.relative_to(root).as_posix())


if __name__ == "__main__":
    if sys.argv[1] == "tests":
        tests()
    elif sys.argv[1] == "glob":
        glob(sys.argv[2], sys.argv[3])
    else:
        sys.exit("usage: meson_sources.py tests | glob DIR PATTERN")
