// Conformance of the $filter parser with the OASIS ABNF test cases (read at run time from the shared
// folder) and with the project's own cases in the same format (tests/data/filter_extra_testcases.yaml),
// plus the print/re-parse property over every accepted input. Known deviations from the OASIS cases
// are listed, each with its reason, in tests/data/filter_conformance_deviations.yaml; an entry that no
// longer deviates fails the test, so the list stays true.
#include "conformance.hpp"

#include <test_paths.hpp>

#include <catch2/catch.hpp>

#include <filesystem>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

using namespace apiquery;
using namespace apiquery::test;

namespace {

struct run_report {
    std::size_t cases_of_rules = 0;
    std::size_t in_scope = 0;
    std::size_t pass = 0;
    std::size_t pass_by_kind = 0;
    std::size_t positives = 0;
    std::size_t negatives = 0;
    std::size_t deviations = 0;
    std::map<std::string, std::size_t> skipped;
    std::map<std::string, std::pair<std::size_t, std::size_t>> by_rule; // rule -> (in scope, pass)
    std::vector<std::string> failures;
    std::vector<std::string> by_kind; // negatives passed by literal kind, with what happened
    std::vector<std::pair<std::string, std::string>> deviation_details;
    std::vector<std::string> stale_deviations;
    std::vector<case_outcome> accepted; // in-scope accepted cases (for the round-trip property)
};

using deviation_key = std::pair<std::string, std::string>; // rule, input

/// The known deviations of one case file: `file` is "oasis" or "extra".
std::map<deviation_key, std::string> read_deviations(const std::string& file) {
    std::map<deviation_key, std::string> out;
    const auto path = source_dir() / "tests/data/filter_conformance_deviations.yaml";
    for (const auto& c : read_yaml_cases(path.string())) {
        const std::string reason = c.value_or("Reason", "");
        const std::string where = c.value_or("File", "");
        REQUIRE_FALSE(reason.empty()); // every deviation says why
        REQUIRE((where == "oasis" || where == "extra"));
        if (where == file)
            out[{c.rule(), c.input()}] = reason;
    }
    return out;
}

run_report run_file(const std::vector<yaml_case>& cases,
                    const std::map<deviation_key, std::string>& deviations, bool oasis) {
    run_report rep;
    std::set<deviation_key> used;
    for (const auto& c : cases) {
        if (oasis && !in_rule_scope(c.rule()))
            continue;
        ++rep.cases_of_rules;
        case_outcome o;
        try {
            o = run_case(c, oasis);
        } catch (const std::exception& e) {
            rep.failures.push_back("line " + std::to_string(c.line) + ": harness error: " + e.what());
            continue;
        }
        if (!o.in_scope) {
            ++rep.skipped[o.skip];
            continue;
        }
        ++rep.in_scope;
        (c.fail_at() ? rep.negatives : rep.positives) += 1;
        ++rep.by_rule[c.rule()].first;
        rep.by_rule[c.rule()].second += o.pass ? 1 : 0;
        const deviation_key key{c.rule(), c.input()};
        const auto dev = deviations.find(key);
        if (o.pass) {
            ++rep.pass;
            if (o.by_kind) {
                ++rep.pass_by_kind;
                rep.by_kind.push_back(c.rule() + " `" + c.input() + "` (FailAt " +
                                      std::to_string(*c.fail_at()) + "): " + o.detail);
            }
            if (dev != deviations.end()) {
                rep.stale_deviations.push_back(c.rule() + " " + c.input());
                used.insert(key);
            }
        } else if (dev != deviations.end()) {
            ++rep.deviations;
            used.insert(key);
            rep.deviation_details.emplace_back(c.rule() + " `" + c.input() + "`: " + o.detail, dev->second);
        } else {
            std::ostringstream os;
            os << "line " << c.line << " [" << c.rule() << "] " << c.name() << "\n      input: " << c.input()
               << (c.fail_at() ? "\n      FailAt: " + std::to_string(*c.fail_at()) : std::string())
               << "\n      " << o.detail;
            rep.failures.push_back(os.str());
        }
        if (o.accepted)
            rep.accepted.push_back(std::move(o));
    }
    return rep;
}

void print_report(const std::string& title, const run_report& rep) {
    std::ostringstream os;
    os << "== " << title << "\n";
    os << "   cases of the rules in scope: " << rep.cases_of_rules << "\n";
    os << "   in scope: " << rep.in_scope << " (" << rep.positives << " positive, " << rep.negatives
       << " negative)\n";
    os << "   by rule (pass / in scope):";
    for (const auto& [rule, n] : rep.by_rule)
        os << " " << rule << " " << n.second << "/" << n.first;
    os << "\n   pass: " << rep.pass;
    if (rep.pass_by_kind)
        os << " (" << rep.pass_by_kind
           << " negatives by literal kind: the filter reads them as another literal)";
    for (const auto& b : rep.by_kind)
        os << "\n     - " << b;
    os << "\n   known deviations: " << rep.deviations << "\n";
    for (const auto& [what, why] : rep.deviation_details)
        os << "     - " << what << "\n       reason: " << why << "\n";
    std::size_t skipped = 0;
    for (const auto& [reason, n] : rep.skipped)
        skipped += n;
    os << "   skipped: " << skipped << "\n";
    for (const auto& [reason, n] : rep.skipped)
        os << "     " << n << " " << reason << "\n";
    os << "   failures: " << rep.failures.size() << "\n";
    for (const auto& f : rep.failures)
        os << "     " << f << "\n";
    for (const auto& s : rep.stale_deviations)
        os << "   stale deviation entry: " << s << "\n";
    std::cout << os.str() << std::flush;
}

/// parse(to_odata(ast)) == ast, idempotence, and json_text stability, for every accepted case.
std::vector<std::string> check_round_trips(const std::vector<case_outcome>& accepted) {
    std::vector<std::string> failures;
    for (const auto& o : accepted) {
        const auto& ast = *o.accepted;
        const std::string text = to_odata(ast);
        auto again = parse_filter(text, o.options);
        if (!again) {
            failures.push_back("`" + o.filter_text + "` prints as `" + text +
                               "`, which is rejected: " + describe_error(again.error()));
            continue;
        }
        if (!(*again == ast)) {
            failures.push_back("`" + o.filter_text + "` prints as `" + text +
                               "`, which parses differently:\n      " + json_text(ast) + "\n      " +
                               json_text(*again));
            continue;
        }
        if (to_odata(*again) != text)
            failures.push_back("`" + o.filter_text + "`: printing is not idempotent: `" + text + "` then `" +
                               to_odata(*again) + "`");
        if (json_text(*again) != json_text(ast))
            failures.push_back("`" + o.filter_text + "`: JSON differs after the round trip");
    }
    return failures;
}

/// Runs check_round_trips() and prints its counts and failures.
bool round_trips_hold(const std::vector<case_outcome>& accepted) {
    const auto rt = check_round_trips(accepted);
    std::cout << "   print/re-parse round trips: " << accepted.size() - rt.size() << " of " << accepted.size()
              << " accepted inputs\n";
    for (const auto& f : rt)
        std::cout << "     " << f << "\n";
    return rt.empty();
}

} // namespace

TEST_CASE("conformance: OASIS ABNF test cases") {
    const auto path = shared_dir() / "reference/odata-abnf/odata-abnf-testcases.yaml";
    if (!std::filesystem::exists(path)) {
        WARN("skipped: " << path << " is absent");
        return;
    }
    const auto cases = read_yaml_cases(path.string());
    REQUIRE(cases.size() > 500); // the file was read, not silently truncated
    const auto rep = run_file(cases, read_deviations("oasis"), true);
    print_report(
        "OASIS odata-abnf-testcases.yaml (rules boolCommonExpr, commonExpr, filter and the literal rules)",
        rep);
    CHECK(rep.in_scope > 100);
    CHECK(rep.in_scope == rep.pass + rep.deviations + rep.failures.size());
    CHECK(rep.failures.empty());
    CHECK(rep.stale_deviations.empty());

    CHECK(round_trips_hold(rep.accepted));
}

TEST_CASE("conformance: project cases (tests/data/filter_extra_testcases.yaml)") {
    const auto path = source_dir() / "tests/data/filter_extra_testcases.yaml";
    const auto cases = read_yaml_cases(path.string());
    REQUIRE(cases.size() > 100);
    const auto rep = run_file(cases, read_deviations("extra"), false);
    print_report("project cases tests/data/filter_extra_testcases.yaml", rep);
    // Every project case is in scope (no skipping).
    CHECK(rep.in_scope == rep.cases_of_rules);
    CHECK(rep.in_scope == rep.pass + rep.deviations + rep.failures.size());
    CHECK(rep.failures.empty());
    CHECK(rep.stale_deviations.empty());

    CHECK(round_trips_hold(rep.accepted));
}

TEST_CASE("conformance: every known deviation names an existing case") {
    auto keys_of = [](const std::filesystem::path& p) {
        std::set<deviation_key> keys;
        for (const auto& c : read_yaml_cases(p.string()))
            keys.insert({c.rule(), c.input()});
        return keys;
    };
    const auto oasis = shared_dir() / "reference/odata-abnf/odata-abnf-testcases.yaml";
    if (std::filesystem::exists(oasis)) {
        const auto keys = keys_of(oasis);
        for (const auto& [key, reason] : read_deviations("oasis")) {
            INFO("deviation entry " << key.first << " `" << key.second << "`");
            CHECK(keys.count(key) == 1);
        }
    }
    const auto keys = keys_of(source_dir() / "tests/data/filter_extra_testcases.yaml");
    for (const auto& [key, reason] : read_deviations("extra")) {
        INFO("deviation entry " << key.first << " `" << key.second << "`");
        CHECK(keys.count(key) == 1);
    }
}

TEST_CASE("conformance harness: percent-decoding keeps a map to encoded offsets") {
    const auto d = percent_decode("'O%27Neil'%2B+%zz%4");
    CHECK(d.text == "'O'Neil'++%zz%4");
    CHECK(d.encoded_offset(2) == 2);
    CHECK(d.encoded_offset(3) == 5);
    CHECK(d.encoded_offset(8) == 10);
    CHECK(d.encoded_offset(9) == 13);
    CHECK(d.encoded_offset(d.text.size()) == 19);
}

TEST_CASE("conformance harness: skip reasons") {
    yaml_case c;
    CHECK(skip_reason(c, "Name in ['a']") == "JSON array/object literal");
    CHECK(skip_reason(c, "x eq 'in [brackets]'").empty());
    CHECK(skip_reason(c, "geo.length(geography'SRID=0;Point(1 2)')") == "geo literal");
    CHECK(skip_reason(c, "Products/$count gt 0") == "$count/$filter path segment");
    CHECK(skip_reason(c, "Price/@Measures.Currency eq 'EUR'") == "annotation");
    CHECK(skip_reason(c, "Model.Available()") == "model-bound function call");
    CHECK(skip_reason(c, "Products/BestProduct()/Name") == "model-bound function call");
    CHECK(skip_reason(c, "Items(1)") == "key predicate");
    CHECK(skip_reason(c, "contains(Name,'x') and Products/any(p:p eq 1)").empty());
    CHECK(skip_reason(c, "geo.distance(a,b) lt 5").empty());
}

TEST_CASE("conformance harness: the YAML reader") {
    const auto cases =
        parse_yaml_cases("Constraints:\n  a: []\nTestCases:\n"
                         "  - Name: one\n    Rule: commonExpr\n    Input: a eq 1 # comment\n\n"
                         "  - Name:\n      folded\n      name\n    Rule: filter\n    FailAt: 3\n"
                         "    Input: \"x\\\n      y\\u00e9 z\n      w\"\n"
                         "  - Name: q\n    Rule: r\n    Input: 'it''s'\n    Expect:\n      - a:b\n");
    REQUIRE(cases.size() == 3);
    CHECK(cases[0].input() == "a eq 1");
    CHECK(cases[1].name() == "folded name");
    CHECK(cases[1].fail_at() == std::optional<std::size_t>(3));
    CHECK(cases[1].input() == "xy\xC3\xA9 z w");
    CHECK(cases[2].input() == "it's");
    CHECK(cases[2].expect == std::vector<std::string>{"a:b"});
    const auto blocks = parse_yaml_cases("TestCases:\n  - Name: x\n    Input: |\n      a\n       b\n\n"
                                         "    Reason: >-\n      one\n      two\n\n      three\n"
                                         "  - Name: y\n");
    REQUIRE(blocks.size() == 2);
    CHECK(blocks[0].input() == "a\n b\n");
    CHECK(blocks[0].value_or("Reason", "") == "one two\nthree");
    CHECK_THROWS(parse_yaml_cases("TestCases:\n  - Name: &anchor x\n"));
}
