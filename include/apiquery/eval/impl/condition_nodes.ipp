// apiquery: the evaluation nodes of conditions: `and`, `or`, `not`; comparisons, with the fast path for
// a typed field compared with a constant (and a conjunction of those); `has`; `in` a list or a
// collection; the lambdas `any` and `all` (part of filter_eval.ipp).
#pragma once

#include <apiquery/eval/filter_eval.hpp>
#include <apiquery/eval/impl/compare.ipp>
#include <apiquery/eval/impl/eval_node.ipp>
#include <apiquery/eval/impl/value.ipp>
#include <apiquery/odata/filter_ast.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

namespace apiquery::eval::detail {

class and_node final : public node {
public:
    explicit and_node(std::vector<node_ptr> k) : kids_(std::move(k)) {}
    bool test(context& c) const override {
        for (const auto& k : kids_)
            if (!k->test(c))
                return false;
        return true;
    }
    value eval(context& c) const override { return value::boolean(test(c)); }

private:
    std::vector<node_ptr> kids_;
};

class or_node final : public node {
public:
    explicit or_node(std::vector<node_ptr> k) : kids_(std::move(k)) {}
    bool test(context& c) const override {
        for (const auto& k : kids_)
            if (k->test(c))
                return true;
        return false;
    }
    value eval(context& c) const override { return value::boolean(test(c)); }

private:
    std::vector<node_ptr> kids_;
};

class not_node final : public node {
public:
    explicit not_node(node_ptr k) : kid_(std::move(k)) {}
    bool test(context& c) const override { return !kid_->test(c); }
    value eval(context& c) const override { return value::boolean(test(c)); }

private:
    node_ptr kid_;
};

class compare_node final : public node {
public:
    compare_node(binary_op op, node_ptr a, node_ptr b) : op_(op), a_(std::move(a)), b_(std::move(b)) {}
    bool test(context& c) const override { return apply_comparison(op_, a_->eval(c), b_->eval(c)); }
    value eval(context& c) const override { return value::boolean(test(c)); }

private:
    binary_op op_;
    node_ptr a_, b_;
};

/// A fast comparison of a typed field with a constant, as plain data: `fast_node` evaluates one,
/// `conjunction_node` a list of them in one loop without virtual calls (the typed fast path).
struct fast_predicate {
    bool is_string = false;
    binary_op op = binary_op::eq;
    std::size_t frame = 0;
    std::string_view (*get_string)(const void*) = nullptr;
    bool (*get_micros)(const void*, std::int64_t&) = nullptr;
    std::string_view text;
    std::int64_t us = 0;
    std::int32_t ps = 0;

    static bool apply(binary_op o, int r) noexcept {
        switch (o) {
        case binary_op::eq:
            return r == 0;
        case binary_op::ne:
            return r != 0;
        case binary_op::gt:
            return r > 0;
        case binary_op::ge:
            return r >= 0;
        case binary_op::lt:
            return r < 0;
        default:
            return r <= 0;
        }
    }

    bool test(const context& c) const noexcept {
        const void* rec = c.frames[frame];
        if (is_string) {
            const std::string_view s = get_string(rec);
            if (op == binary_op::eq)
                return s.size() == text.size() && s == text;
            const int r = s.compare(text);
            return apply(op, r < 0 ? -1 : r > 0 ? 1 : 0);
        }
        std::int64_t v;
        if (!get_micros(rec, v)) // null: only ne is true
            return op == binary_op::ne;
        // (v, 0 ps) against (us, ps)
        return apply(op, v != us ? (v < us ? -1 : 1) : (ps == 0 ? 0 : -1));
    }
};

class fast_node final : public node {
public:
    explicit fast_node(const fast_predicate& p) : p_(p) {}
    bool test(context& c) const override { return p_.test(c); }
    value eval(context& c) const override { return value::boolean(p_.test(c)); }
    const fast_predicate& predicate() const noexcept { return p_; }

private:
    fast_predicate p_;
};

class conjunction_node final : public node {
public:
    explicit conjunction_node(std::vector<fast_predicate> p) : preds_(std::move(p)) {}
    bool test(context& c) const override {
        for (const auto& p : preds_)
            if (!p.test(c))
                return false;
        return true;
    }
    value eval(context& c) const override { return value::boolean(test(c)); }

private:
    std::vector<fast_predicate> preds_;
};

/// Splits enum flag text `Red,Blue` into members.
inline std::vector<std::string_view> flag_members(std::string_view s) {
    std::vector<std::string_view> out;
    while (true) {
        const auto comma = s.find(',');
        auto m = s.substr(0, comma);
        while (!m.empty() && m.front() == ' ')
            m.remove_prefix(1);
        while (!m.empty() && m.back() == ' ')
            m.remove_suffix(1);
        out.push_back(m);
        if (comma == std::string_view::npos)
            break;
        s.remove_prefix(comma + 1);
    }
    return out;
}

/// `a has b`: enum values are strings of members; true when every member of b is one of a.
class has_node final : public node {
public:
    has_node(node_ptr a, node_ptr b) : a_(std::move(a)), b_(std::move(b)) {}
    bool test(context& c) const override {
        const value a = a_->eval(c), b = b_->eval(c);
        if (a.k == kind::int_ && b.k == kind::int_) // numeric flags
            return (a.u.i & b.u.i) == b.u.i;
        if (a.k != kind::string || b.k != kind::string)
            return false;
        const auto have = flag_members(a.str());
        for (auto m : flag_members(b.str()))
            if (std::find(have.begin(), have.end(), m) == have.end())
                return false;
        return true;
    }
    value eval(context& c) const override { return value::boolean(test(c)); }

private:
    node_ptr a_, b_;
};

class in_list_node final : public node {
public:
    in_list_node(node_ptr a, std::vector<value> items) : a_(std::move(a)), items_(std::move(items)) {}
    bool test(context& c) const override {
        const value a = a_->eval(c);
        for (const auto& v : items_)
            if (equal(a, v))
                return true;
        return false;
    }
    value eval(context& c) const override { return value::boolean(test(c)); }

private:
    node_ptr a_;
    std::vector<value> items_;
};

class in_collection_node final : public node {
public:
    in_collection_node(node_ptr a, node_ptr b) : a_(std::move(a)), b_(std::move(b)) {}
    bool test(context& c) const override {
        const value a = a_->eval(c);
        const value b = b_->eval(c);
        if (b.k != kind::collection)
            return false;
        for (const auto& v : items_of(b))
            if (equal(a, v))
                return true;
        return false;
    }
    value eval(context& c) const override { return value::boolean(test(c)); }

private:
    node_ptr a_, b_;
};

class lambda_eval_node final : public node {
public:
    lambda_eval_node(lambda_op op, node_ptr coll, node_ptr body, std::size_t frame)
        : op_(op), coll_(std::move(coll)), body_(std::move(body)), frame_(frame) {}
    bool test(context& c) const override {
        const value v = coll_->eval(c);
        if (v.k != kind::collection || !v.u.c.ops)
            return false; // null (or not a collection): false for any and all
        const auto* ops = v.u.c.ops;
        const std::size_t n = ops->size(v.u.c.p);
        if (!body_)
            return n > 0;
        for (std::size_t i = 0; i < n; ++i) {
            c.frames[frame_] = ops->item(v.u.c.p, i);
            const bool r = body_->test(c);
            if (op_ == lambda_op::any && r)
                return true;
            if (op_ == lambda_op::all && !r)
                return false;
        }
        return op_ == lambda_op::all;
    }
    value eval(context& c) const override { return value::boolean(test(c)); }

private:
    lambda_op op_;
    node_ptr coll_, body_;
    std::size_t frame_;
};

} // namespace apiquery::eval::detail
