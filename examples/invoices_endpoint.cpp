// A user's own endpoint, `GET /api/v1/invoices`, declared in this one file and served by the library's
// generic code: request validation with FastAPI's 422 bodies, the in-memory listing, and the SQL of the
// same filter. The program checks every answer and exits 0 only if all are as expected.
#include <apiquery/eval/filter_eval.hpp>
#include <apiquery/listing/page.hpp>
#include <apiquery/odata/filter.hpp>
#include <apiquery/profile/profile_check.hpp>
#include <apiquery/request/endpoint.hpp>
#include <apiquery/request/query_reading.hpp>
#include <apiquery/sql/sql_filter.hpp>
#include <apiquery/value/json_text.hpp>

#include <cstdio>
#include <string>
#include <vector>

namespace invoices {
using namespace apiquery;

struct invoice { // the record
    std::string number, customer, status;
    std::int64_t total_cents = 0;
};

// The parameters: limit: Annotated[int, Query(ge=1, le=50)] = 10; page_number: int | None = None;
// filter: str | None = None.
inline constexpr param_spec limit{
    .name = "limit", .type = param_type::integer, .le = 50, .ge = 1, .default_text = "10"};
inline constexpr param_spec page_number{
    .name = "page_number", .type = param_type::integer, .nullable = true, .ge = 1};
inline constexpr param_spec filter{.name = "filter", .type = param_type::string, .nullable = true};
inline constexpr std::array<const param_spec*, 3> query{&limit, &page_number, &filter};

// The filter profile: comparisons and logic over four fields.
inline constexpr std::string_view statuses[] = {"DRAFT", "SENT", "PAID"};
inline constexpr field_view fields[] = {{"number", value_type::string},
                                        {"customer", value_type::string},
                                        {"status", value_type::enum_, false, false, true, statuses},
                                        {"total_cents", value_type::int_}};
// clang-format off
inline constexpr profile_view profile{"invoices", comparison_operators | logical_operators, {}, false, false, false,
                                      fields, {8, 50}}; // no functions, lambdas, aliases or free fields
// clang-format on

// How the filter evaluator reads a record, and how SQL stores it.
const invoice& rec(const void* p) {
    return *static_cast<const invoice*>(p);
}
inline const eval::field_entry model_fields[] = {
    {"number", eval::kind::string, [](const void* p) { return eval::value::string(rec(p).number); }},
    {"customer", eval::kind::string, [](const void* p) { return eval::value::string(rec(p).customer); }},
    {"status", eval::kind::string, [](const void* p) { return eval::value::string(rec(p).status); }},
    {"total_cents", eval::kind::int_,
     [](const void* p) { return eval::value::integer(rec(p).total_cents); }}};
inline const eval::table_model model(model_fields);
inline const sql::column_map columns{{"number", {"number", sql::column_type::text, false}},
                                     {"customer", {"customer", sql::column_type::text, false}},
                                     {"status", {"status", sql::column_type::text, false}},
                                     {"total_cents", {"total_cents", sql::column_type::integer, false}}};

struct request { // the typed request
    std::int64_t limit = 10;
    std::optional<big_int> page_number;
    std::string filter;
};

// The endpoint, declared for the generic code.
struct endpoint {
    static constexpr std::string_view name = "invoices";
    static constexpr route_template route{"/api/v1/invoices"};
    using request_type = request;
    static result<request, http_validation_error> validate(route_match, std::string_view raw_query) {
        query_reading<query> q(raw_query);
        if (!q.ok())
            return unexpected{q.take_errors()};
        request r;
        if (q.present(invoices::limit))
            r.limit = *q.check(invoices::limit).integer.to_int64();
        if (q.present(invoices::page_number))
            r.page_number = big_int::from(q.check(invoices::page_number).integer);
        r.filter = q.raw(invoices::filter);
        if (!r.filter.empty()) // the filter's own rule: it parses and fits the profile
            if (auto f = prepare_filter("filter", r.filter, profile, model); !f)
                return unexpected{http_validation_error{{std::move(f).error()}}};
        return r;
    }
    static std::string json_text(const request& r) {
        std::string out = "{\"limit\":" + std::to_string(r.limit) + ",\"filter\":";
        append_json_string(out, r.filter);
        return out + "}";
    }
};
static_assert(endpoint_declaration<endpoint>);

// Listing: every invoice is in scope; largest total first, then by number (unique).
std::string list(const request& r, std::span<const invoice> all) {
    std::optional<compiled_filter> f;
    if (!r.filter.empty())
        f = prepare_filter("filter", r.filter, profile, model).value();
    const auto before = [](const invoice& a, const invoice& b) {
        return a.total_cents != b.total_cents ? a.total_cents > b.total_cents : a.number < b.number;
    };
    const auto page = select_page<invoice>(
        all, [](const invoice&) { return true; }, f ? &*f : nullptr, nullptr, cursor_direction::none, before,
        r.limit, r.page_number);
    std::string out = std::to_string(page.total) + (page.has_more ? " more:" : ":");
    for (const invoice* i : page.page)
        out += " " + i->number;
    return out;
}

// The SQL condition of the filter.
std::string where(const std::string& text, sql::dialect d) {
    const auto checked = check_filter(parse_filter(text).value(), profile).value();
    return sql::json_text(sql::translate_filter(checked, columns, d).value());
}
} // namespace invoices

int main() {
    int failures = 0;
    const auto expect = [&](const std::string& got, const std::string& want) {
        std::printf("%s%s\n", got.c_str(), got == want ? "" : ("\n  expected: " + want).c_str());
        failures += got != want ? 1 : 0;
    };
    // clang-format off
    const std::vector<invoices::invoice> data{{"INV-1", "acme", "PAID", 12000}, {"INV-2", "acme", "SENT", 4500},
        {"INV-3", "globex", "DRAFT", 12000}, {"INV-4", "initech", "SENT", 900}, {"INV-5", "globex", "SENT", 30000}};
    // clang-format on
    const auto run = [&](std::string_view target) {
        auto r = apiquery::parse_request<invoices::endpoint>(target);
        return r ? invoices::endpoint::json_text(*r) + " -> " + invoices::list(*r, data)
                 : std::to_string(r.error().status) + " " + r.error().body();
    };
    expect(run("/api/v1/invoices?limit=2"), "{\"limit\":2,\"filter\":\"\"} -> 5 more: INV-5 INV-1");
    expect(run("/api/v1/invoices?limit=2&page_number=2"),
           "{\"limit\":2,\"filter\":\"\"} -> 5 more: INV-3 INV-2");
    expect(run("/api/v1/invoices?filter=status%20eq%20%27SENT%27%20and%20total_cents%20ge%201000"),
           "{\"limit\":10,\"filter\":\"status eq 'SENT' and total_cents ge 1000\"} -> 2: INV-5 INV-2");
    expect(run("/api/v1/invoices?limit=0"),
           "422 {\"detail\":[{\"type\":\"greater_than_equal\",\"loc\":[\"query\",\"limit\"],\"msg\":\"Input "
           "should be greater than or equal to 1\",\"input\":\"0\",\"ctx\":{\"ge\":1}}]}");
    expect(run("/api/v1/invoices?filter=status%20eq%20%27LOST%27"),
           "422 {\"detail\":[{\"type\":\"value_error\",\"loc\":[\"query\",\"filter\"],\"msg\":\"Value error, "
           "'LOST' is not a value of field 'status' (DRAFT, SENT, PAID)\",\"input\":\"status eq "
           "'LOST'\",\"ctx\":{\"error\":\"'LOST' is not a value of field 'status' (DRAFT, SENT, "
           "PAID)\",\"position\":10}}]}");
    expect(run("/api/v1/invoice"), "404 {\"detail\":\"Not Found\"}");
    expect(invoices::where("customer eq 'acme' or total_cents gt 10000", apiquery::sql::dialect::sqlite),
           "{\"sql\":\"(\\\"customer\\\" COLLATE BINARY = ?1 OR \\\"total_cents\\\" > "
           "?2)\",\"params\":[\"acme\",10000]}");
    expect(invoices::where("customer eq 'acme' or total_cents gt 10000", apiquery::sql::dialect::postgresql),
           "{\"sql\":\"(\\\"customer\\\" COLLATE \\\"C\\\" = $1::text OR \\\"total_cents\\\" > $2::bigint)\","
           "\"params\":[\"acme\",10000]}");
    return failures == 0 ? 0 : 1;
}
