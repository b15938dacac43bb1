// apiquery: PaginatedResult[T], the envelope of a listing: `{"data":[T...],"has_more":bool,"total":int}`.
//
// Fields in pydantic definition order (the order FastAPI writes and pydantic reports errors in):
// `data`, `has_more`, `total`. The pydantic class name is `PaginatedResult[<T's class name>]`, e.g.
// `PaginatedResult[Item]` for a model whose class name is `Item` (the title of a 200 schema).
//
// Documentation: docs/models.md.
#pragma once

#include <apiquery/model/model_check.hpp>

#include <boost/json/array.hpp>
#include <boost/json/conversion.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <boost/json/value_from.hpp>
#include <boost/system/result.hpp>

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace apiquery {

/// One page of a listing.
template <class T>
struct paginated_result {
    /// The records of this page, in the requested order.
    std::vector<T> data;
    /// Whether more records exist beyond this page in the direction of travel.
    bool has_more = false;
    /// How many records match the query in total (not only this page).
    std::int64_t total = 0;

    friend bool operator==(const paginated_result&, const paginated_result&) = default;
};

template <class T>
struct model_traits<paginated_result<T>> {
    static std::string class_name() { return "PaginatedResult[" + model_traits<T>::class_name() + "]"; }

    static bool validate(json_view v, detail::validation_context& c, paginated_result<T>* out) {
        static constexpr std::array<std::string_view, 3> fields{"data", "has_more", "total"};
        json_view s[3];
        if (v.kind() != json_kind::object) // build the class name only when it is needed
            return detail::validate_model_object(v, c, class_name(), fields, s);
        detail::validate_model_object(v, c, {}, fields, s);
        bool ok = detail::model_field(c, v, fields[0], s[0], [&](json_view x) {
            if (out) {
                out->data.clear();
                if (x.kind() == json_kind::array)
                    out->data.resize(x.size());
            }
            return detail::validate_list(x, c, [&](json_view e, std::size_t k) {
                return model_traits<T>::validate(e, c, out ? &out->data[k] : nullptr);
            });
        });
        ok = detail::model_field(
                 c, v, fields[1], s[1],
                 [&](json_view x) { return detail::validate_bool(x, c, out ? &out->has_more : nullptr); }) &&
             ok;
        ok = detail::model_field(
                 c, v, fields[2], s[2],
                 [&](json_view x) { return detail::validate_int(x, c, out ? &out->total : nullptr); }) &&
             ok;
        return ok;
    }

    /// Appends `{"data":[...],"has_more":…,"total":…}` (the elements by model_traits<T>::write).
    static void write(std::string& out, const paginated_result<T>& p) {
        using namespace std::string_view_literals;
        out.reserve(out.size() + 64 + 384 * p.data.size()); // a guess at an element's size: fewer regrowths
        out += "{\"data\":["sv;
        for (std::size_t k = 0; k < p.data.size(); ++k) {
            if (k > 0)
                out += ',';
            model_traits<T>::write(out, p.data[k]);
        }
        out += p.has_more ? "],\"has_more\":true,\"total\":"sv : "],\"has_more\":false,\"total\":"sv;
        out += std::to_string(p.total);
        out += '}';
    }
};

/// The 200 body of a page: `{"data":[...],"has_more":...,"total":...}`, keys in FastAPI's order,
/// byte-identical to Starlette's JSONResponse (written directly, by model_traits; the one writer of a
/// page body).
template <class T>
std::string json_text(const paginated_result<T>& page) {
    return write_model_json(page);
}

/// Boost.JSON: `{"data":[...],"has_more":…,"total":…}`, the elements by their own value_from.
template <class T>
void tag_invoke(boost::json::value_from_tag, boost::json::value& jv, const paginated_result<T>& p) {
    boost::json::object o(jv.storage());
    o.reserve(3);
    boost::json::array data(jv.storage());
    data.reserve(p.data.size());
    for (const auto& e : p.data)
        data.push_back(boost::json::value_from(e, jv.storage()));
    o.emplace("data", std::move(data));
    o.emplace("has_more", p.has_more);
    o.emplace("total", p.total);
    jv = std::move(o);
}

/// Boost.JSON: read as a pydantic client would (check_model_value lists the errors of a mismatch).
template <class T>
boost::system::result<paginated_result<T>> tag_invoke(boost::json::try_value_to_tag<paginated_result<T>>,
                                                      const boost::json::value& jv) {
    return detail::try_value_to_model<paginated_result<T>>(jv);
}

} // namespace apiquery
