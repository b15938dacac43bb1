// Tests of sample_tokens.hpp: deterministic, realistic, and the bundled file is what it says it is.
#include <apiquery/endpoints/tokens/sample.hpp>

#include "test_paths.hpp"

#include <apiquery/endpoints/tokens/listing.hpp>

#include <catch2/catch.hpp>

#include <fstream>
#include <set>
#include <sstream>

using namespace apiquery;

TEST_CASE("splitmix64 is the published generator") {
    apiquery::detail::splitmix64 g(1234567);
    // reference values of SplitMix64 for seed 1234567 (Vigna's splitmix64.c)
    CHECK(g.next() == 6457827717110365317ULL);
    CHECK(g.next() == 3203168211198807973ULL);
}

TEST_CASE("the generator is deterministic and realistic") {
    const auto a = generate_sample_tokens(300, 1);
    CHECK(a == generate_sample_tokens(300, 1));
    CHECK(a != generate_sample_tokens(300, 2));
    std::size_t production = 0, staging = 0, shared = 0, all = 0, never = 0, expired = 0, personal = 0;
    std::set<std::string> ids, names;
    const auto end_2025 = timestamp::from_unix_micros(1767225600000000LL);
    for (const auto& r : a) {
        production += in_workspace_scope(r, "production");
        staging += in_workspace_scope(r, "staging");
        shared += r.meta.workspaces.size() > 1;
        all += r.meta.all_workspaces;
        never += !r.meta.expires_at;
        CHECK(r.meta.expires == r.meta.expires_at.has_value());
        expired += r.meta.expires_at && *r.meta.expires_at < end_2025;
        personal += r.meta.personal;
        ids.insert(to_string(r.meta.api_token_id));
        names.insert(r.meta.name);
        CHECK(r.meta.masked_token.size() == 48);
        CHECK(r.meta.masked_token.find("****") == 4);
    }
    CHECK(production >= 100);
    CHECK(staging >= 30);
    CHECK(shared > 10);
    CHECK(all > 10);
    CHECK(never > 30);
    CHECK(expired > 30);
    CHECK(personal > 50);
    CHECK(ids.size() == a.size());
    CHECK(names.size() < a.size() / 2); // repeated names: ties when sorting by name
}

TEST_CASE("data/sample-tokens.json is `apiquery sample-data --count 300 --seed 1`") {
    std::ifstream in(test::source_dir() / "data" / "sample-tokens.json", std::ios::binary);
    REQUIRE(in);
    std::ostringstream text;
    text << in.rdbuf();
    CHECK(text.str() == token_records_json(generate_sample_tokens(300, 1)));
}
