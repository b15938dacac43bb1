// apiquery: implementation of filter_eval.hpp.
//
// A filter is compiled once into a tree of evaluation nodes, then evaluated per record. The parts:
// - run-time values: exact decimals (decimal.ipp), conversions between kinds and describe() (value.ipp),
//   comparison under the filter semantics (compare.ipp);
// - records: the JSON and typed-table record models (record_models.ipp);
// - evaluation nodes: the node interface and leaves (eval_node.ipp), conditions (condition_nodes.ipp),
//   arithmetic (arithmetic_nodes.ipp), function calls (function_nodes.ipp), cast and isof
//   (cast_nodes.ipp);
// - the compiler from a filter_ast to nodes (filter_compiler.ipp);
// - here: compiled_filter and compile_filter().
#pragma once

#include <apiquery/eval/filter_eval.hpp>
#include <apiquery/eval/impl/arithmetic_nodes.ipp>
#include <apiquery/eval/impl/cast_nodes.ipp>
#include <apiquery/eval/impl/compare.ipp>
#include <apiquery/eval/impl/condition_nodes.ipp>
#include <apiquery/eval/impl/decimal.ipp>
#include <apiquery/eval/impl/eval_node.ipp>
#include <apiquery/eval/impl/filter_compiler.ipp>
#include <apiquery/eval/impl/function_nodes.ipp>
#include <apiquery/eval/impl/record_models.ipp>
#include <apiquery/eval/impl/value.ipp>
#include <apiquery/odata/filter_ast.hpp>
#include <apiquery/profile/profile_check.hpp>
#include <apiquery/value/result.hpp>
#include <apiquery/value/timestamp.hpp>

#include <chrono>
#include <exception>
#include <string>
#include <utility>

namespace apiquery {

APIQUERY_DECL compiled_filter::compiled_filter() = default;
APIQUERY_DECL compiled_filter::compiled_filter(compiled_filter&&) noexcept = default;
APIQUERY_DECL compiled_filter& compiled_filter::operator=(compiled_filter&&) noexcept = default;
APIQUERY_DECL compiled_filter::~compiled_filter() = default;

APIQUERY_DECL bool compiled_filter::matches_record(const void* record) const {
    if (!root_)
        return true; // an empty filter matches everything
    eval::detail::context c;
    c.frames[0] = record;
    return root_->test(c);
}

APIQUERY_DECL std::string compiled_filter::evaluate_to_string(const void* record) const {
    if (!root_)
        return "null";
    eval::detail::context c;
    c.frames[0] = record;
    return eval::describe(root_->eval(c));
}

namespace eval::detail {
struct compiled_filter_access {
    static result<compiled_filter, filter_compile_error> compile(const filter_ast& ast,
                                                                 const checked_filter* checked,
                                                                 const record_model& model,
                                                                 const compile_options& options) {
        compiled_filter out;
        out.model_ = &model;
        if (ast.empty())
            return out;
        const timestamp now = options.now ? *options.now
                                          : timestamp(std::chrono::time_point_cast<std::chrono::microseconds>(
                                                std::chrono::system_clock::now()));
        compiler c{ast, model, value::datetime(now.unix_micros(), 0, 0), out.constants_, checked, {}, 0, {}};
        try {
            out.root_ = c.compile(ast.root());
        } catch (const std::exception& e) {
            return unexpected{filter_compile_error{std::string("cannot compile the filter: ") + e.what(),
                                                   ast.span(ast.root())}};
        }
        if (c.error)
            return unexpected{std::move(*c.error)};
        out.frames_ = c.max_frame + 1;
        return out;
    }
};
} // namespace eval::detail

APIQUERY_DECL result<compiled_filter, filter_compile_error>
compile_filter(const filter_ast& ast, const eval::record_model& model, const compile_options& options) {
    return eval::detail::compiled_filter_access::compile(ast, nullptr, model, options);
}

APIQUERY_DECL result<compiled_filter, filter_compile_error> compile_filter(const checked_filter& checked,
                                                                           const eval::record_model& model,
                                                                           const compile_options& options) {
    if (checked.empty())
        return eval::detail::compiled_filter_access::compile(filter_ast{}, nullptr, model, options);
    return eval::detail::compiled_filter_access::compile(checked.ast(), &checked, model, options);
}

} // namespace apiquery
