#!/usr/bin/env python3
"""Checks `apiquery filter --profile ...` byte for byte: output lines and exit codes (docs/profile.md, CLI).

    python3 tests/profile/cli_profile_test.py path/to/apiquery
"""
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from cli_harness import Harness  # noqa: E402

h = Harness(sys.argv[1], command=["filter"])
run, check = h.run, h.check


def refused(code, position, end, message):
    return json.dumps({"error": {"code": code, "position": position, "end": end, "message": message}},
                      separators=(",", ":"), ensure_ascii=False) + "\n"


def same_as_without_profile(profile, expr, extra=()):
    """Accepted: the output is exactly the output without --profile."""
    plain = run([*extra, expr])
    if plain[0] != 0:
        h.fail(f"{expr!r} does not parse: {plain!r}")
        return
    check([*extra, "--profile", profile, expr], plain[1], 0)


# Accepted: the same JSON as without a profile.
check(["--profile", "tokens", "name eq 'ci-token'"],
      '{"op":"eq","args":[{"path":["name"]},{"literal":"string","value":"ci-token"}]}\n', 0)
check(["--profile=files", "category eq 'news' and published_date ge '2025-01-01'"],
      '{"op":"and","args":[{"op":"eq","args":[{"path":["category"]},{"literal":"string","value":"news"}]},'
      '{"op":"ge","args":[{"path":["published_date"]},{"literal":"string","value":"2025-01-01"}]}]}\n', 0)
for expr in ["created_at ge '2025-01-01' and expires_at eq null", "organization_role eq 'ADMIN' and personal",
             "api_token_id eq 550e8400-e29b-41d4-a716-446655440000", "user/given_name ge 'A'",
             "created_at ge 2025-11-21T00:00:00Z"]:
    same_as_without_profile("tokens", expr)
    same_as_without_profile("tokens", expr, ["--format", "odata"])
for expr in ["tags/any(t: contains(t,'x')) and price mul 2 gt 10.5", "@p eq 1", "x in (1, 2, null)"]:
    same_as_without_profile("full", expr)
check(["--profile", "tokens", "--format", "odata", "NAME EQ 'x'"],
      refused("unknown_field", 0, 4, "unknown field 'NAME' (did you mean 'name'?)"), 1)
check(["--profile", "tokens", "--format", "odata", "name EQ 'x' AND (personal)"], "name eq 'x' and personal\n", 0)
check(["--format", "none", "--profile", "tokens", "name eq 'x'"], "", 0)

# Refused: the error object with the offending node's span, exit 1, whatever the format.
check(["--profile", "tokens", "personal eq 'yes'"],
      refused("type_mismatch", 12, 17, "field 'personal' is boolean; 'yes' is a string"), 1)
check(["--profile", "tokens", "name eq 'a' or name eq 'b'"],
      refused("unsupported_operator", 12, 26,
              "operator 'or' is not supported by this endpoint (supported: eq, ge, and)"), 1)
# A refused operator is reported at its keyword; the span ends with its expression.
check(["--profile", "tokens", "organization_role ge 'ADMIN'"],
      refused("type_mismatch", 18, 28, "operator 'ge' needs ordered values; field 'organization_role' is enum "
              "(ADMIN, MEMBER, EXTERNAL)"), 1)
check(["--profile", "tokens", "name eq 'a' and workspaces/any(w: w eq 'x')"],
      refused("unsupported_lambda", 27, 43, "lambda 'any' is not supported by this endpoint"), 1)
check(["--profile", "tokens", "nmae eq 'x'"],
      refused("unknown_field", 0, 4, "unknown field 'nmae' (did you mean 'name'?)"), 1)
check(["--profile", "tokens", "name eq 'x' and contains(name,'ci')"],
      refused("unsupported_function", 16, 35, "function 'contains' is not supported by this endpoint"), 1)
check(["--profile", "tokens", "--format", "none", "name ne 'x'"],
      refused("unsupported_operator", 5, 11,
              "operator 'ne' is not supported by this endpoint (supported: eq, ge, and)"), 1)
check(["--profile", "tokens", "--format", "odata", "created_at eq null"],
      refused("null_not_allowed", 14, 18, "field 'created_at' is not nullable; it cannot be compared with null"), 1)
check(["--profile", "tokens", "masked_token eq 'x'"],
      refused("field_not_filterable", 0, 12, "field 'masked_token' cannot be used in a filter"), 1)
check(["--profile", "tokens", "created_at ge '2025-13-01'"],
      refused("invalid_value", 14, 26, "'2025-13-01' is not a date or date-time (YYYY-MM-DD or "
              "YYYY-MM-DDThh:mm:ssZ): month must be 01-12"), 1)
check(["--profile", "tokens", "personal eq 'say \"hi\"'"],
      refused("type_mismatch", 12, 22, "field 'personal' is boolean; 'say \"hi\"' is a string"), 1)
check(["--profile", "tokens", "name eq 'é' and x eq 1"],
      refused("unknown_field", 17, 18, "unknown field 'x'"), 1)
check(["--profile", "files", "category eq 'news' or category eq 'blog'"],
      refused("unsupported_operator", 19, 40,
              "operator 'or' is not supported by this endpoint (supported: eq, ge, and)"), 1)
# full has no type checking (anything the grammar accepts): what the type rules refuse elsewhere passes.
for expr in ["$root/x eq 1", "1 eq 'a'", "$it", "isof(Edm.Int32)", "cast(Edm.Int32) eq 1", "null add 1 eq 2",
             "length(null) eq 1", "true gt false"]:
    same_as_without_profile("full", expr)
check(["--profile", "files", "$root/x eq 1"],
      refused("unsupported_expression", 0, 7, "'$root' is not supported by this endpoint"), 1)
check(["--profile", "files", "1 eq 'a'"], refused("type_mismatch", 5, 8, "1 is an int; 'a' is a string"), 1)

# A syntax error is the parser's error, exactly as without --profile (no "end").
check(["--profile", "tokens", "name eq"],
      '{"error":{"code":"syntax","position":7,"message":"expected an operand after \'eq\'"}}\n', 1)
check(["--profile", "tokens", "nm ?"], run(["nm ?"])[1], 1)

# Standard input and --lines (a syntax error line is what the parser prints without --profile).
syntax_error_line = run(["nm ?"])[1]
check(["--profile", "tokens", "-"], refused("unknown_field", 0, 4, "unknown field 'nmae' (did you mean 'name'?)"), 1,
      stdin="nmae eq 'x'\n")
check(["--profile", "tokens", "--lines"],
      '{"op":"eq","args":[{"path":["name"]},{"literal":"string","value":"x"}]}\n'
      + refused("unsupported_operator", 5, 11,
                "operator 'ne' is not supported by this endpoint (supported: eq, ge, and)")
      + syntax_error_line, 0,
      stdin="name eq 'x'\nname ne 'x'\nnm ?\n")
check(["--profile", "tokens", "--lines", "--format", "none"], "1 accepted, 2 rejected\n", 0,
      stdin="name eq 'x'\nname ne 'x'\nnm ?\n")

# Bad command lines: exit 64, message on standard error.
check(["--profile", "nope", "a eq 1"], "", 64, expect_stderr=True)
check(["--profile"], "", 64, expect_stderr=True)
check(["--profile=", "a eq 1"], "", 64, expect_stderr=True)

h.finish("apiquery filter --profile")
