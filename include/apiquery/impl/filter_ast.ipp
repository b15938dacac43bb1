// apiquery: implementation of filter_ast.hpp (canonicalisation and equality).
#pragma once

#include <apiquery/filter_ast.hpp>

#include <algorithm>

namespace apiquery {

APIQUERY_DECL filter_ast filter_ast_builder::finish(node_id root) {
    filter_ast out;
    if (root == no_node || nodes_.empty()) {
        clear();
        return out;
    }
    using frame = detail::finish_frame;
    auto& frames = frames_;
    auto& pending = pending_;
    frames.clear();
    order_.clear();
    stack_.clear();
    out.nodes_.reserve(nodes_.size());
    out.children_.reserve(children_.size());

    // Pushes a frame for `old` after appending its effective children to order_: its children, with
    // same-operator logical children replaced by their own effective children (iteratively, so any
    // depth is fine; each absorbed node is visited once).
    const auto push_frame = [&](std::uint32_t old) {
        const auto begin = static_cast<std::uint32_t>(order_.size());
        const auto& n = nodes_[old];
        if (n.kind != node_kind::logical) {
            for (std::uint32_t i = 0; i < n.child_count; ++i)
                order_.push_back(static_cast<std::uint32_t>(children_[n.first_child + i]));
        } else {
            pending.clear();
            for (std::uint32_t i = n.child_count; i-- > 0;)
                pending.push_back(static_cast<std::uint32_t>(children_[n.first_child + i]));
            while (!pending.empty()) {
                const auto c = pending.back();
                pending.pop_back();
                const auto& cn = nodes_[c];
                if (cn.kind == node_kind::logical && cn.op == n.op) {
                    for (std::uint32_t i = cn.child_count; i-- > 0;)
                        pending.push_back(static_cast<std::uint32_t>(children_[cn.first_child + i]));
                } else {
                    order_.push_back(c);
                }
            }
        }
        frames.push_back(frame{old, begin, static_cast<std::uint32_t>(order_.size()), begin,
                               static_cast<std::uint32_t>(stack_.size())});
    };

    push_frame(static_cast<std::uint32_t>(root));
    while (!frames.empty()) {
        auto& top = frames.back();
        if (top.next < top.kids_end) {
            const auto child = order_[top.next++];
            push_frame(child); // may invalidate `top`
            continue;
        }
        const frame f = top;
        frames.pop_back();
        detail::ast_node n = nodes_[f.old];
        n.first_child = static_cast<std::uint32_t>(out.children_.size());
        n.child_count = static_cast<std::uint32_t>(stack_.size() - f.out_begin);
        for (std::size_t i = f.out_begin; i < stack_.size(); ++i)
            out.children_.push_back(node_id{stack_[i]});
        stack_.resize(f.out_begin);
        order_.resize(f.kids_begin);
        stack_.push_back(static_cast<std::uint32_t>(out.nodes_.size()));
        out.nodes_.push_back(n);
    }
    out.strings_.assign(strings_);
    clear();
    return out;
}

APIQUERY_DECL void filter_ast_builder::shrink(std::size_t max_nodes) {
    if (nodes_.capacity() <= max_nodes)
        return;
    filter_ast_builder fresh;
    swap(nodes_, fresh.nodes_);
    swap(children_, fresh.children_);
    swap(strings_, fresh.strings_);
    swap(stack_, fresh.stack_);
    swap(order_, fresh.order_);
    swap(pending_, fresh.pending_);
    swap(frames_, fresh.frames_);
}

APIQUERY_DECL bool filter_ast::equal(const filter_ast& a, const filter_ast& b) noexcept {
    if (a.nodes_.size() != b.nodes_.size() || a.children_.size() != b.children_.size())
        return false;
    if (!std::equal(a.children_.begin(), a.children_.end(), b.children_.begin()))
        return false;
    for (std::size_t i = 0; i < a.nodes_.size(); ++i) {
        const auto& x = a.nodes_[i];
        const auto& y = b.nodes_[i];
        if (x.kind != y.kind || x.op != y.op || x.flags != y.flags || x.child_count != y.child_count ||
            x.first_child != y.first_child || x.aux != y.aux)
            return false;
        if (has_text(x)) {
            const std::string_view tx(a.strings_.data() + x.text_offset, x.text_size);
            const std::string_view ty(b.strings_.data() + y.text_offset, y.text_size);
            if (tx != ty)
                return false;
        } else if (x.text_offset != y.text_offset || x.text_size != y.text_size) {
            return false;
        }
    }
    return true;
}

} // namespace apiquery
