// What apiquery writes satisfies the response schemas of the seed page, read at test time from
// ../shared/spec/get-workspace-tokens.mdx (the JSON inside `responses={{...}}`). The checker is this
// file's own small JSON Schema subset: type, properties, required, items, enum, anyOf, format (uuid,
// date-time), plus one rule stricter than the schema: an object whose schema lists its properties has
// no other property.
#include <apiquery/endpoints/tokens/response.hpp>

#include <catch2/catch.hpp>

#include <apiquery/endpoints/tokens/masking.hpp>
#include <apiquery/endpoints/tokens/record.hpp>

#include "test_paths.hpp"

#include <boost/json/parse.hpp>

#include <fstream>
#include <optional>
#include <random>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

namespace {

/// The text of `responses={...}` in the MDX page: from the `{` after `responses=` to its matching `}`.
std::optional<std::string> responses_json(const std::string& mdx) {
    const auto at = mdx.find("responses={");
    if (at == std::string::npos)
        return std::nullopt;
    std::size_t i = at + std::string("responses=").size() + 1; // the inner `{` (JSX braces hold a JS object)
    const std::size_t start = i;
    int depth = 0;
    bool in_string = false;
    for (; i < mdx.size(); ++i) {
        const char c = mdx[i];
        if (in_string) {
            if (c == '\\')
                ++i;
            else if (c == '"')
                in_string = false;
            continue;
        }
        if (c == '"')
            in_string = true;
        else if (c == '{')
            ++depth;
        else if (c == '}' && --depth == 0)
            return mdx.substr(start, i + 1 - start);
    }
    return std::nullopt;
}

bool is_uuid(const std::string& s) {
    static const std::regex re(
        "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");
    return std::regex_match(s, re);
}

/// RFC 3339 `date-time`, with real calendar checks.
bool is_date_time(const std::string& s) {
    static const std::regex re(
        R"(^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-](\d{2}):(\d{2}))$)");
    std::smatch m;
    if (!std::regex_match(s, m, re))
        return false;
    const int y = std::stoi(m[1]), mo = std::stoi(m[2]), d = std::stoi(m[3]);
    const int days[] = {
        31, (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (mo < 1 || mo > 12 || d < 1 || d > days[mo - 1])
        return false;
    if (std::stoi(m[4]) > 23 || std::stoi(m[5]) > 59 || std::stoi(m[6]) > 60)
        return false;
    return !m[9].matched || (std::stoi(m[9]) <= 23 && std::stoi(m[10]) <= 59);
}

/// Checks `v` against `schema`; appends a message per violation with its JSON pointer.
void check(const boost::json::value& schema, const boost::json::value& v, const std::string& where,
           std::vector<std::string>& problems) {
    const auto& s = schema.as_object();
    if (const auto* any = s.if_contains("anyOf")) {
        for (const auto& alt : any->as_array()) {
            std::vector<std::string> p;
            check(alt, v, where, p);
            if (p.empty())
                return;
        }
        problems.push_back(where + ": matches no anyOf alternative");
        return;
    }
    if (const auto* type = s.if_contains("type")) {
        const auto t = type->as_string();
        const bool ok = (t == "object" && v.is_object()) || (t == "array" && v.is_array()) ||
                        (t == "string" && v.is_string()) || (t == "boolean" && v.is_bool()) ||
                        (t == "integer" && (v.is_int64() || v.is_uint64())) ||
                        (t == "number" && v.is_number()) || (t == "null" && v.is_null());
        if (!ok) {
            problems.push_back(where + ": not of type " + std::string(t));
            return;
        }
    }
    if (const auto* e = s.if_contains("enum")) {
        bool found = false;
        for (const auto& x : e->as_array())
            found = found || x == v;
        if (!found)
            problems.push_back(where + ": not in enum");
    }
    if (const auto* f = s.if_contains("format"); f && v.is_string()) {
        const std::string text(v.as_string());
        if (f->as_string() == "uuid" && !is_uuid(text))
            problems.push_back(where + ": not a uuid: " + text);
        if (f->as_string() == "date-time" && !is_date_time(text))
            problems.push_back(where + ": not a date-time: " + text);
    }
    if (v.is_object()) {
        const auto& o = v.as_object();
        const auto* props = s.if_contains("properties");
        if (const auto* req = s.if_contains("required"))
            for (const auto& r : req->as_array())
                if (!o.contains(r.as_string()))
                    problems.push_back(where + ": required property missing: " + std::string(r.as_string()));
        for (const auto& kv : o) {
            if (!props)
                break; // a free-form object (`input`, `ctx`)
            const auto* p = props->as_object().if_contains(kv.key());
            if (!p) {
                problems.push_back(where + ": property not in the schema: " + std::string(kv.key()));
                continue;
            }
            check(*p, kv.value(), where + "/" + std::string(kv.key()), problems);
        }
    }
    if (v.is_array()) {
        if (const auto* items = s.if_contains("items")) {
            std::size_t k = 0;
            for (const auto& x : v.as_array())
                check(*items, x, where + "/" + std::to_string(k++), problems);
        }
    }
}

std::optional<boost::json::value> load_responses() {
    const auto path = apiquery::test::shared_dir() / "spec" / "get-workspace-tokens.mdx";
    std::ifstream in(path);
    if (!in)
        return std::nullopt;
    std::stringstream ss;
    ss << in.rdbuf();
    const auto text = responses_json(ss.str());
    REQUIRE(text);
    return boost::json::parse(*text);
}

/// A deterministic variety of tokens: every role, with and without expiry, 0-3 workspaces, odd names.
std::vector<apiquery::token> sample_tokens(std::size_t n) {
    std::mt19937_64 rng(42);
    std::vector<apiquery::token> out;
    const char* names[] = {"ci", "Zoë's \"token\"", "\xE6\x97\xA5\xE6\x9C\xAC",
                           "",   "line\nbreak",     "tab\there"};
    for (std::size_t k = 0; k < n; ++k) {
        apiquery::token t;
        t.name = names[k % 6];
        std::string secret;
        for (std::size_t c = 0; c < 10 + rng() % 40; ++c)
            secret.push_back(static_cast<char>('a' + rng() % 26));
        t.masked_token = apiquery::mask_token(secret);
        t.personal = rng() % 2;
        t.expires = rng() % 2;
        if (t.expires)
            t.expires_at = apiquery::timestamp::from_unix_micros(
                static_cast<std::int64_t>(rng() % 4000000000ull) * 1000000 +
                static_cast<std::int64_t>(rng() % 1000000) * (k % 3 == 0 ? 1 : 0));
        apiquery::uuid::bytes_type b{};
        for (auto& x : b)
            x = static_cast<std::uint8_t>(rng());
        t.api_token_id = apiquery::uuid(b);
        t.user = {"Given" + std::to_string(k), "Family"};
        t.organization_role = static_cast<apiquery::organization_role>(k % 3);
        t.role = std::string(apiquery::to_string(t.organization_role));
        for (std::size_t w = 0; w < k % 4; ++w)
            t.workspaces.push_back({"workspace-" + std::to_string(w)});
        t.all_workspaces = k % 5 == 0;
        out.push_back(std::move(t));
    }
    return out;
}

} // namespace

TEST_CASE("schema: the 200 body apiquery writes satisfies the seed's schema", "[schema]") {
    const auto responses = load_responses();
    if (!responses) {
        WARN("skipped: " << (apiquery::test::shared_dir() / "spec" / "get-workspace-tokens.mdx")
                         << " is absent");
        return;
    }
    const auto& schema = responses->at("200").at("content").at("application/json").at("schema");
    CHECK(schema.at("title") == "PaginatedResult[Token]");
    for (std::size_t n : {0, 1, 7, 100}) {
        apiquery::token_page page{sample_tokens(n), n % 2 == 1, static_cast<std::int64_t>(n * 3)};
        const auto written = boost::json::parse(apiquery::json_text(page));
        std::vector<std::string> problems;
        check(schema, written, "", problems);
        INFO("page of " << n);
        for (const auto& p : problems)
            FAIL_CHECK(p);
        CHECK(problems.empty());
    }
    // The API's own date-time convention, stricter than RFC 3339: UTC, 'Z', 3 or 6 fraction digits.
    const std::regex api_form(R"(^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.(\d{3}|\d{6})Z$)");
    for (const auto& t : sample_tokens(50))
        if (t.expires_at)
            CHECK(std::regex_match(apiquery::format_timestamp(*t.expires_at), api_form));
}

TEST_CASE("schema: a token_record is not a Token (created_at is not in the schema)", "[schema]") {
    const auto responses = load_responses();
    if (!responses) {
        WARN("skipped: the seed page is absent");
        return;
    }
    const auto& token_schema = responses->at("200")
                                   .at("content")
                                   .at("application/json")
                                   .at("schema")
                                   .at("properties")
                                   .at("data")
                                   .at("items");
    apiquery::token_record r;
    r.meta = sample_tokens(1).front();
    std::vector<std::string> problems;
    check(token_schema, boost::json::parse(apiquery::write_model_json(r)), "", problems);
    CHECK(problems == std::vector<std::string>{": property not in the schema: created_at"});
    problems.clear();
    check(token_schema, boost::json::parse(apiquery::write_model_json(r.meta)), "", problems);
    CHECK(problems.empty());
}

TEST_CASE("schema: the error lists apiquery prints satisfy the 422 schema", "[schema]") {
    const auto responses = load_responses();
    if (!responses) {
        WARN("skipped: the seed page is absent");
        return;
    }
    const auto& schema = responses->at("422").at("content").at("application/json").at("schema");
    CHECK(schema.at("title") == "HTTPValidationError");
    const char* bodies[] = {
        "", "[]", R"({"data":[{}],"has_more":"x","total":1.5})",
        R"({"data":[{"name":1,"masked_token":"abcdefghijklmnop1","api_token_id":"zz"}]})"};
    for (const char* body : bodies) {
        const auto report = apiquery::check_response_body(body);
        REQUIRE_FALSE(report.empty());
        std::vector<std::string> problems;
        check(schema, boost::json::parse(report), "", problems);
        INFO(report);
        CHECK(problems.empty());
    }
}
