// Tests of endpoints/files/model.hpp, record.hpp, response.hpp and sample.hpp: the File model checked as
// a pydantic client does, pydantic's datetime text, the data-file reader, hostile metadata round trips,
// and the sample generator.
#include <apiquery/endpoints/files/model.hpp>

#include <apiquery/endpoints/files/record.hpp>
#include <apiquery/endpoints/files/response.hpp>
#include <apiquery/endpoints/files/sample.hpp>

#include <boost/json/parse.hpp>
#include <boost/json/value_from.hpp>
#include <boost/json/value_to.hpp>
#include <catch2/catch.hpp>

#include <cstdint>
#include <set>
#include <string>
#include <vector>

namespace {

using namespace apiquery;

const std::string good_file =
    R"({"file_id":"550e8400-e29b-41d4-a716-446655440000","url":"/api/v1/workspaces/w/files/550e8400-e29b-41d4-a716-446655440000",)"
    R"("name":"a.txt","size":10,"characters":9,"meta":{"k":"v"},"created_at":"2025-01-01T00:00:00Z","languages":["en"]})";

std::string page_of(const std::string& item) {
    return R"({"data":[)" + item + R"(],"has_more":false,"total":1})";
}

/// Whether a key or a string anywhere in `v` holds a NUL byte.
bool holds_nul(const boost::json::value& v) {
    const auto nul = [](boost::json::string_view s) {
        return s.find('\0') != boost::json::string_view::npos;
    };
    if (v.is_string())
        return nul(v.get_string());
    if (v.is_array()) {
        for (const auto& e : v.get_array())
            if (holds_nul(e))
                return true;
    } else if (v.is_object()) {
        for (const auto& m : v.get_object())
            if (nul(m.key()) || holds_nul(m.value()))
                return true;
    }
    return false;
}

} // namespace

TEST_CASE("format_pydantic_datetime: the stored offset, Z for UTC, six digits or none") {
    CHECK(format_pydantic_datetime(timestamp::from_unix_micros(1735689600000000)) == "2025-01-01T00:00:00Z");
    CHECK(format_pydantic_datetime(timestamp::from_unix_micros(1735689600500000, 150)) ==
          "2025-01-01T02:30:00.500000+02:30");
    CHECK(format_pydantic_datetime(timestamp::from_unix_micros(1735689600000001, -300)) ==
          "2024-12-31T19:00:00.000001-05:00");
    CHECK(format_pydantic_datetime(parse_pydantic_datetime("2025-01-01T10:00").value()) ==
          "2025-01-01T10:00:00");
    CHECK(format_pydantic_datetime(parse_pydantic_datetime("0001-01-01T00:00:00-00:00").value()) ==
          "0001-01-01T00:00:00Z");
    CHECK(format_pydantic_datetime(timestamp::from_unix_micros(-1)) == "1969-12-31T23:59:59.999999Z");
}

TEST_CASE("File: a valid body, and pydantic's errors in field order") {
    CHECK(check_file_page(page_of(good_file)).empty());
    // languages is optional (default null) and nullable
    std::string no_lang = good_file;
    no_lang.replace(no_lang.find(R"(,"languages":["en"])"), 19, "");
    CHECK(check_file_page(page_of(no_lang)).empty());
    const auto page = parse_file_page(page_of(no_lang));
    REQUIRE(page);
    CHECK_FALSE(page->data[0].languages);
    CHECK(page->data[0].meta.at("k") == "v");

    const auto body = page_of(
        R"({"file_id":"nope","url":1,"name":"a","size":"x","characters":1.5,"meta":[],"created_at":"soon","languages":[1]})");
    CHECK(
        check_files_response_body(body) ==
        R"({"detail":[{"type":"uuid_parsing","loc":["data",0,"file_id"],"msg":"Input should be a valid UUID, invalid character: found `n` at 1","input":"nope","ctx":{"error":"invalid character: found `n` at 1"}},)"
        R"({"type":"string_type","loc":["data",0,"url"],"msg":"Input should be a valid string","input":1},)"
        R"({"type":"int_parsing","loc":["data",0,"size"],"msg":"Input should be a valid integer, unable to parse string as an integer","input":"x"},)"
        R"({"type":"int_from_float","loc":["data",0,"characters"],"msg":"Input should be a valid integer, got a number with a fractional part","input":1.5},)"
        R"({"type":"dict_type","loc":["data",0,"meta"],"msg":"Input should be an object","input":[]},)"
        R"({"type":"datetime_from_date_parsing","loc":["data",0,"created_at"],"msg":"Input should be a valid datetime or date, input is too short","input":"soon","ctx":{"error":"input is too short"}},)"
        R"({"type":"string_type","loc":["data",0,"languages",0],"msg":"Input should be a valid string","input":1}]})");
    const auto missing = check_file_page(page_of("{}"));
    REQUIRE(missing.size() == 7); // every required field, languages excepted
    CHECK(missing.front().type == "missing");
    CHECK(check_file_page(page_of("5")).front().type == "model_type");
    CHECK(check_files_response_body(page_of(good_file)).empty());
}

TEST_CASE("file: Boost.JSON both ways") {
    const auto page = parse_file_page(page_of(good_file));
    REQUIRE(page);
    const boost::json::value jv = boost::json::value_from(page->data[0]);
    CHECK(json_text(jv) == good_file);
    CHECK(boost::json::value_to<file>(jv) == page->data[0]);
    CHECK(boost::json::try_value_to<file>(boost::json::parse("{}")).has_error());
}

TEST_CASE("data files: read, written back byte for byte, errors say where") {
    const std::string text =
        "[\n"
        R"({"file_id":"550e8400-e29b-41d4-a716-446655440000","name":"a","size":1,"characters":1,"meta":{"b":1,"a":{"x":[1,2.5,"s",null,true]}},"created_at":"2025-01-01T10:00:00.123456+02:00","languages":null,"workspace":"production","content":"hello"})"
        "\n]\n";
    auto records = parse_file_records(text);
    REQUIRE(records);
    REQUIRE(records->size() == 1);
    CHECK((*records)[0].workspace == "production");
    CHECK((*records)[0].created_at.offset_minutes() == 120);
    CHECK(file_records_json(*records) == text);
    // a url member is ignored; a repeated key keeps its first place and last value (Python's dict)
    auto with_url = parse_file_records(
        R"([{"url":"x","file_id":"550e8400-e29b-41d4-a716-446655440000","name":"a","size":1,"characters":1,"meta":{"k":1,"j":2,"k":3},"created_at":"2025-01-01","workspace":"w","content":""}])");
    REQUIRE(with_url);
    CHECK(json_text(boost::json::value((*with_url)[0].meta)) == R"({"k":3,"j":2})");
    CHECK(parse_file_records("nope").error().find("not JSON: ") == 0);
    CHECK(parse_file_records("{}").error() == "expected a JSON array of file records");
    CHECK(parse_file_records(R"([{"file_id":"550e8400-e29b-41d4-a716-446655440000"}])").error() ==
          "record 0 at [\"name\"]: Field required");
    CHECK(
        parse_file_records(
            R"([{"file_id":"550e8400-e29b-41d4-a716-446655440000","name":"a","size":1,"characters":1,"meta":{},"created_at":"2025-01-01","workspace":"w","content":""},{"file_id":"550e8400-e29b-41d4-a716-446655440000","name":"a","size":1e40,"characters":1,"meta":{},"created_at":"2025-01-01","workspace":"w","content":""}])")
            .error()
            .find("record 1 at [\"size\"]") == 0);
    CHECK(parse_file_records("[]")->empty());
    CHECK(
        parse_file_records(
            R"([{"file_id":"550e8400-e29b-41d4-a716-446655440000","name":"a","size":1,"characters":1,"meta":{"a":[1e400]},"created_at":"2025-01-01","workspace":"w","content":""}])")
            .error() ==
        "record 0 at [\"meta\"]: a number beyond the range of a double has no JSON text to send");
}

TEST_CASE("hostile metadata: odd keys, NUL, Unicode, deep nesting and huge numbers round-trip") {
    std::string deep;
    for (int k = 0; k < 60; ++k)
        deep += "{\"d\":";
    deep += "[]";
    for (int k = 0; k < 60; ++k)
        deep += "}";
    const std::string meta =
        R"({"with \"quote\"":1,"a.b":2,"$ref":3,"a[0]":4,"":5,"nul\u0000key":6,"ünï😀":"\u2028",)"
        R"("big":123456789012345678,"huge":1e+300,"tiny":5e-324,"neg":-0.0,"deep":)" +
        deep + "}";
    const std::string text =
        "[\n" +
        std::string(
            R"({"file_id":"550e8400-e29b-41d4-a716-446655440000","name":"a","size":1,"characters":1,"meta":)") +
        meta + R"(,"created_at":"2025-01-01T00:00:00Z","languages":null,"workspace":"w","content":""})" +
        "\n]\n";
    auto records = parse_file_records(text);
    REQUIRE(records);
    const auto& m = (*records)[0].meta;
    CHECK(m.size() == 12);
    CHECK(m.contains(boost::json::string_view("nul\0key", 7)));
    // written back as Python's json.dumps(ensure_ascii=False) would
    const std::string back = file_records_json(*records);
    CHECK(back.find(R"("nul\u0000key":6)") != std::string::npos);
    CHECK(back.find(R"("huge":1e+300,"tiny":5e-324,"neg":-0.0)") != std::string::npos);
    CHECK(parse_file_records(back).value() == *records);
}

TEST_CASE("sample files: deterministic, mixed on purpose") {
    const auto a = generate_sample_files(300, 1);
    CHECK(a == generate_sample_files(300, 1));
    CHECK(a != generate_sample_files(300, 2));
    CHECK(generate_sample_files(0, 1).empty());
    std::set<std::string> workspaces, category_kinds, date_kinds;
    std::set<uuid> ids;
    int news = 0, odd = 0, offsets = 0;
    for (const auto& r : a) {
        workspaces.insert(r.workspace);
        ids.insert(r.file_id);
        offsets += r.created_at.offset_minutes() != 0;
        const auto* c = r.meta.if_contains("category");
        category_kinds.insert(c ? std::string(to_string(c->kind())) : "missing");
        news += c && c->is_string() && c->get_string() == "news";
        const auto* d = r.meta.if_contains("published_date");
        std::string dk = d ? std::string(to_string(d->kind())) : "missing";
        if (d && d->is_string())
            dk = d->get_string().size() == 10 ? "date" : "date-time";
        date_kinds.insert(dk);
        for (const char* key : {"odd.key", "$ref", "a[0]", ""})
            odd += r.meta.contains(key);
    }
    CHECK(ids.size() == 300);
    CHECK(workspaces == std::set<std::string>{"legal-archive", "production", "research", "staging"});
    CHECK(category_kinds == std::set<std::string>{"array", "int64", "missing", "null", "string"});
    CHECK(date_kinds == std::set<std::string>{"date", "date-time", "int64", "missing", "null"});
    CHECK(news > 60);
    CHECK(odd > 0);
    CHECK(offsets > 30);
    CHECK(parse_file_records(file_records_json(a)).value() == a);
}

// The bundled sample held a key with a NUL on 8 of its 300 files: `apiquery sqlite-load --endpoint files
// --postgres` could not load it (jsonb), and `meta_key` answered differently in memory and in SQLite
// (whose json_each cuts the key at the NUL). The samples keep the tables' data contract.
TEST_CASE("sample files: no NUL in a metadata key or string (the SQL tables' data contract)") {
    for (const std::uint64_t seed : {1, 7, 16, 42}) {
        int control_key = 0;
        for (const auto& r : generate_sample_files(2000, seed)) {
            CHECK_FALSE(holds_nul(boost::json::value(r.meta)));
            control_key += r.meta.contains("ctl\x01key");
        }
        CHECK(control_key > 0);
    }
    // written as Python's json.dumps writes it
    for (const auto& r : generate_sample_files(300, 1))
        if (r.meta.contains("ctl\x01key")) {
            const auto text = file_records_json(std::vector<file_record>{r});
            CHECK(text.find(R"("ctl\u0001key")") != std::string::npos);
            break;
        }
}

TEST_CASE("compact_file_metadata: the same objects, packed, and later changes and copies use the heap") {
    // generate_sample_files compacts; a copy made before compares equal to the packed objects.
    auto records = generate_sample_files(3000, 11);
    std::vector<boost::json::object> before;
    for (const auto& r : records)
        before.emplace_back(r.meta, boost::json::storage_ptr());
    compact_file_metadata(records); // again, from packed objects
    REQUIRE(records.size() == before.size());
    for (std::size_t k = 0; k < records.size(); ++k)
        REQUIRE(records[k].meta == before[k]);
    // Packed objects share one memory resource, not the default one.
    CHECK(records.front().meta.storage().get() == records.back().meta.storage().get());
    CHECK_FALSE(records.front().meta.storage().get() == boost::json::storage_ptr().get());

    // Changes after packing: members removed (their packed memory is not returned to the heap), added
    // with long strings (heap), replaced; a copy outlives every original record.
    file_record copy = records[7];
    for (std::size_t k = 0; k < records.size(); k += 3) {
        auto& m = records[k].meta;
        m.erase("category");
        m["long"] = std::string(300, 'x');
        m["author"] = boost::json::object{{"name", std::string(100, 'y')}};
    }
    copy.meta["added"] = boost::json::array{std::string(200, 'z'), 1, 2.5};
    records[9] = copy;
    CHECK(records[9] == copy);
    CHECK(records[9].meta.at("added").as_array().size() == 3);
    CHECK(records[3].meta.at("long").as_string().size() == 300);
    CHECK(records[3].meta.if_contains("category") == nullptr);
    const auto expected_copy = boost::json::object(copy.meta, boost::json::storage_ptr());
    records.clear();
    records.shrink_to_fit();
    CHECK(copy.meta == expected_copy);
    CHECK(copy.meta.at("added").as_array()[0].as_string().size() == 200);
}
