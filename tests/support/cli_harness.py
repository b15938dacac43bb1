"""The harness of the Python tests of the `apiquery` command-line program: run it, compare what it
printed and its exit code, count failures, exit 1 when there were any.

    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
    from cli_harness import Harness
    h = Harness(sys.argv[1], command=["filter"])
    h.check(["name eq 'x'"], '{"op":"eq",...}\\n', 0)
    h.finish("apiquery filter")
"""
import subprocess
import sys


class Harness:
    def __init__(self, program, command=(), stdin=None):
        """program: the apiquery binary; command: words put before every call's arguments
        (["filter"]); stdin: what standard input gets when a call gives none (None: inherited)."""
        self.program = program
        self.command = list(command)
        self.default_stdin = stdin
        self.failures = 0

    def run(self, args, stdin=None):
        """(exit code, stdout, stderr) of `program command... args`; stdin is str (UTF-8) or bytes."""
        if stdin is None:
            stdin = self.default_stdin
        if isinstance(stdin, str):
            stdin = stdin.encode("utf-8")
        p = subprocess.run([self.program, *self.command, *args], input=stdin, capture_output=True, check=False)
        return p.returncode, p.stdout.decode("utf-8"), p.stderr.decode("utf-8")

    def fail(self, message):
        self.failures += 1
        print(f"FAIL {message}")

    def expect(self, what, got, want):
        """A failure when got != want."""
        if got != want:
            self.fail(f"{what}:\n  got  {got!r}\n  want {want!r}")

    def check(self, args, expected_out, expected_code, stdin=None, expect_stderr=False):
        """The call prints exactly expected_out, exits expected_code, and writes to stderr or not."""
        code, out, err = self.run(args, stdin)
        if out != expected_out or code != expected_code or bool(err) != expect_stderr:
            words = " ".join(["apiquery", *self.command])
            self.fail(f"{words} {args!r} stdin={stdin!r}\n  expected exit {expected_code} {expected_out!r}"
                      f"\n  got      exit {code} {out!r} stderr={err!r}")

    def finish(self, name):
        """Prints the summary and exits: 1 when a check failed."""
        if self.failures:
            print(f"{name}: {self.failures} failure(s)")
            sys.exit(1)
        print(f"{name}: all checks passed")
        sys.exit(0)
