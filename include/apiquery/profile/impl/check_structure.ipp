// apiquery: the first pass of check_filter(): the tree's structure (every node but the root has one
// parent, stored before it), the profile's node and depth limits, and the lambda scope of every node
// (part of profile_check.ipp).
#pragma once

#include <apiquery/profile/impl/check_state.ipp>
#include <apiquery/profile/profile_check.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace apiquery::detail::pcheck {

/// Sets st.parents and st.scopes; fails on a malformed tree or a tree beyond the limits (the depth
/// error at the leftmost node that is too deep).
inline opt_error check_structure(check_state& st) {
    if (st.n == 0)
        return profile_error{profile_errc::malformed_tree, {}, "the filter is empty"};
    if (st.n >= npos)
        return profile_error{profile_errc::node_limit, st.ast.span(st.ast.root()), "the filter is too large"};
    const node_id root = st.ast.root();
    if (st.n > st.profile.limits.max_nodes)
        return st.error(profile_errc::node_limit, root,
                        "the filter has " + std::to_string(st.n) + " nodes; this endpoint accepts at most " +
                            std::to_string(st.profile.limits.max_nodes));
    st.parents.assign(st.n, npos);
    for (std::uint32_t i = 0; i < st.n; ++i) {
        for (node_id c : st.ast.children(node_id{i})) {
            const auto ci = st.idx(c);
            if (ci >= i || st.parents[ci] != npos)
                return st.error(profile_errc::malformed_tree, root, "the syntax tree is malformed");
            st.parents[ci] = i;
        }
    }
    for (std::uint32_t i = 0; i + 1 < st.n; ++i)
        if (st.parents[i] == npos)
            return st.error(profile_errc::malformed_tree, root, "the syntax tree is malformed");
    // Depth and lambda scopes, top-down (parents have larger indices than their children).
    std::vector<std::uint32_t> depth(st.n, 0);
    st.scopes.assign(st.n, npos);
    depth[st.n - 1] = 1;
    std::uint32_t deepest = 1;
    std::uint32_t first_too_deep = npos;
    for (std::uint32_t i = st.n; i-- > 0;) {
        const node_id id{i};
        const auto kids = st.ast.children(id);
        const bool lambda = st.ast.kind(id) == node_kind::lambda;
        for (std::size_t k = 0; k < kids.size(); ++k) {
            const auto ci = st.idx(kids[k]);
            depth[ci] = depth[i] + 1;
            st.scopes[ci] = lambda && k == 1 ? i : st.scopes[i];
        }
        deepest = std::max(deepest, depth[i]);
        if (depth[i] > st.profile.limits.max_depth &&
            (first_too_deep == npos || st.ast.span(id).begin < st.ast.span(node_id{first_too_deep}).begin))
            first_too_deep = i;
    }
    if (first_too_deep != npos)
        return st.error(profile_errc::depth_limit, node_id{first_too_deep},
                        "the filter is " + std::to_string(deepest) +
                            " levels deep; this endpoint accepts at most " +
                            std::to_string(st.profile.limits.max_depth));
    return std::nullopt;
}

} // namespace apiquery::detail::pcheck
