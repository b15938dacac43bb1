// apiquery: the base of the evaluation tree: the context of one evaluation (the records of the lambda
// frames, scratch strings), the node interface (eval, test), and the leaves: constants, fields and a
// record's own value (part of filter_eval.ipp).
#pragma once

#include <apiquery/eval/filter_eval.hpp>

#include <array>
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace apiquery::eval::detail {

inline constexpr std::size_t max_frames = 16;

struct context {
    std::array<const void*, max_frames> frames; // [0] is set before evaluating; [k] by lambdas
    std::vector<std::unique_ptr<std::string>> scratch;

    std::string_view keep(std::string s) {
        scratch.push_back(std::make_unique<std::string>(std::move(s)));
        return *scratch.back();
    }
};

class node {
public:
    virtual ~node() = default;
    virtual value eval(context& c) const = 0;
    /// The truth value (null and non-booleans are false).
    virtual bool test(context& c) const { return eval(c).is_true(); }
};

using node_ptr = std::unique_ptr<node>;

/// node_ptr(new N(args...)): what std::make_unique<N> does, without instantiating a unique_ptr<N> (and
/// its conversion to node_ptr) for every node type, which cost a fifth of this header's compile time.
template <class N, class... A>
node_ptr make_node(A&&... a) {
    return node_ptr(new N(std::forward<A>(a)...));
}

class const_node final : public node {
public:
    explicit const_node(value v) : v_(v) {}
    value eval(context&) const override { return v_; }
    const value& get() const noexcept { return v_; }

private:
    value v_;
};

class field_node final : public node {
public:
    field_node(std::size_t frame, field_reader r) : frame_(frame), r_(std::move(r)) {}
    value eval(context& c) const override { return r_.read(c.frames[frame_], r_); }
    const field_reader& reader() const noexcept { return r_; }
    std::size_t frame() const noexcept { return frame_; }

private:
    std::size_t frame_;
    field_reader r_;
};

/// A range variable or `$this` alone: the current item's own value.
class item_node final : public node {
public:
    item_node(std::size_t frame, const record_model* m) : frame_(frame), m_(m) {}
    value eval(context& c) const override { return m_->self(c.frames[frame_]); }

private:
    std::size_t frame_;
    const record_model* m_;
};

} // namespace apiquery::eval::detail
