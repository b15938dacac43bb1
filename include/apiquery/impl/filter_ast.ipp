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
    const auto is_flattenable = [&](std::uint32_t parent, std::uint32_t child) {
        const auto& p = nodes_[parent];
        const auto& c = nodes_[child];
        return p.kind == node_kind::logical && c.kind == node_kind::logical && p.op == c.op;
    };
    struct frame {
        std::uint32_t old;
        std::uint32_t kids_begin; // into order_: this node's effective children (old ids)
        std::uint32_t kids_end;
        std::uint32_t next;
        std::uint32_t out_begin; // into stack_: new ids of the finished children
    };
    std::vector<frame> frames;
    order_.clear();
    stack_.clear();
    out.nodes_.reserve(nodes_.size());
    out.children_.reserve(children_.size());

    // Appends the effective children of `old` to order_: the children, with same-operator logical
    // children replaced by their own effective children (iteratively, so any depth is fine).
    std::vector<std::uint32_t> pending;
    const auto push_frame = [&](std::uint32_t old) {
        const auto begin = static_cast<std::uint32_t>(order_.size());
        const auto& n = nodes_[old];
        pending.clear();
        for (std::uint32_t i = n.child_count; i-- > 0;)
            pending.push_back(static_cast<std::uint32_t>(children_[n.first_child + i]));
        while (!pending.empty()) {
            const auto c = pending.back();
            pending.pop_back();
            if (is_flattenable(old, c)) {
                const auto& cn = nodes_[c];
                for (std::uint32_t i = cn.child_count; i-- > 0;)
                    pending.push_back(static_cast<std::uint32_t>(children_[cn.first_child + i]));
            } else {
                order_.push_back(c);
            }
        }
        frames.push_back({old, begin, static_cast<std::uint32_t>(order_.size()), begin,
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
    out.strings_ = std::move(strings_);
    nodes_.clear();
    children_.clear();
    strings_.clear();
    return out;
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
