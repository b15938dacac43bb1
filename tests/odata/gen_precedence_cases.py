#!/usr/bin/env python3
"""Writes the precedence block of tests/data/filter_extra_testcases.yaml: every pair of precedence levels
of URL conventions §5.1.1 (primary has/in, unary - and not, multiplicative, additive, relational,
equality, and, or), each operator of a level against a representative of every other level in both
orders, plus left associativity within each level, with the expected JSON form and canonical text.

Usage: python3 tests/odata/gen_precedence_cases.py > /tmp/precedence.yaml
(then replace the block between the "BEGIN/END generated precedence cases" lines of the data file).
"""

# Binary levels, lowest first; each entry lists the level's operators.
LEVELS = [
    ("or", ["or"]),
    ("and", ["and"]),
    ("equality", ["eq", "ne"]),
    ("relational", ["gt", "ge", "lt", "le"]),
    ("additive", ["add", "sub"]),
    ("multiplicative", ["mul", "div", "divby", "mod"]),
]
LOGICAL = {"and", "or"}


def path(name):
    return '{"path":["%s"]}' % name


ENUM = '{"literal":"enum","type":"N.E","value":"x"}'
LIST1 = '{"list":[{"literal":"int","value":1}]}'


def op(name, *args):
    return '{"op":"%s","args":[%s]}' % (name, ",".join(args))


def quote(s):
    # YAML single-quoted scalar
    return "'" + s.replace("'", "''") + "'"


def case(name, text, json, canonical):
    print("  - Name: %s" % name)
    print("    Rule: boolCommonExpr")
    print("    Input: %s" % quote(text))
    print("    Json: %s" % quote(json))
    print("    Canonical: %s" % quote(canonical))
    print()


def level_of(o):
    for i, (_, ops) in enumerate(LEVELS):
        if o in ops:
            return i
    raise KeyError(o)


def main():
    print("  # BEGIN generated precedence cases (tests/odata/gen_precedence_cases.py)")
    print()
    all_ops = [o for _, ops in LEVELS for o in ops]
    a, b, c = path("a"), path("b"), path("c")
    # Binary vs binary: for every operator X and every operator Y of a lower level.
    for x in all_ops:
        for y in all_ops:
            if level_of(y) >= level_of(x):
                continue
            # a Y b X c  ->  Y(a, X(b,c))
            case("precedence - %s binds tighter than %s (right)" % (x, y),
                 "a %s b %s c" % (y, x), op(y, a, op(x, b, c)), "a %s b %s c" % (y, x))
            # a X b Y c  ->  Y(X(a,b), c)
            case("precedence - %s binds tighter than %s (left)" % (x, y),
                 "a %s b %s c" % (x, y), op(y, op(x, a, b), c), "a %s b %s c" % (x, y))
            # (a Y b) X c keeps its parentheses
            case("precedence - parentheses override %s over %s" % (x, y),
                 "(a %s b) %s c" % (y, x), op(x, op(y, a, b), c), "(a %s b) %s c" % (y, x))
    # Left associativity within a level (two different operators of the level, both orders).
    for _, ops in LEVELS:
        for x in ops:
            for y in ops:
                if x in LOGICAL:
                    # n-ary and flattened
                    case("associativity - %s is n-ary" % x, "a %s b %s c" % (x, y), op(x, a, b, c),
                         "a %s b %s c" % (x, y))
                    case("associativity - parenthesised %s flattens" % x, "a %s (b %s c)" % (x, y),
                         op(x, a, b, c), "a %s b %s c" % (x, y))
                    continue
                case("associativity - %s then %s is left-associative" % (x, y), "a %s b %s c" % (x, y),
                     op(y, op(x, a, b), c), "a %s b %s c" % (x, y))
                case("associativity - right-nested %s in %s keeps parentheses" % (y, x),
                     "a %s (b %s c)" % (x, y), op(x, a, op(y, b, c)), "a %s (b %s c)" % (x, y))
    # Unary (- and not) against every binary level, and primary (has, in) against unary and binary.
    for y in all_ops:
        case("precedence - unary minus binds tighter than %s" % y, "-a %s b" % y, op(y, op("neg", a), b),
             "-a %s b" % y)
        case("precedence - not binds tighter than %s" % y, "not a %s b" % y, op(y, op("not", a), b),
             "not a %s b" % y)
        case("precedence - not applied to a parenthesised %s" % y, "not (a %s b)" % y, op("not", op(y, a, b)),
             "not (a %s b)" % y)
        case("precedence - has binds tighter than %s (right)" % y, "a %s b has N.E'x'" % y,
             op(y, a, op("has", b, ENUM)), "a %s b has N.E'x'" % y)
        case("precedence - has binds tighter than %s (left)" % y, "b has N.E'x' %s c" % y,
             op(y, op("has", b, ENUM), c), "b has N.E'x' %s c" % y)
        case("precedence - in binds tighter than %s (right)" % y, "a %s b in (1)" % y,
             op(y, a, op("in", b, LIST1)), "a %s b in (1)" % y)
        case("precedence - in binds tighter than %s (left)" % y, "b in (1) %s c" % y,
             op(y, op("in", b, LIST1), c), "b in (1) %s c" % y)
    case("precedence - has binds tighter than unary minus", "-a has N.E'x'", op("neg", op("has", a, ENUM)),
         "-a has N.E'x'")
    case("precedence - has binds tighter than not", "not a has N.E'x'", op("not", op("has", a, ENUM)),
         "not a has N.E'x'")
    case("precedence - in binds tighter than not", "not a in (1)", op("not", op("in", a, LIST1)),
         "not a in (1)")
    case("precedence - in binds tighter than unary minus", "-a in (1)", op("neg", op("in", a, LIST1)),
         "-a in (1)")
    case("precedence - parenthesised negation as the left operand of has", "(-a) has N.E'x'",
         op("has", op("neg", a), ENUM), "(-a) has N.E'x'")
    case("precedence - has then in, left-associative", "a has N.E'x' in (1)",
         op("in", op("has", a, ENUM), LIST1), "a has N.E'x' in (1)")
    case("precedence - not not", "not not a", op("not", op("not", a)), "not not a")
    case("precedence - double negation", "-(-a)", op("neg", op("neg", a)), "--a")
    print("  # END generated precedence cases")


if __name__ == "__main__":
    main()
