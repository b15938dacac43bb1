// apiquery: the declared query parameters of one request, read from the raw query and validated as
// FastAPI does, then looked up by their declarations (never by position).
//
//     namespace p { inline constexpr apiquery::param_spec limit{...}, order{...}; }
//     inline constexpr std::array<const apiquery::param_spec*, 2> query{&p::limit, &p::order};
//
//     apiquery::query_reading<query> q("limit=5&order=ASC");
//     if (!q.ok()) return q.take_errors();               // the 422 body's elements, FastAPI's order
//     if (q.present(p::limit)) limit = q.check(p::limit).integer;
//     if (rule_broken) q.add_rule_error(p::order, "...");  // an endpoint's own rule, as a value_error
//
// Documentation: docs/request.md.
#pragma once

#include <apiquery/request/param.hpp>
#include <apiquery/request/query_string.hpp>
#include <apiquery/request/validation_error.hpp>

#include <array>
#include <cassert>
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>

namespace apiquery {

/// The query parameters `Params` (a constexpr std::array of `const param_spec*` with static storage, in
/// declaration order; a template argument, so that looking a parameter up by its declaration costs
/// nothing at run time) of one request:
/// 1. each parameter's raw value is the value of the LAST query field with its exact name (Starlette's
///    QueryParams), percent-decoded; a parameter without a field is absent and takes its default
///    (defaults are not validated);
/// 2. every present parameter is checked (check_param), in declaration order; each failure adds one
///    error element (make_param_error), so all failing parameters are reported together.
///
/// After that the endpoint reads the values (present, raw, check) and may add its own rules' errors
/// (add_rule_error), which FastAPI's endpoint would raise only when step 2 passed.
///
/// The object refers to `raw_query`, which must outlive it; it is neither copied nor moved (its views
/// may point into its own storage).
template <const auto& Params>
class query_reading {
    static constexpr std::size_t N = std::tuple_size_v<std::remove_cvref_t<decltype(Params)>>;

public:
    explicit query_reading(std::string_view raw_query) {
        const char* const raw_begin = raw_query.data();
        const char* const raw_end = raw_begin + raw_query.size();
        for_each_query_field(raw_query, [&](std::string_view name, std::string_view v) {
            for (std::size_t i = 0; i < N; ++i) {
                if (Params[i]->name != name)
                    continue;
                present_[i] = true;
                // The decoded value is a view into raw_query when decoding changed nothing, else a copy.
                const std::less_equal<const char*> le;
                if (v.empty() || (le(raw_begin, v.data()) && le(v.data() + v.size(), raw_end))) {
                    raw_[i] = v;
                } else {
                    storage_[i].assign(v);
                    raw_[i] = storage_[i];
                }
                break;
            }
        });
        for (std::size_t i = 0; i < N; ++i) {
            if (!present_[i])
                continue;
            const param_check& c = check_[i].emplace(check_param(*Params[i], raw_[i]));
            if (!c.ok())
                errors_.detail.push_back(make_param_error(*Params[i], raw_[i], c));
        }
    }
    query_reading(const query_reading&) = delete;
    query_reading& operator=(const query_reading&) = delete;

    /// No error so far (parameter types, then rules).
    [[nodiscard]] bool ok() const noexcept { return errors_.detail.empty(); }
    /// The errors so far: the body of the 422.
    [[nodiscard]] const http_validation_error& errors() const noexcept { return errors_; }
    /// Moves the errors out.
    [[nodiscard]] http_validation_error take_errors() noexcept { return std::move(errors_); }

    /// Whether the query has a field for the parameter `p` (one of `params`, by identity).
    [[nodiscard]] bool present(const param_spec& p) const noexcept { return present_[index_of(p)]; }
    /// The decoded raw text of `p` ("" when absent).
    [[nodiscard]] std::string_view raw(const param_spec& p) const noexcept { return raw_[index_of(p)]; }
    /// The outcome of check_param for `p` (a default-constructed, passing check when absent).
    [[nodiscard]] const param_check& check(const param_spec& p) const noexcept {
        static constexpr param_check absent{};
        const auto& c = check_[index_of(p)];
        return c ? *c : absent;
    }

    /// Adds an endpoint rule's failure as pydantic's `value_error` on `["query", p.name]`, with the raw
    /// text as `input` and `ctx` `{"error": message}`.
    void add_rule_error(const param_spec& p, std::string_view message) {
        errors_.detail.push_back(
            make_value_error(make_loc({"query", std::string(p.name)}), message, input(p)));
    }
    /// The same with `ctx` `{"error": message, "position": position}` (a byte offset into the value).
    void add_rule_error_at(const param_spec& p, std::string_view message, std::size_t position) {
        errors_.detail.push_back(
            make_value_error_at(make_loc({"query", std::string(p.name)}), message, input(p), position));
    }

private:
    /// `p` is one of Params (compared by address, which the compiler folds; a copy of a declaration is
    /// found by name).
    [[nodiscard]] std::size_t index_of(const param_spec& p) const noexcept {
        for (std::size_t i = 0; i < N; ++i)
            if (Params[i] == &p)
                return i;
        for (std::size_t i = 0; i < N; ++i)
            if (Params[i]->name == p.name)
                return i;
        assert(!"query_reading: not one of the declared parameters");
        return 0;
    }
    [[nodiscard]] boost::json::value input(const param_spec& p) const {
        const std::string_view v = raw(p);
        return boost::json::value(boost::json::string_view(v.data(), v.size()));
    }

    std::array<std::string_view, N> raw_{};
    std::array<bool, N> present_{};
    std::array<std::optional<param_check>, N> check_{}; // only present parameters are checked (and built)
    std::array<std::string, N> storage_;
    http_validation_error errors_;
};

} // namespace apiquery
