#include <apiquery/request/query_string.hpp>

#include <catch2/catch.hpp>

#include "test_paths.hpp"

#include <boost/json/parse.hpp>

#include <fstream>
#include <string>
#include <utility>
#include <vector>

namespace {
using pairs = std::vector<std::pair<std::string, std::string>>;

pairs decode(std::string_view raw) {
    pairs out;
    apiquery::for_each_query_field(raw,
                                   [&](std::string_view n, std::string_view v) { out.emplace_back(n, v); });
    return out;
}

std::string from_hex(std::string_view hex) {
    std::string out;
    for (std::size_t i = 0; i + 1 < hex.size(); i += 2)
        out.push_back(static_cast<char>(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16)));
    return out;
}

static_assert(apiquery::split_request_target("/p?a=1?b").query == "a=1?b");
static_assert(apiquery::split_request_target("/p").has_query == false);
static_assert(apiquery::split_request_target("https://h:1/p?q").path == "/p");
static_assert(apiquery::split_request_target("http://h?q").path.empty());
static_assert(apiquery::is_unquoted_identity("limit=10"));
static_assert(!apiquery::is_unquoted_identity("a+b"));
} // namespace

TEST_CASE("query_string: parse_qsl(keep_blank_values=True) splitting", "[query_string]") {
    CHECK(decode("").empty());
    CHECK(decode("&&&").empty());
    CHECK(decode("a") == pairs{{"a", ""}});
    CHECK(decode("a=") == pairs{{"a", ""}});
    CHECK(decode("=x") == pairs{{"", "x"}});
    CHECK(decode("a=b=c") == pairs{{"a", "b=c"}});
    CHECK(decode("a=1;b=2") == pairs{{"a", "1;b=2"}});
    CHECK(decode("a=1&&b=2&") == pairs{{"a", "1"}, {"b", "2"}});
    CHECK(decode("a+b=c+d%2B") == pairs{{"a b", "c d+"}});
    CHECK(decode("%61=%62%26") == pairs{{"a", "b&"}});
}

TEST_CASE("query_string: percent escapes, replacement and latin-1 mojibake", "[query_string]") {
    CHECK(apiquery::unquote_plus("%zz%4%") == "%zz%4%");
    CHECK(apiquery::unquote_plus("%%41") == "%A");
    CHECK(apiquery::unquote_plus("%e2%82%ac") == "\xE2\x82\xAC");
    CHECK(apiquery::unquote_plus("%FF") == "\xEF\xBF\xBD");
    CHECK(apiquery::unquote_plus("%E2%82") == "\xEF\xBF\xBD");
    CHECK(apiquery::unquote_plus("%F0%80%80") == "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
    CHECK(apiquery::unquote_plus("\xC3\xA9") == "\xC3\x83\xC2\xA9"); // raw bytes: "Ã©"
    // A raw byte ends the ASCII run: the escape before it is decoded on its own.
    CHECK(apiquery::unquote_plus("%C3\xA9") == "\xEF\xBF\xBD\xC2\xA9");
    CHECK(apiquery::unquote("a+b") == "a+b");
    CHECK(apiquery::unquote_plus(std::string_view("%00", 3)) == std::string(1, '\0'));
}

TEST_CASE("query_string: last repeated name wins, names are case-sensitive", "[query_string]") {
    const apiquery::query_params q("limit=1&LIMIT=5&limit=200&x");
    REQUIRE(q.get("limit"));
    CHECK(*q.get("limit") == "200");
    CHECK(*q.get("LIMIT") == "5");
    CHECK(*q.get("x") == "");
    CHECK(q.get("Limit") == nullptr);
    CHECK(q.fields().size() == 4);
}

TEST_CASE("query_string: quote and quote_plus round-trip", "[query_string]") {
    std::string s;
    apiquery::append_quoted(s, "a b&c=d/é~_.-", true);
    CHECK(s == "a+b%26c%3Dd%2F%C3%A9~_.-");
    s.clear();
    apiquery::append_quoted(s, "a b+", false);
    CHECK(s == "a%20b%2B");
    s.clear(); // quote(s, safe=":/%"): the safe bytes stay, a space is %20
    apiquery::append_quoted_safe(s, "a b/:%é+", ":/%");
    CHECK(s == "a%20b/:%%C3%A9%2B");
    for (std::string_view text : {"name eq 'x'", "+-%&=?#", "\xF0\x9F\x98\x80 \t\n", ""}) {
        std::string q;
        apiquery::append_quoted(q, text, true);
        CHECK(apiquery::unquote_plus(q) == std::string(text));
    }
}

TEST_CASE("query_string: decoding matches CPython's parse_qsl on recorded vectors", "[query_string]") {
    std::ifstream in(apiquery::test::source_dir() / "tests/data/request_query_vectors.tsv");
    REQUIRE(in);
    std::string line;
    std::size_t n = 0;
    while (std::getline(in, line)) {
        const auto tab = line.find('\t');
        REQUIRE(tab != std::string::npos);
        const std::string raw = from_hex(std::string_view(line).substr(0, tab));
        const auto expected = boost::json::parse(line.substr(tab + 1)).as_array();
        const pairs got = decode(raw);
        pairs want;
        for (const auto& p : expected)
            want.emplace_back(std::string(p.as_array()[0].as_string()),
                              std::string(p.as_array()[1].as_string()));
        INFO("raw hex: " << line.substr(0, tab));
        CHECK(got == want);
        ++n;
    }
    CHECK(n == 3000);
}
