// apiquery: implementation of json_filter.hpp.
#pragma once

#include <apiquery/eval/json_filter.hpp>
#include <apiquery/value/odata_time.hpp>

#include <compare>
#include <cstdint>
#include <cstring>
#include <utility>
#include <variant>

namespace apiquery {

namespace eval {

namespace detail {

/// The order of a stored JSON number and a number literal, both read as doubles (nullopt: not a number,
/// or NaN).
inline std::optional<int> compare_number(const boost::json::value& v, double lit) noexcept {
    double d = 0;
    switch (v.kind()) {
    case boost::json::kind::int64:
        d = static_cast<double>(v.get_int64());
        break;
    case boost::json::kind::uint64:
        d = static_cast<double>(v.get_uint64());
        break;
    case boost::json::kind::double_:
        d = v.get_double();
        break;
    default:
        return std::nullopt;
    }
    if (d < lit)
        return -1;
    if (d > lit)
        return 1;
    if (d == lit)
        return 0;
    return std::nullopt; // NaN
}

inline bool apply_order(binary_op op, std::optional<int> c) noexcept {
    switch (op) {
    case binary_op::eq:
        return c && *c == 0;
    case binary_op::ne:
        return !(c && *c == 0);
    case binary_op::gt:
        return c && *c > 0;
    case binary_op::ge:
        return c && *c >= 0;
    case binary_op::lt:
        return c && *c < 0;
    case binary_op::le:
        return c && *c <= 0;
    default:
        return false;
    }
}

} // namespace detail

namespace detail {

/// True when the `n` bytes at `a` and `b` are the same (inline: the keys of metadata are short, and a
/// call to memcmp per member costs more than the comparison).
inline bool same_bytes(const char* a, const char* b, std::size_t n) noexcept {
    for (; n >= 8; a += 8, b += 8, n -= 8) {
        std::uint64_t x = 0, y = 0;
        std::memcpy(&x, a, 8);
        std::memcpy(&y, b, 8);
        if (x != y)
            return false;
    }
    for (; n > 0; ++a, ++b, --n)
        if (*a != *b)
            return false;
    return true;
}

/// The member `key` of `o`, or nullptr: object::if_contains, with the scan of a small object inline
/// (the length of each key is compared before its bytes, which are read only when it is equal). Keys
/// of an object are unique, so the member found is the one if_contains finds.
inline const boost::json::value* find_member(const boost::json::object& o, std::string_view key) noexcept {
    constexpr std::size_t scan_limit = 16; // larger objects: Boost.JSON's hash index
    if (o.size() > scan_limit)
        return o.if_contains(boost::json::string_view(key.data(), key.size()));
    for (const auto& kv : o) {
        const auto k = kv.key();
        if (k.size() == key.size() && same_bytes(k.data(), key.data(), key.size()))
            return &kv.value();
    }
    return nullptr;
}

} // namespace detail

APIQUERY_DECL const boost::json::value* find_json_path(const boost::json::object& object,
                                                       const std::vector<std::string>& path) noexcept {
    const boost::json::object* o = &object;
    const boost::json::value* v = nullptr;
    for (const auto& key : path) {
        if (o == nullptr)
            return nullptr;
        v = detail::find_member(*o, key);
        if (v == nullptr)
            return nullptr;
        o = v->if_object();
    }
    return v;
}

APIQUERY_DECL bool json_compare(const boost::json::value* v, binary_op op, const json_literal& lit) noexcept {
    if (v == nullptr || v->is_null())
        return op == binary_op::eq ? lit.kind == json_literal_kind::null
                                   : (op == binary_op::ne && lit.kind != json_literal_kind::null);
    std::optional<int> c;
    switch (lit.kind) {
    case json_literal_kind::null:
        break;
    case json_literal_kind::boolean:
        if (const bool* b = v->if_bool())
            c = *b == lit.boolean ? 0 : 1;
        break;
    case json_literal_kind::number:
        c = detail::compare_number(*v, lit.number);
        break;
    case json_literal_kind::string:
        if (const auto* s = v->if_string()) {
            const int r = std::string_view(s->data(), s->size()).compare(lit.text);
            c = r < 0 ? -1 : (r > 0 ? 1 : 0);
        }
        break;
    case json_literal_kind::instant:
        if (const auto* s = v->if_string()) {
            if (const auto at = parse_json_instant(std::string_view(s->data(), s->size()))) {
                const auto o = *at <=> lit.instant;
                c = o < 0 ? -1 : (o > 0 ? 1 : 0);
            }
        }
        break;
    }
    return detail::apply_order(op, c);
}

} // namespace eval

APIQUERY_DECL bool json_filter::eval_node(std::uint32_t n, const boost::json::object& object) const noexcept {
    const auto& node = nodes_[n];
    switch (node.kind) {
    case eval::detail::json_filter_node::type::condition: {
        const auto& c = conditions_[node.condition];
        return eval::json_compare(eval::find_json_path(object, c.path), c.op, c.literal);
    }
    case eval::detail::json_filter_node::type::and_:
        for (const auto k : node.children)
            if (!eval_node(k, object))
                return false;
        return true;
    case eval::detail::json_filter_node::type::or_:
        for (const auto k : node.children)
            if (eval_node(k, object))
                return true;
        return false;
    case eval::detail::json_filter_node::type::not_:
        return !eval_node(node.children.front(), object);
    }
    return false;
}

APIQUERY_DECL bool json_filter::matches(const boost::json::object& object) const noexcept {
    if (conjunction_) {
        for (const auto& c : conditions_)
            if (!eval::json_compare(eval::find_json_path(object, c.path), c.op, c.literal))
                return false;
        return true;
    }
    return eval_node(static_cast<std::uint32_t>(nodes_.size() - 1), object);
}

namespace eval::detail {

/// Builds a json_filter from a checked tree (compile_json_filter).
class json_filter_compiler {
public:
    explicit json_filter_compiler(const checked_filter& c) : c_(c), ast_(c.ast()) {}

    std::optional<filter_compile_error> error;
    std::vector<json_condition> conditions;
    std::vector<json_filter_node> nodes;
    bool conjunction = true;

    /// Compiles node `id` as a condition; returns its node index (meaningless after an error).
    std::uint32_t condition(node_id id, int depth) {
        if (error)
            return 0;
        if (depth > 64)
            return fail(id, "the filter is nested too deeply");
        switch (ast_.kind(id)) {
        case node_kind::logical: {
            json_filter_node n;
            n.kind = ast_.logical_operator(id) == logical_op::and_ ? json_filter_node::type::and_
                                                                   : json_filter_node::type::or_;
            if (n.kind == json_filter_node::type::or_)
                conjunction = false;
            for (const node_id k : ast_.children(id))
                n.children.push_back(condition(k, depth + 1));
            return add(std::move(n));
        }
        case node_kind::unary:
            if (ast_.unary_operator(id) != unary_op::not_)
                break;
            {
                conjunction = false;
                json_filter_node n;
                n.kind = json_filter_node::type::not_;
                n.children.push_back(condition(ast_.children(id).front(), depth + 1));
                return add(std::move(n));
            }
        case node_kind::path: {
            json_condition c;
            if (!path_of(id, c.path))
                return 0;
            c.op = binary_op::eq;
            c.literal.kind = json_literal_kind::boolean;
            c.literal.boolean = true;
            return add_condition(std::move(c));
        }
        case node_kind::binary: {
            const binary_op op = ast_.binary_operator(id);
            if (!is_comparison(op))
                break;
            const auto kids = ast_.children(id);
            node_id path = kids[0], lit = kids[1];
            binary_op o = op;
            if (ast_.kind(path) != node_kind::path) {
                std::swap(path, lit);
                o = converse(op);
            }
            if (ast_.kind(path) != node_kind::path || ast_.kind(lit) != node_kind::literal)
                return fail(id, ast_.kind(path) == node_kind::path
                                    ? "a metadata path can only be compared with a literal value"
                                    : "a comparison must have a metadata path on one side");
            json_condition c;
            c.op = o;
            if (!path_of(path, c.path) || !literal_of(lit, c.literal))
                return 0;
            if (is_ordering(o) &&
                (c.literal.kind == json_literal_kind::null || c.literal.kind == json_literal_kind::boolean))
                return fail(id, "null and boolean values cannot be ordered");
            return add_condition(std::move(c));
        }
        case node_kind::literal:
        case node_kind::alias:
        case node_kind::in:
        case node_kind::list:
        case node_kind::call:
        case node_kind::type_name:
        case node_kind::lambda:
            break;
        }
        return fail(id,
                    "only comparisons of metadata paths with values, 'and', 'or' and 'not' are supported");
    }

private:
    std::uint32_t fail(node_id id, std::string message) {
        if (!error)
            error = filter_compile_error{std::move(message), ast_.span(id)};
        return 0;
    }
    std::uint32_t add(json_filter_node n) {
        nodes.push_back(std::move(n));
        return static_cast<std::uint32_t>(nodes.size() - 1);
    }
    std::uint32_t add_condition(json_condition c) {
        conditions.push_back(std::move(c));
        json_filter_node n;
        n.condition = static_cast<std::uint32_t>(conditions.size() - 1);
        return add(std::move(n));
    }
    bool path_of(node_id id, std::vector<std::string>& out) {
        const auto kind = c_.binding(id).kind;
        if (kind != binding_kind::free && kind != binding_kind::field) {
            fail(id, "only metadata paths can be compared");
            return false;
        }
        for (const std::string_view s : ast_.segments(id))
            out.emplace_back(s);
        return true;
    }
    bool literal_of(node_id id, json_literal& out) {
        const typed_value& v = c_.value(id);
        bool ok = true;
        std::visit(
            [&](const auto& x) {
                using T = std::decay_t<decltype(x)>;
                if constexpr (std::is_same_v<T, std::monostate>) {
                    ok = ast_.literal_type(id) == literal_kind::null;
                    out.kind = json_literal_kind::null;
                } else if constexpr (std::is_same_v<T, bool>) {
                    out.kind = json_literal_kind::boolean;
                    out.boolean = x;
                } else if constexpr (std::is_same_v<T, std::int64_t>) {
                    out.kind = json_literal_kind::number;
                    out.number = static_cast<double>(x); // the nearest double
                } else if constexpr (std::is_same_v<T, decimal_value>) {
                    out.kind = json_literal_kind::number;
                    out.number = x.approx;
                } else if constexpr (std::is_same_v<T, double>) {
                    out.kind = json_literal_kind::number;
                    out.number = x;
                } else if constexpr (std::is_same_v<T, std::string_view>) {
                    out.kind = json_literal_kind::string;
                    out.text.assign(x);
                } else if constexpr (std::is_same_v<T, odata_date>) {
                    out.kind = json_literal_kind::instant;
                    out.instant = json_instant_of(x);
                    out.from_date = true;
                } else if constexpr (std::is_same_v<T, odata_datetimeoffset>) {
                    out.kind = json_literal_kind::instant;
                    out.instant = json_instant_of(x);
                } else {
                    ok = false;
                }
            },
            v);
        if (!ok)
            fail(id, "metadata values are JSON: compare them with a string, a number, true, false, null, "
                     "a date or a date-time");
        return ok;
    }

    const checked_filter& c_;
    const filter_ast& ast_;
};

} // namespace eval::detail

APIQUERY_DECL result<json_filter, filter_compile_error> compile_json_filter(const checked_filter& checked) {
    if (checked.empty() || checked.ast().empty())
        return unexpected{filter_compile_error{"the filter is empty", {}}};
    eval::detail::json_filter_compiler c(checked);
    c.condition(checked.root(), 0);
    if (c.error)
        return unexpected{std::move(*c.error)};
    json_filter f;
    f.conditions_ = std::move(c.conditions);
    f.nodes_ = std::move(c.nodes);
    f.conjunction_ = c.conjunction;
    return f;
}

} // namespace apiquery
