// apiquery: implementation of record.hpp.
#pragma once

#include <apiquery/endpoints/files/record.hpp>
#include <apiquery/endpoints/files/request.hpp>
#include <apiquery/model/pydantic_json.hpp>
#include <apiquery/request/query_string.hpp>
#include <apiquery/value/json_text.hpp>

#include <boost/json/memory_resource.hpp>
#include <boost/json/storage_ptr.hpp>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <memory>
#include <new>
#include <utility>
#include <vector>

namespace apiquery {

APIQUERY_DECL std::string files_url(std::string_view workspace_name, const uuid& file_id) {
    std::string out = "/api/v1/workspaces/";
    append_quoted_safe(out, workspace_name, "");
    out += "/files/";
    const auto id = to_chars(file_id);
    out.append(id.data(), id.size());
    return out;
}

APIQUERY_DECL file to_file(const file_record& r) {
    file f;
    f.file_id = r.file_id;
    f.url = files_url(r.workspace, r.file_id);
    f.name = r.name;
    f.size = r.size;
    f.characters = r.characters;
    f.meta = r.meta;
    f.created_at = r.created_at;
    f.languages = r.languages;
    return f;
}

APIQUERY_DECL bool model_traits<file_record>::validate(json_view v, detail::validation_context& c,
                                                       file_record* out) {
    const auto& f = file_record_fields;
    json_view s[f.size()];
    if (!detail::validate_model_object(v, c, "FileRecord", f, s))
        return false;
    bool ok = true;
    const auto field = [&](std::size_t k, auto&& fn) {
        ok = detail::model_field(c, v, f[k], s[k], fn) && ok;
    };
    field(0, [&](json_view x) { return detail::validate_uuid(x, c, out ? &out->file_id : nullptr); });
    field(1, [&](json_view x) { return detail::validate_str(x, c, out ? &out->name : nullptr); });
    field(2, [&](json_view x) { return detail::validate_int(x, c, out ? &out->size : nullptr); });
    field(3, [&](json_view x) { return detail::validate_int(x, c, out ? &out->characters : nullptr); });
    field(4, [&](json_view x) { return detail::validate_meta(x, c, out ? &out->meta : nullptr); });
    field(5, [&](json_view x) { return detail::validate_datetime(x, c, out ? &out->created_at : nullptr); });
    if (s[6].valid()) {
        const detail::loc_scope scope(c, f[6]);
        ok = detail::validate_languages(s[6], c, out ? &out->languages : nullptr) && ok;
    } else if (out) {
        out->languages.reset();
    }
    field(7, [&](json_view x) { return detail::validate_str(x, c, out ? &out->workspace : nullptr); });
    field(8, [&](json_view x) { return detail::validate_str(x, c, out ? &out->content : nullptr); });
    return ok;
}

APIQUERY_DECL void model_traits<file_record>::write(std::string& out, const file_record& r) {
    const auto id = to_chars(r.file_id);
    out += "{\"file_id\":\"";
    out.append(id.data(), id.size());
    out += "\",\"name\":";
    append_json_string(out, r.name);
    out += ",\"size\":";
    out += std::to_string(r.size);
    out += ",\"characters\":";
    out += std::to_string(r.characters);
    out += ",\"meta\":";
    append_json_text(out, boost::json::value(r.meta));
    out += ",\"created_at\":\"";
    append_pydantic_datetime(out, r.created_at);
    out += "\",\"languages\":";
    detail::append_languages(out, r.languages);
    out += ",\"workspace\":";
    append_json_string(out, r.workspace);
    out += ",\"content\":";
    append_json_string(out, r.content);
    out += '}';
}

namespace detail {

/// The memory of compacted metadata: until sealed, allocations are cut one after the other from large
/// blocks (no per-allocation header or rounding, so the members of consecutive records lie next to
/// each other); once sealed, allocations go to the ordinary heap (changes and copies of the objects
/// made later). Deallocating memory of a block does nothing (a block is freed with the resource, when
/// the last object using it is destroyed); other memory goes back to the heap. Sealed, it is
/// thread-safe (its state no longer changes).
class metadata_arena final : public boost::json::memory_resource {
public:
    /// `sealed`: the flag that seals it, set by the owner of the arena (make_shared_resource keeps the
    /// resource itself out of reach).
    explicit metadata_arena(std::shared_ptr<const bool> sealed) : sealed_(std::move(sealed)) {}
    metadata_arena(const metadata_arena&) = delete;
    metadata_arena& operator=(const metadata_arena&) = delete;
    ~metadata_arena() override {
        for (const auto& b : blocks_)
            ::operator delete(b.first); // unsized: clang does not enable sized deallocation by default
    }

private:
    static constexpr std::size_t block_size = std::size_t{4} << 20;

    void* do_allocate(std::size_t n, std::size_t align) override {
        if (*sealed_)
            return ::operator new (n, std::align_val_t{align});
        auto at = (reinterpret_cast<std::uintptr_t>(next_) + (align - 1)) & ~std::uintptr_t{align - 1};
        if (next_ == nullptr || at + n > reinterpret_cast<std::uintptr_t>(end_)) {
            const std::size_t size = std::max(block_size, n + align);
            char* b = static_cast<char*>(::operator new(size));
            // Kept sorted by address, for the lookup of do_deallocate.
            const std::pair<char*, char*> block{b, b + size};
            blocks_.insert(std::upper_bound(blocks_.begin(), blocks_.end(), block), block);
            next_ = b;
            end_ = b + size;
            at = (reinterpret_cast<std::uintptr_t>(next_) + (align - 1)) & ~std::uintptr_t{align - 1};
        }
        next_ = reinterpret_cast<char*>(at + n);
        return reinterpret_cast<void*>(at);
    }

    void do_deallocate(void* p, std::size_t, std::size_t align) override {
        char* c = static_cast<char*>(p);
        auto it = std::upper_bound(blocks_.begin(), blocks_.end(), c,
                                   [](char* x, const std::pair<char*, char*>& b) { return x < b.first; });
        if (it != blocks_.begin() && c < std::prev(it)->second)
            return; // in a block
        ::operator delete (p, std::align_val_t{align});
    }

    bool do_is_equal(const boost::json::memory_resource& other) const noexcept override {
        return this == &other;
    }

    std::vector<std::pair<char*, char*>> blocks_;
    char* next_ = nullptr;
    char* end_ = nullptr;
    std::shared_ptr<const bool> sealed_;
};

} // namespace detail

APIQUERY_DECL void compact_file_metadata(std::span<file_record> records) {
    const auto sealed = std::make_shared<bool>(false);
    const auto arena = boost::json::make_shared_resource<detail::metadata_arena>(sealed);
    std::vector<boost::json::object> fresh;
    fresh.reserve(records.size());
    for (const auto& r : records)
        fresh.emplace_back(r.meta, arena);
    *sealed = true;
    // Assignment would copy into the record's own memory resource: the object is replaced instead (the
    // move constructor takes the arena with the members).
    for (std::size_t k = 0; k < records.size(); ++k) {
        std::destroy_at(&records[k].meta);
        std::construct_at(&records[k].meta, std::move(fresh[k]));
    }
}

namespace detail {
/// True when `v` holds a number that is not finite (read from a text beyond the double range): JSON
/// has no text for it, so a server could not send the file.
inline bool has_non_finite(const boost::json::value& v, int depth = 0) {
    if (const double* d = v.if_double())
        return !std::isfinite(*d);
    if (depth > 1000)
        return false;
    if (const auto* o = v.if_object()) {
        for (const auto& kv : *o)
            if (has_non_finite(kv.value(), depth + 1))
                return true;
    } else if (const auto* a = v.if_array()) {
        for (const auto& e : *a)
            if (has_non_finite(e, depth + 1))
                return true;
    }
    return false;
}
} // namespace detail

APIQUERY_DECL result<std::vector<file_record>, std::string> parse_file_records(std::string_view json) {
    auto doc = parse_pydantic_json(json);
    if (!doc)
        return unexpected{std::string("not JSON: ") + doc.error().description()};
    const json_view root = doc->root();
    if (root.kind() != json_kind::array)
        return unexpected{std::string("expected a JSON array of file records")};
    std::vector<file_record> out(root.size());
    std::size_t index = 0;
    std::string failure;
    root.for_each_element([&](json_view element) {
        if (!failure.empty())
            return;
        std::vector<validation_error> errors;
        detail::validation_context c;
        c.errors = &errors;
        c.typed = true;
        if (!model_traits<file_record>::validate(element, c, &out[index]) || !errors.empty()) {
            failure = "record " + std::to_string(index);
            if (!errors.empty()) {
                const auto& e = errors.front();
                failure += " at ";
                failure += json_text(to_json(e).as_object().at("loc"));
                failure += ": " + e.msg;
            }
        } else if (detail::has_non_finite(boost::json::value(out[index].meta))) {
            failure = "record " + std::to_string(index) +
                      " at [\"meta\"]: a number beyond the range of a double has no JSON text to send";
        }
        ++index;
    });
    if (!failure.empty())
        return unexpected{std::move(failure)};
    compact_file_metadata(out);
    return out;
}

APIQUERY_DECL std::string file_records_json(std::span<const file_record> records) {
    std::string out = "[";
    bool first = true;
    for (const auto& r : records) {
        out.append(first ? "\n" : ",\n");
        first = false;
        model_traits<file_record>::write(out, r);
    }
    out.append("\n]\n");
    return out;
}

APIQUERY_DECL void tag_invoke(boost::json::value_from_tag, boost::json::value& jv, const file_record& r) {
    std::string text;
    model_traits<file_record>::write(text, r);
    jv = boost::json::value(parse_json_value(text).value(), jv.storage()); // our own text: always JSON
}

APIQUERY_DECL boost::system::result<file_record> tag_invoke(boost::json::try_value_to_tag<file_record>,
                                                            const boost::json::value& jv) {
    return detail::try_value_to_model<file_record>(jv);
}

} // namespace apiquery
