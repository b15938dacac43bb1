// Tests of listing.hpp: scope, sort, pagination by page and by cursor, the 422, the body.
#include <apiquery/endpoints/tokens/listing.hpp>

#include "random_filters.hpp"

#include <apiquery/endpoints/tokens/sample.hpp>
#include <apiquery/listing/detail/pagination.hpp>
#include <apiquery/odata/filter.hpp>
#include <apiquery/value/lax_int.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <limits>
#include <set>

namespace {

using namespace apiquery;

const compile_options fixed_now{timestamp::from_unix_micros(1767225600000000LL)};

/// The reference: scope, filter, full sort.
std::vector<const token_record*> reference(const std::vector<token_record>& records,
                                           const tokens_request& r) {
    std::optional<compiled_filter> f;
    if (r.filter && !r.filter->empty()) {
        auto ast = parse_filter(*r.filter);
        REQUIRE(ast);
        auto c = compile_filter(*ast, token_record_model(), fixed_now);
        REQUIRE(c);
        f = std::move(*c);
    }
    std::vector<const token_record*> out;
    for (const auto& rec : records)
        if (in_workspace_scope(rec, r.workspace_name) && (!f || f->matches_record(&rec)))
            out.push_back(&rec);
    std::sort(out.begin(), out.end(), [&](const token_record* a, const token_record* b) {
        return listing_before(*a, *b, r.field, r.order);
    });
    return out;
}

paginated_result<token> list(const tokens_request& r, const std::vector<token_record>& records) {
    auto page = list_tokens(r, records, {fixed_now, &profiles::full});
    if (!page)
        FAIL(json_text(page.error()));
    return std::move(*page);
}

std::vector<token_record> dataset() {
    auto records = generate_sample_tokens(400, 5);
    // a few nasty records: equal creation times and names (ties), a non-ASCII name
    records[10].created_at = records[11].created_at;
    records[10].meta.name = records[11].meta.name = "tie";
    records[12].meta.name = "ünïcode";
    return records;
}

} // namespace

TEST_CASE("workspace scope: exactly one workspace and not all_workspaces") {
    token_record r;
    r.meta.workspaces = {{"production"}};
    CHECK(in_workspace_scope(r, "production"));
    CHECK_FALSE(in_workspace_scope(r, "Production"));
    CHECK_FALSE(in_workspace_scope(r, "staging"));
    r.meta.all_workspaces = true;
    CHECK_FALSE(in_workspace_scope(r, "production"));
    r.meta.all_workspaces = false;
    r.meta.workspaces = {{"production"}, {"staging"}};
    CHECK_FALSE(in_workspace_scope(r, "production"));
    r.meta.workspaces = {};
    CHECK_FALSE(in_workspace_scope(r, "production"));

    const auto records = dataset();
    tokens_request req;
    req.workspace_name = "production";
    req.limit = 100;
    const auto page = list(req, records);
    CHECK(page.total == static_cast<std::int64_t>(reference(records, req).size()));
    for (const auto& t : page.data) {
        REQUIRE(t.workspaces.size() == 1);
        CHECK(t.workspaces[0].name == "production");
        CHECK_FALSE(t.all_workspaces);
    }
    req.workspace_name = "nowhere";
    const auto empty = list(req, records);
    CHECK(empty.data.empty());
    CHECK(empty.total == 0);
    CHECK_FALSE(empty.has_more);
}

TEST_CASE("sort: ties by api_token_id in the same direction, and null expires_at is later than any date") {
    auto records = dataset();
    for (auto field : {token_sort_field::name, token_sort_field::role, token_sort_field::created_at,
                       token_sort_field::expires_at}) {
        tokens_request asc;
        asc.workspace_name = "production";
        asc.field = field;
        asc.order = sort_order::asc;
        tokens_request desc = asc;
        desc.order = sort_order::desc;
        auto a = reference(records, asc);
        auto d = reference(records, desc);
        std::reverse(d.begin(), d.end());
        CHECK(a == d); // DESC is exactly the reverse of ASC
        for (std::size_t i = 1; i < a.size(); ++i)
            CHECK(listing_before(*a[i - 1], *a[i], field, sort_order::asc)); // strict: no equal keys
    }
    // null expires_at: last in ASC, first in DESC
    tokens_request r;
    r.workspace_name = "production";
    r.field = token_sort_field::expires_at;
    r.order = sort_order::asc;
    auto a = reference(records, r);
    const auto first_null = std::find_if(a.begin(), a.end(), [](auto* p) { return !p->meta.expires_at; });
    REQUIRE(first_null != a.end());
    CHECK(std::all_of(first_null, a.end(), [](auto* p) { return !p->meta.expires_at; }));
    // ties: equal created_at ordered by api_token_id
    token_record x = records[0], y = records[0];
    x.meta.api_token_id = parse_uuid("00000000-0000-4000-8000-000000000001").value();
    y.meta.api_token_id = parse_uuid("00000000-0000-4000-8000-000000000002").value();
    CHECK(listing_before(x, y, token_sort_field::created_at, sort_order::asc));
    CHECK(listing_before(y, x, token_sort_field::created_at, sort_order::desc));
    CHECK_FALSE(listing_before(x, x, token_sort_field::created_at, sort_order::asc));
}

TEST_CASE("property: after, before and page_number each visit every record once, in order") {
    const auto records = dataset();
    test::filter_generator gen(99, records);
    apiquery::detail::splitmix64 rng(2024);
    for (int round = 0; round < 120; ++round) {
        tokens_request r;
        r.workspace_name = rng.chance(70) ? "production" : "staging";
        r.field = static_cast<token_sort_field>(rng.below(4));
        r.order = rng.chance(50) ? sort_order::asc : sort_order::desc;
        r.limit = static_cast<std::int64_t>(1 + rng.below(rng.chance(20) ? 200 : 25));
        if (rng.chance(80))
            r.filter = gen.next(rng.chance(50));
        INFO("filter " << r.filter.value_or("") << " field " << to_string(r.field) << " order "
                       << to_string(r.order) << " limit " << r.limit.to_string());
        const auto expected = reference(records, r);
        const auto n = static_cast<std::int64_t>(expected.size());
        const auto limit = static_cast<std::size_t>(*r.limit.to_int64());

        // forwards with after
        std::vector<uuid> seen;
        tokens_request f = r;
        for (int guard = 0; guard < 1000; ++guard) {
            const auto page = list(f, records);
            CHECK(page.total == n);
            CHECK(page.data.size() <= limit);
            for (const auto& t : page.data)
                seen.push_back(t.api_token_id);
            if (!page.has_more)
                break;
            REQUIRE_FALSE(page.data.empty());
            f.after = page.data.back().api_token_id;
        }
        REQUIRE(seen.size() == expected.size());
        for (std::size_t i = 0; i < seen.size(); ++i)
            CHECK(seen[i] == expected[i]->meta.api_token_id);

        // backwards with before, starting at the last record
        if (!expected.empty()) {
            std::vector<uuid> back{expected.back()->meta.api_token_id};
            tokens_request b = r;
            b.before = expected.back()->meta.api_token_id;
            for (int guard = 0; guard < 1000; ++guard) {
                const auto page = list(b, records);
                CHECK(page.total == n);
                CHECK(page.data.size() <= limit);
                for (auto it = page.data.rbegin(); it != page.data.rend();
                     ++it) // pages are in the requested order
                    back.push_back(it->api_token_id);
                if (!page.has_more)
                    break;
                REQUIRE_FALSE(page.data.empty());
                b.before = page.data.front().api_token_id;
            }
            std::reverse(back.begin(), back.end());
            REQUIRE(back.size() == expected.size());
            for (std::size_t i = 0; i < back.size(); ++i)
                CHECK(back[i] == expected[i]->meta.api_token_id);
        }

        // page_number
        std::vector<uuid> paged;
        tokens_request p = r;
        for (std::int64_t number = 1; number < 1000; ++number) {
            p.page_number = number;
            const auto page = list(p, records);
            CHECK(page.total == n);
            for (const auto& t : page.data)
                paged.push_back(t.api_token_id);
            CHECK(page.has_more == (static_cast<std::int64_t>(number * limit) < n));
            if (!page.has_more)
                break;
        }
        REQUIRE(paged.size() == expected.size());
        for (std::size_t i = 0; i < paged.size(); ++i)
            CHECK(paged[i] == expected[i]->meta.api_token_id);
    }
}

TEST_CASE("a cursor need not match the filter, but it must be in the workspace") {
    const auto records = dataset();
    tokens_request all;
    all.workspace_name = "production";
    all.order = sort_order::asc;
    const auto everything = reference(records, all);
    REQUIRE(everything.size() > 50);
    const token_record* cursor = everything[20];
    tokens_request r = all;
    r.filter = "name eq 'definitely-not-a-name'";
    REQUIRE_FALSE(list(r, records).total);
    r.filter = "personal eq " + std::string(cursor->meta.personal ? "false" : "true");
    r.after = cursor->meta.api_token_id;
    r.limit = 100;
    const auto page = list(r, records);
    for (const auto& t : page.data) {
        CHECK(t.personal != cursor->meta.personal);
        const auto it = std::find_if(records.begin(), records.end(), [&](const token_record& x) {
            return x.meta.api_token_id == t.api_token_id;
        });
        CHECK(listing_before(*cursor, *it, r.field, r.order));
    }

    // not found: 422 on the cursor's parameter
    tokens_request missing = all;
    missing.after = parse_uuid("00000000-0000-0000-0000-000000000000").value();
    auto e = list_tokens(missing, records);
    REQUIRE_FALSE(e);
    CHECK(
        json_text(e.error()) ==
        R"({"detail":[{"type":"value_error","loc":["query","after"],"msg":"Value error, cursor does not match any token of workspace 'production'","input":"00000000-0000-0000-0000-000000000000","ctx":{"error":"cursor does not match any token of workspace 'production'"}}]})");
    // a token of another workspace (or shared, or all_workspaces) is no cursor here
    const auto other = std::find_if(records.begin(), records.end(), [](const token_record& x) {
        return !in_workspace_scope(x, "production");
    });
    REQUIRE(other != records.end());
    tokens_request wrong = all;
    wrong.before = other->meta.api_token_id;
    auto e2 = list_tokens(wrong, records);
    REQUIRE_FALSE(e2);
    CHECK(std::get<std::string>(e2.error().detail.at(0).loc.at(1)) == "before");
}

TEST_CASE("limit <= 0, huge limits and huge page numbers") {
    const auto records = dataset();
    tokens_request r;
    r.workspace_name = "production";
    const auto n = static_cast<std::int64_t>(reference(records, r).size());
    for (std::int64_t limit : {0LL, -1LL, -9223372036854775807LL - 1}) {
        r.limit = limit;
        auto page = list(r, records);
        CHECK(page.data.empty());
        CHECK(page.total == n);
        CHECK(page.has_more == (n > 0));
        r.page_number = 3;
        page = list(r, records);
        CHECK(page.data.empty());
        CHECK(page.has_more == (n > 0));
        r.page_number.reset();
    }
    r.limit = big_int::from(parse_lax_int("-99999999999999999999999").value());
    CHECK(list(r, records).data.empty());
    r.limit = 100000; // not reachable through validation (le=100), but the engine copes
    auto page = list(r, records);
    CHECK(page.data.size() == static_cast<std::size_t>(n));
    CHECK_FALSE(page.has_more);
    r.limit = 10;
    r.page_number = big_int::from(parse_lax_int("99999999999999999999999").value());
    page = list(r, records);
    CHECK(page.data.empty());
    CHECK_FALSE(page.has_more);
    CHECK(page.total == n);
    r.page_number = 9223372036854775807LL;
    page = list(r, records);
    CHECK(page.data.empty());
    CHECK_FALSE(page.has_more);
    // a cursor page with limit 0: has_more says whether anything follows the cursor
    tokens_request c;
    c.workspace_name = "production";
    c.limit = 0;
    const auto sorted = reference(records, c);
    c.after = sorted.back()->meta.api_token_id;
    CHECK_FALSE(list(c, records).has_more);
    c.after = sorted.front()->meta.api_token_id;
    CHECK(list(c, records).has_more);
}

TEST_CASE("the 200 body: FastAPI key order, no created_at, through respond_tokens") {
    const auto records = dataset();
    const auto r =
        respond_tokens("/api/v1/workspaces/production/token?limit=1&field=name&order=ASC", records, {});
    CHECK(r.status == 200);
    CHECK(r.body.starts_with("{\"data\":[{\"name\":"));
    CHECK(r.body.find("\"masked_token\":") < r.body.find("\"personal\":"));
    CHECK(r.body.find("\"organization_role\":") < r.body.find("\"workspaces\":"));
    CHECK(r.body.find("created_at") == std::string::npos);
    CHECK(r.body.find("],\"has_more\":true,\"total\":") != std::string::npos);
    const auto bad = respond_tokens("/api/v1/workspaces/production/token?limit=101", records);
    CHECK(bad.status == 422);
    CHECK(bad.body.starts_with("{\"detail\":[{\"type\":\"less_than_equal\""));
    const auto lost = respond_tokens("/api/v1/workspace/production/token", records);
    CHECK(lost.status == 404);
    CHECK(lost.body == "{\"detail\":\"Not Found\"}");
}

TEST_CASE("data files: write and read back") {
    const auto records = generate_sample_tokens(25, 9);
    const std::string text = token_records_json(records);
    auto back = parse_token_records(text);
    REQUIRE(back);
    CHECK(*back == records);
    CHECK(parse_token_records("{}").error() == "expected a JSON array of token records");
    CHECK(parse_token_records("[").error().starts_with("not JSON"));
    auto bad = parse_token_records("[{\"name\": 1}]");
    REQUIRE_FALSE(bad);
    CHECK(bad.error().starts_with("record 0 at [\"name\"]: Input should be a valid string"));
}

TEST_CASE("the filter is checked against the profile: tokens by default") {
    const auto records = dataset();
    tokens_request r;
    r.workspace_name = "production";
    r.filter = "name eq 'a' or name eq 'b'";
    auto e = list_tokens(r, records);
    REQUIRE_FALSE(e);
    CHECK(
        json_text(e.error()) ==
        R"x({"detail":[{"type":"value_error","loc":["query","filter"],"msg":"Value error, operator 'or' is not supported by this endpoint (supported: eq, ge, and)","input":"name eq 'a' or name eq 'b'","ctx":{"error":"operator 'or' is not supported by this endpoint (supported: eq, ge, and)","position":12}}]})x");
    CHECK(list_tokens(r, records, {fixed_now, &profiles::full}));
    r.filter = "created_at ge '2025-01-01' and organization_role eq 'ADMIN'"; // coerced by the profile
    auto page = list_tokens(r, records);
    REQUIRE(page);
    CHECK(page->total > 0);
    for (const auto& t : page->data)
        CHECK(t.organization_role == organization_role::admin);
}

TEST_CASE("page_offset: (page_number - 1) * limit, saturated, for the engine and the SQL plan") {
    using apiquery::big_int;
    using apiquery::detail::page_offset;
    constexpr auto max = std::numeric_limits<std::int64_t>::max();
    CHECK(page_offset(big_int(1), 10, 100) == 0);
    CHECK(page_offset(big_int(3), 10, 100) == 20);
    CHECK(page_offset(big_int(10), 10, 100) == 90);
    CHECK(page_offset(big_int(11), 10, 100) == 100); // past the end: empty
    CHECK(page_offset(big_int(12), 10, 100) == 100);
    CHECK(page_offset(big_int(0), 10, 100) == 0); // smaller than 1 counts as 1
    CHECK(page_offset(big_int(-5), 10, 100) == 0);
    CHECK(page_offset(big_int(7), 0, 100) == 0);
    CHECK(page_offset(big_int(max), 2, max) == max); // no overflow
    CHECK(page_offset(big_int(max / 2 + 1), 2, max) == max - 1);
    const auto huge = big_int::from(apiquery::parse_lax_int("99999999999999999999999").value());
    CHECK(page_offset(huge, 1, max) == max - 1); // page numbers beyond 64 bits count as INT64_MAX
    CHECK(page_offset(huge, 2, max) == max);
    CHECK(apiquery::detail::clamp_int64(huge, 0, 7) == 7);
    const auto minus_huge = big_int::from(apiquery::parse_lax_int("-99999999999999999999999").value());
    CHECK(apiquery::detail::clamp_int64(minus_huge, 0, 7) == 0);
    CHECK(page_offset(minus_huge, 10, 100) == 0);
}
