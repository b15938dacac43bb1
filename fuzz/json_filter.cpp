// Fuzz target: metadata filters (eval/json_filter.hpp through endpoints/files/filter.hpp) over hostile
// JSON objects, and the List Files listing over them.
//
// The input is `FILTER\nJSON`: the first line is the filter text, the rest a JSON text (the metadata of
// one file; hostile keys and values welcome). It is copied to a buffer of exactly its size, and
// everything runs on a thread with a 256 KiB stack.
// Invariants:
// - prepare_files_filter never crashes; a refusal has a message and a position inside the filter;
// - the compiled form holds only comparisons of paths with literals (eq/ge, path on the left) and is a
//   conjunction (the files profile has `and` only);
// - on any JSON object: matches() is the conjunction of json_compare over the conditions, evaluated
//   one by one; the answer is the same on the object written out as JSON text and parsed again (unless
//   a number overflowed to infinity, which has no JSON text), on the
//   object with a member added under a key no condition's path starts with, and twice in a row;
// - every stored string that parse_json_instant accepts is at least 10 bytes and starts with 4 digits
//   and `-`; the instant's picoseconds are below 10^12;
// - list_files over one record built from the object: total is 1 exactly when matches() is true (no
//   other condition given), and the body written back passes the File response check.
#include "fuzz_support.hpp"

#include <apiquery/endpoints/files/filter.hpp>
#include <apiquery/endpoints/files/listing.hpp>
#include <apiquery/endpoints/files/response.hpp>
#include <apiquery/eval/json_filter.hpp>
#include <apiquery/model/pydantic_json.hpp>
#include <apiquery/value/json_text.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace {

using namespace apiquery;

void check_instants(const boost::json::value& v, int depth) {
    if (depth > 40)
        return;
    if (const auto* s = v.if_string()) {
        const std::string_view t(s->data(), s->size());
        if (const auto at = parse_json_instant(t)) {
            APIQUERY_FUZZ_ASSERT(t.size() >= 10 && t[4] == '-');
            APIQUERY_FUZZ_ASSERT(at->picoseconds >= 0 && at->picoseconds < 1000000000000);
        }
    } else if (const auto* o = v.if_object()) {
        for (const auto& kv : *o)
            check_instants(kv.value(), depth + 1);
    } else if (const auto* a = v.if_array()) {
        for (const auto& e : *a)
            check_instants(e, depth + 1);
    }
}

void check(std::string_view input) {
    const auto nl = input.find('\n');
    const std::string_view filter_text = input.substr(0, nl);
    const std::string_view json = nl == std::string_view::npos ? std::string_view{} : input.substr(nl + 1);

    auto f = prepare_files_filter(filter_text);
    if (!f) {
        APIQUERY_FUZZ_ASSERT(!f.error().message.empty());
        APIQUERY_FUZZ_ASSERT(f.error().position <= filter_text.size());
        return;
    }
    APIQUERY_FUZZ_ASSERT(f->is_conjunction());
    APIQUERY_FUZZ_ASSERT(!f->conditions().empty());
    for (const auto& c : f->conditions()) {
        APIQUERY_FUZZ_ASSERT(c.op == binary_op::eq || c.op == binary_op::ge || c.op == binary_op::le);
        APIQUERY_FUZZ_ASSERT(!c.path.empty());
    }

    // Read as the library reads metadata (parse_json_value: numbers as Python reads them).
    const auto parsed = parse_json_value(json);
    if (!parsed || !parsed->is_object())
        return;
    const boost::json::value& doc = *parsed;
    const boost::json::object& meta = doc.get_object();
    check_instants(doc, 0);

    bool all = true;
    for (const auto& c : f->conditions())
        all = all && eval::json_compare(eval::find_json_path(meta, c.path), c.op, c.literal);
    const bool m = f->matches(meta);
    APIQUERY_FUZZ_ASSERT(m == all);
    APIQUERY_FUZZ_ASSERT(f->matches(meta) == m);

    // Written out and read back: the same answer (numbers keep their kind and value through the text).
    const std::string text = json_text(doc);
    const auto again = parse_json_value(text);
    if (!again) {
        // Only a number beyond the double range (read as infinity) has no JSON text to come back from.
        APIQUERY_FUZZ_ASSERT(text.find("Infinity") != std::string::npos);
    } else {
        APIQUERY_FUZZ_ASSERT(again->is_object());
        APIQUERY_FUZZ_ASSERT(json_text(*again) == text); // numbers come back bit for bit
        APIQUERY_FUZZ_ASSERT(f->matches(again->get_object()) == m);
    }

    // A member under a key no path starts with changes nothing.
    boost::json::object extra = meta;
    std::string key = "\x01unused";
    for (const auto& c : f->conditions())
        while (c.path.front() == key)
            key += '_';
    extra[key] = boost::json::object{{"x", 1}};
    APIQUERY_FUZZ_ASSERT(f->matches(extra) == m);

    // The listing over one record: total 1 exactly when the filter matches; the body checks out.
    file_record r;
    r.workspace = "w";
    r.meta = meta;
    files_request q;
    q.workspace_name = "w";
    q.filter = std::string(filter_text);
    auto page = list_files(q, std::span<const file_record>(&r, 1));
    APIQUERY_FUZZ_ASSERT(page.has_value());
    APIQUERY_FUZZ_ASSERT(page->total == (m ? 1 : 0));
    if (m)
        APIQUERY_FUZZ_ASSERT(check_file_page(json_text(*page)).empty());
}

} // namespace

APIQUERY_FUZZ_ENTRY(check)
