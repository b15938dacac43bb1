// apiquery: implementation of filter.hpp.
#pragma once

#include <apiquery/endpoints/files/filter.hpp>
#include <apiquery/endpoints/files/profile.hpp>
#include <apiquery/odata/filter.hpp>
#include <apiquery/profile/profile_check.hpp>

#include <cstdint>
#include <string>
#include <utility>

namespace apiquery {

APIQUERY_DECL result<json_filter, files_filter_problem> prepare_files_filter(std::string_view filter) {
    auto ast = parse_filter(filter);
    if (!ast)
        return unexpected{files_filter_problem{std::move(ast.error().message), ast.error().position}};
    auto checked = check_filter(std::move(*ast), profiles::files);
    if (!checked)
        return unexpected{
            files_filter_problem{std::move(checked.error().message), checked.error().span.begin}};
    const filter_ast& tree = checked->ast();
    for (std::uint32_t i = 0; i < tree.size(); ++i) {
        const node_id id{i};
        if (tree.kind(id) != node_kind::path || tree.segments(id).size() <= files_max_path_keys)
            continue;
        std::string message = "a metadata path has at most ";
        message.append(std::to_string(files_max_path_keys));
        message.append(" keys; this one has ");
        message.append(std::to_string(tree.segments(id).size()));
        return unexpected{files_filter_problem{std::move(message), tree.span(id).begin}};
    }
    auto compiled = compile_json_filter(*checked);
    if (!compiled)
        return unexpected{
            files_filter_problem{std::move(compiled.error().message), compiled.error().span.begin}};
    return std::move(*compiled);
}

} // namespace apiquery
