#!/usr/bin/env python3
"""Checks `apiquery filter` byte for byte: output lines and exit codes (docs/filter.md, CLI reference).

    python3 tests/odata/cli_filter_test.py path/to/apiquery
"""
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from cli_harness import Harness  # noqa: E402

h = Harness(sys.argv[1], command=["filter"])
run, check = h.run, h.check


def error(code, position, message):
    return json.dumps({"error": {"code": code, "position": position, "message": message}},
                      separators=(",", ":"), ensure_ascii=False) + "\n"


# One EXPR: the JSON form on one line, exit 0.
check(["name eq 'ci-token'"],
      '{"op":"eq","args":[{"path":["name"]},{"literal":"string","value":"ci-token"}]}\n', 0)
check(["--format", "json", "-5"], '{"literal":"int","value":-5}\n', 0)
check(["Products/any()"], '{"lambda":"any","path":{"path":["Products"]},"var":null,"body":null}\n', 0)
check(["1 sub 2 sub 3"], '{"op":"sub","args":[{"op":"sub","args":[{"literal":"int","value":1},'
      '{"literal":"int","value":2}]},{"literal":"int","value":3}]}\n', 0)
check(["(a and b) and c"], '{"op":"and","args":[{"path":["a"]},{"path":["b"]},{"path":["c"]}]}\n', 0)
check(["cast(a,Edm.Int32)"], '{"call":"cast","args":[{"path":["a"]},{"type":"Edm.Int32"}]}\n', 0)
check(["MATCHESPATTERN(a,'x')"],
      '{"call":"matchesPattern","args":[{"path":["a"]},{"literal":"string","value":"x"}]}\n', 0)
check(["x in (1)"], '{"op":"in","args":[{"path":["x"]},{"list":[{"literal":"int","value":1}]}]}\n', 0)
check(["x in (y)"], '{"op":"in","args":[{"path":["x"]},{"path":["y"]}]}\n', 0)
check(["style has Sales.Pattern'Yellow'"],
      '{"op":"has","args":[{"path":["style"]},{"literal":"enum","type":"Sales.Pattern","value":"Yellow"}]}\n', 0)
check(["'O''Neil'"], '{"literal":"string","value":"O\'Neil"}\n', 0)
# --format odata: canonical text
check(["--format", "odata", "Name EQ 'O''Neil' AND (Price LT 2.55)"], "Name eq 'O''Neil' and Price lt 2.55\n", 0)
check(["--format=odata", "(a or b) and c"], "(a or b) and c\n", 0)
# --format none: nothing for an accepted expression
check(["--format", "none", "a eq 1"], "", 0)
# errors: the error object on standard output, exit 1, whatever the format
check(["a eq"], error("syntax", 4, "expected an operand after 'eq'"), 1)
check(["--format", "none", "a eq"], error("syntax", 4, "expected an operand after 'eq'"), 1)
check(["--format", "odata", "foo(1)"], error("unknown_function", 3, "unknown function 'foo'"), 1)
check(["2012-02-30"], error("invalid_literal", 8, "invalid date: day out of range for the month"), 1)
check(["name eq 'abc"], error("syntax", 8, "unterminated string literal"), 1)
check(["contains(a)"], error("wrong_arity", 10, "contains() takes 2 arguments"), 1)
check(["x in [1]"], error("unsupported", 5, "JSON array and object literals are not supported"), 1)
check(["(" * 100 + "x" + ")" * 100], error("depth_limit", 64, "nesting depth limit 64 exceeded"), 1)
check([""], error("syntax", 0, "expected an expression"), 1)
# --odata-4.0: case-sensitive keywords
check(["--odata-4.0", "a eq 1"], '{"op":"eq","args":[{"path":["a"]},{"literal":"int","value":1}]}\n', 0)
check(["--odata-4.0", "a EQ 1"], error("syntax", 2, "expected an operator (eq, ne, gt, ge, lt, le, has, in, add, "
                                       "sub, mul, div, divby, mod, and, or) or the end of the expression"), 1)
# `-` reads standard input (one trailing newline removed); `--` ends the options
check(["-"], '{"path":["a"]}\n', 0, stdin="a\n")
check(["-"], '{"path":["a"]}\n', 0, stdin="a\r\n")
check(["-"], error("syntax", 1, "unexpected whitespace at the end of the expression"), 1, stdin="a \n")
check(["--", "--x"], '{"op":"neg","args":[{"op":"neg","args":[{"path":["x"]}]}]}\n', 0)
# --lines: one output line per input line, exit 0 once all are processed
lines = "a eq 1\nb eq\n\nItems/any()\nnot(x)"
check(["--lines"], '{"op":"eq","args":[{"path":["a"]},{"literal":"int","value":1}]}\n'
      + error("syntax", 4, "expected an operand after 'eq'")
      + error("syntax", 0, "expected an expression")
      + '{"lambda":"any","path":{"path":["Items"]},"var":null,"body":null}\n'
      + '{"op":"not","args":[{"path":["x"]}]}\n', 0, stdin=lines)
check(["--lines", "--format", "odata", "-"], "a eq 1\n" + error("syntax", 4, "expected an operand after 'eq'")
      + error("syntax", 0, "expected an expression") + "Items/any()\nnot x\n", 0, stdin=lines)
check(["--lines", "--format", "none"], "3 accepted, 2 rejected\n", 0, stdin=lines)
check(["--lines", "--format", "none"], "0 accepted, 0 rejected\n", 0, stdin="")
# many lines
many = "".join(f"f{i} eq {i}\n" for i in range(5000))
check(["--lines", "--format", "none"], "5000 accepted, 0 rejected\n", 0, stdin=many)
# bad command lines: exit 64, message on standard error
check([], "", 64, expect_stderr=True)
check(["a", "b"], "", 64, expect_stderr=True)
check(["--format"], "", 64, expect_stderr=True)
check(["--format", "xml", "a"], "", 64, expect_stderr=True)
check(["--bogus", "a"], "", 64, expect_stderr=True)
check(["--lines", "a eq 1"], "", 64, stdin="", expect_stderr=True)

h.finish("apiquery filter CLI")
