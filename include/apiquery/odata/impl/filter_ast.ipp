// apiquery: implementation of filter_ast.hpp (canonicalisation and equality).
#pragma once

#include <apiquery/odata/filter_ast.hpp>

#include <algorithm>
#include <cstring>

namespace apiquery {

APIQUERY_DECL filter_ast filter_ast_builder::finish(node_id root) {
    filter_ast out;
    if (root == no_node || nodes_.empty()) {
        clear();
        return out;
    }
    const auto pack = [&](filter_ast& t, std::span<const detail::ast_node> nodes,
                          std::span<const node_id> kids) {
        t.node_count_ = static_cast<std::uint32_t>(nodes.size());
        t.child_count_ = static_cast<std::uint32_t>(kids.size());
        t.string_size_ = static_cast<std::uint32_t>(strings_.size());
        t.data_.reset(new unsigned char[t.bytes()]);
        unsigned char* d = t.data_.get();
        std::memcpy(d, nodes.data(), nodes.size() * sizeof(detail::ast_node));
        d += nodes.size() * sizeof(detail::ast_node);
        if (!kids.empty())
            std::memcpy(d, kids.data(), kids.size() * sizeof(node_id));
        d += kids.size() * sizeof(node_id);
        if (!strings_.empty())
            std::memcpy(d, strings_.data(), strings_.size());
    };
    const auto r = static_cast<std::uint32_t>(root);
    if (canonical_ && r + 1 == nodes_.size() && subtree_start_[r] == 0) {
        // Already canonical (what the parser builds unless `and`/`or` need flattening): copy, or for
        // a large tree, when the node block has room for the children and text and is at least half
        // used, hand the block over with the children and text appended (no copy of the nodes).
        const std::size_t tail = children_.size() * sizeof(node_id) + strings_.size();
        const std::size_t used = nodes_.size() * sizeof(detail::ast_node) + tail;
        if (nodes_.size() > 4096 && nodes_.spare_bytes() >= tail &&
            2 * used >= nodes_.capacity() * sizeof(detail::ast_node)) {
            out.node_count_ = static_cast<std::uint32_t>(nodes_.size());
            out.child_count_ = static_cast<std::uint32_t>(children_.size());
            out.string_size_ = static_cast<std::uint32_t>(strings_.size());
            unsigned char* d =
                reinterpret_cast<unsigned char*>(nodes_.data()) + nodes_.size() * sizeof(detail::ast_node);
            if (!children_.empty())
                std::memcpy(d, children_.data(), children_.size() * sizeof(node_id));
            d += children_.size() * sizeof(node_id);
            if (!strings_.empty())
                std::memcpy(d, strings_.data(), strings_.size());
            out.data_ = nodes_.release();
            clear();
            return out;
        }
        pack(out, nodes_, children_);
        clear();
        return out;
    }
    using frame = detail::finish_frame;
    auto& frames = frames_;
    auto& pending = pending_;
    frames.clear();
    order_.clear();
    stack_.clear();
    auto& out_nodes = out_nodes_;
    auto& out_children = out_children_;
    out_nodes.clear();
    out_children.clear();

    // Pushes a frame for `old` after appending its effective children to order_: its children, with
    // same-operator logical children replaced by their own effective children (iteratively, so any
    // depth is fine; each absorbed node is visited once).
    const auto push_frame = [&](std::uint32_t old) {
        const auto begin = static_cast<std::uint32_t>(order_.size());
        auto& n = nodes_[old];
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
                    n.aux = std::min(n.aux, cn.aux); // the first keyword of the flattened chain
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
        n.first_child = static_cast<std::uint32_t>(out_children.size());
        n.child_count = static_cast<std::uint32_t>(stack_.size() - f.out_begin);
        for (std::size_t i = f.out_begin; i < stack_.size(); ++i)
            out_children.push_back(node_id{stack_[i]});
        stack_.resize(f.out_begin);
        order_.resize(f.kids_begin);
        stack_.push_back(static_cast<std::uint32_t>(out_nodes.size()));
        out_nodes.push_back(n);
    }
    pack(out, out_nodes, out_children);
    clear();
    return out;
}

APIQUERY_DECL void filter_ast_builder::shrink(std::size_t max_nodes) {
    if (nodes_.capacity() <= max_nodes)
        return;
    filter_ast_builder fresh;
    nodes_.swap(fresh.nodes_);
    children_.swap(fresh.children_);
    swap(strings_, fresh.strings_);
    swap(stack_, fresh.stack_);
    swap(order_, fresh.order_);
    swap(pending_, fresh.pending_);
    swap(frames_, fresh.frames_);
    swap(out_nodes_, fresh.out_nodes_);
    subtree_start_.swap(fresh.subtree_start_);
    swap(out_children_, fresh.out_children_);
}

APIQUERY_DECL bool filter_ast::equal(const filter_ast& a, const filter_ast& b) noexcept {
    if (a.node_count_ != b.node_count_ || a.child_count_ != b.child_count_)
        return false;
    if (a.child_count_ != 0 &&
        std::memcmp(a.child_data(), b.child_data(), std::size_t{a.child_count_} * sizeof(node_id)) != 0)
        return false;
    const detail::ast_node* xs = a.node_data();
    const detail::ast_node* ys = b.node_data();
    for (std::size_t i = 0; i < a.node_count_; ++i) {
        const auto& x = xs[i];
        const auto& y = ys[i];
        if (x.kind != y.kind || x.op != y.op || x.flags != y.flags || x.child_count != y.child_count ||
            (x.child_count != 0 && x.first_child != y.first_child) ||
            (!has_operator_position(x.kind) && x.aux != y.aux)) // there aux is a source position
            return false;
        if (has_text(x)) {
            const std::string_view tx(a.string_data() + x.text_offset, x.text_size);
            const std::string_view ty(b.string_data() + y.text_offset, y.text_size);
            if (tx != ty)
                return false;
        } else if (x.text_offset != y.text_offset || x.text_size != y.text_size) {
            return false;
        }
    }
    return true;
}

} // namespace apiquery
