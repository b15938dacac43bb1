#!/usr/bin/env python3
"""Writes tests/data/request_query_vectors.tsv: raw query strings and what Starlette decodes them to.

Each line is `<hex of the raw query bytes>\t<JSON list of [name, value] pairs>` where the pairs are
urllib.parse.parse_qsl(raw.decode("latin-1"), keep_blank_values=True) (CPython 3.11), written with
ensure_ascii=True so the file stays ASCII. test_query_string.cpp checks apiquery's decoding against it.

    python3 tests/endpoints/tokens/gen_query_vectors.py > tests/data/request_query_vectors.tsv
"""
import json
import random
import sys
import urllib.parse

PIECES = [b"a", b"b", b"=", b"&", b"&&", b"+", b"%", b"%2", b"%20", b"%2B", b"%26", b"%3D", b"%zz", b"%G0",
          b"%41", b"%e2%82%ac", b"%E2%82", b"%FF", b"%C3", b"%A9", b"%C3%A9", b"\xc3\xa9", b"\xff", b"\x80",
          b"%F0%9F%98%80", b"%F0%80%80", b"%ED%A0%80", b"%C0%AF", b"%F4%90%80%80", b"%EF%BF%BF", b"%00",
          b";", b"x", b"limit", b"%E0%A0", b"%E0%80", b"%F0%90%80", b"%F4%8F%BF%BF", b" ", b"\t", b"%%",
          b"%%41", b"%C2", b"%C2%80", b"%DF%BF", b"%E1%80%80"]


def main():
    rng = random.Random(6)
    seen = set()
    out = sys.stdout
    fixed = [b"", b"&", b"a", b"a=", b"=a", b"=", b"a=1&a=2", b"a=b=c", b"a+b=c+d", b"%61=%62"]
    while len(seen) < 3000:
        raw = fixed[len(seen)] if len(seen) < len(fixed) else b"".join(
            rng.choice(PIECES) for _ in range(rng.randint(1, 12)))
        if raw in seen:
            continue
        seen.add(raw)
        pairs = urllib.parse.parse_qsl(raw.decode("latin-1"), keep_blank_values=True)
        out.write(raw.hex() + "\t" + json.dumps([list(p) for p in pairs], ensure_ascii=True) + "\n")


if __name__ == "__main__":
    main()
