// The client side of cursor pagination (model/page_walk.hpp) on List Files: the entry declares
// check_page and the SDK's keyset walk (after_value = the last file's created_at or name per `field`,
// after_file_id = its file_id), and a walk over the in-memory listing visits every file once, in order.
#include <apiquery/model/page_walk.hpp>

#include <apiquery/endpoints/all.hpp>
#include <apiquery/endpoints/files/endpoint.hpp>
#include <apiquery/endpoints/files/listing.hpp>
#include <apiquery/endpoints/files/sample.hpp>

#include <catch2/catch.hpp>

#include <set>
#include <string>
#include <vector>

using namespace apiquery;

namespace {

const std::vector<file_record>& records() {
    static const auto r = generate_sample_files(700, 5);
    return r;
}

const endpoint_entry& files_entry() {
    static constexpr endpoint_entry e = entry_of<files_endpoint>();
    return e;
}

std::string id_of(const std::string& record) {
    const auto at = record.find("\"file_id\":\"");
    REQUIRE(at != std::string::npos);
    return record.substr(at + 11, 36);
}

} // namespace

TEST_CASE("entry_of: files declares check_page and the SDK's keyset pagination") {
    const endpoint_entry& e = files_entry();
    REQUIRE(e.check_page != nullptr);
    REQUIRE(e.pagination != nullptr);
    REQUIRE(e.pagination->cursor.size() == 2);
    CHECK(e.pagination->cursor[0].name == "after_value");
    CHECK(e.pagination->cursor[0].field == "created_at");
    CHECK(e.pagination->cursor[0].field_param == "field");
    CHECK(e.pagination->cursor[1].name == "after_file_id");
    CHECK(e.pagination->cursor[1].field == "file_id");
    REQUIRE(e.pagination->cleared.size() == 1);
    CHECK(e.pagination->cleared[0] == "page_number");
    bool listed = false;
    for (const auto& b : builtin_endpoints)
        listed = listed || b.pagination == e.pagination;
    CHECK(listed);
    CHECK(e.check_page(R"({"data":[],"has_more":false,"total":0})").empty());
    CHECK_FALSE(e.check_page(R"({"data":[{"file_id":"x"}],"has_more":false,"total":1})").empty());
}

TEST_CASE("page_walk over List Files: every file once, in the order of one big page") {
    for (std::string_view field : {"created_at", "name"})
        for (std::string_view order : {"ASC", "DESC"})
            for (std::string_view extra :
                 {"", "&filter=category%20eq%20%27news%27%20and%20published_date%20ge%20%272025-01-01%27",
                  "&name=news"}) {
                std::string q = "/api/v1/workspaces/production/files?limit=9&field=";
                q += field;
                q += "&order=";
                q += order;
                q += extra;
                INFO(q);
                page_walk walk(files_entry(), q);
                std::vector<std::string> ids;
                std::size_t pages = 0;
                while (!walk.done()) {
                    REQUIRE(pages < 10000);
                    const auto r = respond_files(walk.target(), records());
                    INFO(walk.target() << " -> " << r.body.substr(0, 200));
                    REQUIRE(r.status == 200);
                    ++pages;
                    const auto got = walk.read(r.body);
                    REQUIRE(got);
                    for (const auto& rec : *got)
                        ids.push_back(id_of(rec));
                }
                auto everything = parse_request<files_endpoint>(q).value();
                everything.limit = 1000000;
                const auto one = list_files(everything, records());
                REQUIRE(one);
                std::vector<std::string> want;
                for (const auto& f : one->data)
                    want.push_back(to_string(f.file_id));
                CHECK(want.size() > 10);
                CHECK(ids == want);
                CHECK(std::set<std::string>(ids.begin(), ids.end()).size() == ids.size());
                CHECK(pages == (want.size() + 8) / 9);
            }
}
