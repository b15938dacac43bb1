// Tests of endpoints/files/listing.hpp and service.hpp: scope, name/content/meta_key/meta_value, the
// metadata filter, the order, the keyset cursor and page numbers; whole walks by cursor and by page
// number visit every matching file once, in order, for every field and order, with filters.
#include <apiquery/endpoints/files/listing.hpp>

#include "test_paths.hpp"

#include <apiquery/endpoints/files/endpoint.hpp>
#include <apiquery/endpoints/files/filter.hpp>
#include <apiquery/endpoints/files/response.hpp>
#include <apiquery/endpoints/files/sample.hpp>
#include <apiquery/endpoints/files/service.hpp>
#include <apiquery/value/detail/splitmix64.hpp>

#include <boost/json/parse.hpp>
#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

namespace {

using namespace apiquery;

/// The reference: every rule written out plainly, then a full sort.
std::vector<const file_record*> reference(const std::vector<file_record>& records, const files_request& r) {
    std::optional<json_filter> f;
    if (r.filter && !r.filter->empty()) {
        auto p = prepare_files_filter(*r.filter);
        REQUIRE(p);
        f = std::move(*p);
    }
    std::vector<const file_record*> out;
    for (const auto& rec : records) {
        if (rec.workspace != r.workspace_name)
            continue;
        if (r.name && rec.name.find(*r.name) == std::string::npos)
            continue;
        if (r.content && rec.content.find(*r.content) == std::string::npos)
            continue;
        if (r.meta_key) {
            const auto it = rec.meta.find(*r.meta_key);
            if (it == rec.meta.end())
                continue;
            if (r.meta_value && !(it->value().is_string() && it->value().get_string() == *r.meta_value))
                continue;
        }
        if (f && !f->matches(rec.meta))
            continue;
        out.push_back(&rec);
    }
    std::sort(out.begin(), out.end(), [&](const file_record* a, const file_record* b) {
        return files_listing_before(*a, *b, r.field, r.order);
    });
    return out;
}

std::vector<file_record> dataset() {
    auto records = generate_sample_files(500, 7);
    // ties on both sort keys, a name that differs only after a multi-byte character
    records[3].name = records[4].name = "tie";
    records[5].created_at = records[6].created_at;
    records[5].workspace = records[6].workspace = "production";
    records[7].name = "ü-z";
    records[8].name = "üa";
    records[7].workspace = records[8].workspace = "production";
    // a key with a NUL: the in-memory listing takes any key (the SQL tables' data contract excludes it,
    // so the sample has none)
    records[9].meta[boost::json::string_view("nul\0key", 7)] = 6;
    records[9].workspace = "production";
    return records;
}

file_page list(const files_request& r, const std::vector<file_record>& records) {
    auto page = list_files(r, records);
    if (!page)
        FAIL(json_text(page.error()));
    return std::move(*page);
}

std::vector<uuid> ids(const std::vector<const file_record*>& v) {
    std::vector<uuid> out;
    for (const auto* r : v)
        out.push_back(r->file_id);
    return out;
}

/// A query value percent-encoded (every byte but letters and digits).
std::string encode(std::string_view text) {
    std::string out;
    for (const char c : text) {
        const auto b = static_cast<unsigned char>(c);
        if ((b >= '0' && b <= '9') || (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z')) {
            out.push_back(c);
        } else {
            constexpr char hex[] = "0123456789ABCDEF";
            out.push_back('%');
            out.push_back(hex[b >> 4]);
            out.push_back(hex[b & 15]);
        }
    }
    return out;
}

const char* const filters[] = {
    "",
    "category eq 'news'",
    "category eq 'news' and published_date ge '2025-01-01'",
    "published_date ge 2025-01-01",
    "published_date ge 2025-03-01T12:00:00+02:00",
    "priority ge 2",
    "priority eq 2.5",
    "reviewed eq true",
    "author/team eq 'legal'",
    "category eq null",
    "tags eq null and reviewed eq false",
};

} // namespace

TEST_CASE("scope, name, content, meta_key and meta_value") {
    const auto records = dataset();
    const auto check = [&](std::string_view query) {
        auto req = parse_request<files_endpoint>("/api/v1/workspaces/production/files?limit=100&" +
                                                 std::string(query));
        REQUIRE(req);
        const auto page = list(*req, records);
        const auto expected = reference(records, *req);
        CHECK(page.total == static_cast<std::int64_t>(expected.size()));
        std::vector<uuid> got;
        for (const auto& f : page.data)
            got.push_back(f.file_id);
        auto want = ids(expected);
        if (want.size() > 100)
            want.resize(100);
        CHECK(got == want);
        return expected.size();
    };
    const auto all = check("");
    CHECK(all > 250);
    CHECK(check("name=report") > 0);
    CHECK(check("name=report") < all);
    CHECK(check("name=caf%C3%A9") > 0);  // by code point
    CHECK(check("name=CAF%C3%89") == 0); // case-sensitive
    CHECK(check("name=") == all);        // "" is in every name
    CHECK(check("content=merger") > 0);
    CHECK(check("meta_key=category") > 0);
    CHECK(check("meta_key=category") < all);
    CHECK(check("meta_key=category&meta_value=news") > 0);
    CHECK(check("meta_key=category&meta_value=news") < check("meta_key=category"));
    CHECK(check("meta_value=news") == all);                           // alone: ignored
    CHECK(check("meta_key=priority&meta_value=2") == 0);              // numbers never match meta_value
    CHECK(check("meta_key=%24ref") + check("meta_key=a%5B0%5D") > 0); // odd keys, exactly
    CHECK(check("meta_key=with%20%22quote%22") > 0);
    CHECK(check("meta_key=nul%00key") > 0);
    CHECK(check("meta_key=nul") == 0);
    CHECK(check("meta_key=ctl%01key") > 0);
    CHECK(check("meta_key=ctl") == 0);
    for (const char* f : filters)
        check("filter=" + encode(f));

    // other workspaces; a workspace with nothing; the name is compared exactly
    auto staging = parse_request<files_endpoint>("/api/v1/workspaces/staging/files?limit=100");
    REQUIRE(staging);
    CHECK(list(*staging, records).total > 0);
    auto none = parse_request<files_endpoint>("/api/v1/workspaces/Production/files");
    REQUIRE(none);
    const auto empty = list(*none, records);
    CHECK(empty.total == 0);
    CHECK_FALSE(empty.has_more);
    CHECK(json_text(empty) == R"({"data":[],"has_more":false,"total":0})");
}

TEST_CASE("the order: created_at as instants, name by code point, file_id breaks ties, DESC reverses all") {
    file_record a, b;
    a.file_id = parse_uuid("00000000-0000-4000-8000-000000000001").value();
    b.file_id = parse_uuid("00000000-0000-4000-8000-000000000002").value();
    a.created_at = timestamp::from_unix_micros(3600000000, 60); // 01:00+01:00 = 00:00Z
    b.created_at = timestamp::from_unix_micros(3600000000, 0);
    CHECK(files_listing_before(a, b, files_sort_field::created_at, sort_order::asc));
    CHECK(files_listing_before(b, a, files_sort_field::created_at, sort_order::desc));
    b.created_at = timestamp::from_unix_micros(3599999999, 0);
    CHECK(files_listing_before(b, a, files_sort_field::created_at, sort_order::asc));
    a.name = "Z";
    b.name = "a";
    CHECK(files_listing_before(a, b, files_sort_field::name, sort_order::asc));
    b.name = "Z";
    CHECK(files_listing_before(a, b, files_sort_field::name, sort_order::asc));
    CHECK_FALSE(files_listing_before(a, a, files_sort_field::name, sort_order::asc));
}

TEST_CASE("keyset walks and page-number walks visit every matching file once, in order") {
    const auto records = dataset();
    detail::splitmix64 rng(99);
    int walks = 0;
    for (const char* field : {"created_at", "name"}) {
        for (const char* order : {"ASC", "DESC"}) {
            for (const char* f : filters) {
                const int limit = 1 + static_cast<int>(rng.below(9));
                std::string query = "limit=" + std::to_string(limit) + "&field=" + field + "&order=" + order;
                if (*f)
                    query += "&filter=" + encode(f);
                if (rng.chance(30))
                    query += "&name=e";
                auto req = parse_request<files_endpoint>("/api/v1/workspaces/production/files?" + query);
                REQUIRE(req);
                const auto expected = ids(reference(records, *req));

                // by cursor, as the SDK walks
                std::vector<uuid> seen;
                std::optional<std::string> target = to_target(*req).value();
                std::size_t pages = 0;
                while (target && pages++ < 1000) {
                    auto r = parse_request<files_endpoint>(*target);
                    REQUIRE(r);
                    const auto page = list(*r, records);
                    CHECK(page.total == static_cast<std::int64_t>(expected.size()));
                    CHECK(page.data.size() <= static_cast<std::size_t>(limit));
                    for (const auto& file : page.data)
                        seen.push_back(file.file_id);
                    target = next_files_target(*r, page);
                    if (target)
                        CHECK(page.has_more);
                }
                CHECK(seen == expected);

                // by page number (no filter: page_number and filter do not mix)
                if (!*f) {
                    std::vector<uuid> by_page;
                    for (int n = 1; n < 1000; ++n) {
                        auto r = parse_request<files_endpoint>("/api/v1/workspaces/production/files?" +
                                                               query + "&page_number=" + std::to_string(n));
                        REQUIRE(r);
                        const auto page = list(*r, records);
                        for (const auto& file : page.data)
                            by_page.push_back(file.file_id);
                        if (!page.has_more)
                            break;
                    }
                    CHECK(by_page == expected);
                }
                ++walks;
            }
        }
    }
    CHECK(walks == 44);
}

TEST_CASE("the cursor is a keyset position: strictly after, and no file needs to have it") {
    const auto records = dataset();
    auto base = parse_request<files_endpoint>("/api/v1/workspaces/production/files?limit=100&field=name");
    REQUIRE(base);
    const auto all = reference(records, *base);
    // after a key between files: the ones after "m"
    auto r = parse_request<files_endpoint>(
        "/api/v1/workspaces/production/"
        "files?limit=100&field=name&after_value=m&after_file_id=00000000-0000-0000-0000-000000000000");
    REQUIRE(r);
    const auto page = list(*r, records);
    std::size_t expected = 0;
    for (const auto* f : all)
        expected += f->name > "m";
    CHECK(page.data.size() == std::min<std::size_t>(expected, 100));
    CHECK(page.total == static_cast<std::int64_t>(all.size())); // total ignores the cursor
    for (const auto& f : page.data)
        CHECK(f.name > "m");
    // after the exact key of a file: strictly after it, its tie partner with a larger id still comes
    const file_record* tie_first = nullptr;
    for (const auto* f : all)
        if (f->name == "tie") {
            tie_first = f;
            break;
        }
    REQUIRE(tie_first);
    auto t = parse_request<files_endpoint>(
        "/api/v1/workspaces/production/files?limit=1&field=name&after_value=tie&after_file_id=" +
        to_string(tie_first->file_id));
    REQUIRE(t);
    const auto next = list(*t, records);
    REQUIRE(next.data.size() == 1);
    CHECK(next.data[0].name == "tie");
    CHECK(tie_first->file_id < next.data[0].file_id);
    // created_at cursors compare instants, whatever offset they are written with
    auto c = parse_request<files_endpoint>(
        "/api/v1/workspaces/production/"
        "files?after_value=2099-01-01T01:00:00%2B01:00&after_file_id=00000000-0000-0000-0000-000000000000");
    REQUIRE(c);
    CHECK(list(*c, records).data.empty());
    auto d = parse_request<files_endpoint>(
        "/api/v1/workspaces/production/"
        "files?order=DESC&after_value=2099-01-01&after_file_id=00000000-0000-0000-0000-000000000000");
    REQUIRE(d);
    CHECK(list(*d, records).data.size() == 10);
}

TEST_CASE("limit: 0 and negatives give an empty page, and pages past the end are empty") {
    const auto records = dataset();
    for (const char* q : {"limit=0", "limit=-3"}) {
        auto r = parse_request<files_endpoint>(std::string("/api/v1/workspaces/production/files?") + q);
        REQUIRE(r);
        const auto page = list(*r, records);
        CHECK(page.data.empty());
        CHECK(page.has_more);
        CHECK(page.total > 0);
    }
    auto r =
        parse_request<files_endpoint>("/api/v1/workspaces/production/files?page_number=99999999999999999999");
    REQUIRE(r);
    const auto page = list(*r, records);
    CHECK(page.data.empty());
    CHECK_FALSE(page.has_more);
}

TEST_CASE("the File of a page: url, meta in stored order, created_at as pydantic writes it") {
    file_record rec;
    rec.file_id = parse_uuid("550e8400-e29b-41d4-a716-446655440000").value();
    rec.workspace = "my ws/x";
    rec.name = "a.txt";
    rec.meta = boost::json::parse(R"({"z": 1, "a": [true, null], "m": {"y": 2.5, "b": "ü"}})").as_object();
    rec.created_at = timestamp::from_unix_micros(1735689600500000, -300);
    rec.content = "secret text";
    const file f = to_file(rec);
    CHECK(f.url == "/api/v1/workspaces/my%20ws%2Fx/files/550e8400-e29b-41d4-a716-446655440000");
    file_page p;
    p.data.push_back(f);
    p.total = 1;
    CHECK(
        json_text(p) ==
        R"({"data":[{"file_id":"550e8400-e29b-41d4-a716-446655440000","url":"/api/v1/workspaces/my%20ws%2Fx/files/550e8400-e29b-41d4-a716-446655440000","name":"a.txt","size":0,"characters":0,"meta":{"z":1,"a":[true,null],"m":{"y":2.5,"b":"ü"}},"created_at":"2024-12-31T19:00:00.500000-05:00","languages":null}],"has_more":false,"total":1})");
    CHECK(check_file_page(json_text(p)).empty());
}

TEST_CASE("respond_files and serve_files: the documented example on the bundled data") {
    std::ifstream in(test::source_dir() / "data" / "sample-files.json", std::ios::binary);
    REQUIRE(in);
    std::ostringstream text;
    text << in.rdbuf();
    auto records = parse_file_records(text.str());
    REQUIRE(records);
    CHECK(records->size() == 300);
    CHECK(file_records_json(*records) ==
          text.str()); // the bundled file is written as the generator writes it
    CHECK(*records == generate_sample_files(300, 1));

    const std::string target =
        "/api/v1/workspaces/production/files?limit=10&filter=category%20eq%20%27news%27%20and%20"
        "published_date%20ge%20%272025-01-01%27";
    const auto r = respond_files(target, *records);
    REQUIRE(r.status == 200);
    auto req = parse_request<files_endpoint>(target);
    REQUIRE(req);
    const auto expected = reference(*records, *req);
    const auto page = parse_file_page(r.body);
    REQUIRE(page);
    CHECK(page->total == static_cast<std::int64_t>(expected.size()));
    CHECK(page->total > 10);
    CHECK(page->has_more);
    REQUIRE(page->data.size() == 10);
    for (std::size_t k = 0; k < 10; ++k) {
        CHECK(page->data[k].file_id == expected[k]->file_id);
        CHECK(page->data[k].meta.at("category") == "news");
        const auto& d = page->data[k].meta.at("published_date");
        REQUIRE(d.is_string());
        CHECK(std::string_view(d.get_string()) >= "2025-01-01");
    }
    CHECK(respond_files("/api/v1/workspaces/production/files?limit=x", *records).status == 422);
    const auto nf = respond_files("/api/v1/workspaces/production/files/", *records);
    CHECK(nf.status == 404);
    CHECK_FALSE(nf.reason.empty());

    const served_endpoint s = serve_files(*records);
    CHECK(s.name == "files");
    CHECK(s.answer(target).body == r.body);
}
