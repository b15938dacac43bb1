// apiquery: the typed syntax tree of an OData 4.01 `$filter` expression.
//
// A filter_ast is compact: an array of fixed-size nodes (an arena), an array of child indices and
// one string buffer, all in one heap block; no heap allocation per node. Nodes are addressed by node_id.
// Every node carries its source span (byte offsets into the filter text it was parsed from).
//
// Invariants of every filter_ast (established by filter_ast_builder::finish, which the parser uses):
// - nodes are stored in post-order: the children of a node come before it, left to right, and the
//   root is the last node; so `for (node_id id : ast.ids())` visits children before parents;
// - every node is reachable from the root (no garbage);
// - an `and` node has no `and` child and an `or` node no `or` child (n-ary, flattened).
// Because the order is canonical, two trees are structurally equal exactly when their arrays are
// equal element by element (spans ignored): see operator==.
//
// No PEGTL here; the parser is in filter.hpp. Documentation: docs/filter.md.
#pragma once

#include <apiquery/config.hpp>

#include <cassert>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <iterator>
#include <memory>
#include <new>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace apiquery {

/// The index of a node in a filter_ast (or in a filter_ast_builder). A strong type: convert with
/// `static_cast<std::uint32_t>(id)` when an index is needed.
enum class node_id : std::uint32_t {};

/// "No node": the body of `Products/any()`, and the result of lookups that find nothing.
inline constexpr node_id no_node{0xFFFFFFFFu};

/// Byte offsets [begin, end) of a node's text in the parsed filter string. Hand-built nodes may
/// leave both 0.
struct source_span {
    std::uint32_t begin = 0;
    std::uint32_t end = 0;

    friend constexpr bool operator==(const source_span&, const source_span&) = default;
};

/// What a node is. The JSON form of each kind is given in docs/filter.md.
enum class node_kind : std::uint8_t {
    literal,   ///< a primitive literal; see literal_kind
    path,      ///< a member path `Address/Street`; `$it`, `$root`, `$this` are segments
    alias,     ///< a parameter alias `@p` (text includes the `@`)
    binary,    ///< comparison, `has` or arithmetic: two children; see binary_op
    logical,   ///< `and` / `or`, n-ary (at least two children) and flattened; see logical_op
    unary,     ///< `not` / negation: one child; see unary_op
    in,        ///< `L in R`: two children; R is a `list` node or a collection-valued expression
    list,      ///< the parenthesised literal list right of `in` (zero or more literal children)
    call,      ///< a built-in function call; see function_id; children are the arguments
    type_name, ///< the type argument of `cast` / `isof`, e.g. `Edm.Int32`, `Collection(NS.T)`
    lambda,    ///< `path/any(v:body)` / `path/all(v:body)`: children are the path, then the body if any
};

/// The kinds of literal, named as in the JSON form ("int", "double", "enum", ...).
enum class literal_kind : std::uint8_t {
    null,           ///< `null`
    boolean,        ///< `true` / `false` (bool_value)
    int_,           ///< an integer that fits in int64 (int_value), sign included: `-5`
    decimal,        ///< a number with `.` and no exponent, or an integer beyond int64: text as written
    double_,        ///< a number with an exponent, `INF`, `-INF`, `NaN`: text as written
    string,         ///< `'O''Neil'`: text is the unescaped value `O'Neil`
    date,           ///< `2012-09-03`: text as written (validated)
    datetimeoffset, ///< `2012-09-03T13:52Z`: text as written (validated)
    timeofday,      ///< `11:22:33`: text as written (validated)
    duration,       ///< `duration'P6DT23H'`: text without the `duration'...'` wrapper (validated)
    guid,           ///< `01234567-89ab-cdef-0123-456789abcdef`: text as written
    enum_,          ///< `Sales.Pattern'Yellow'`: enum_type() is `Sales.Pattern`, text() is `Yellow`
};

/// Operators of `binary` nodes.
enum class binary_op : std::uint8_t { eq, ne, gt, ge, lt, le, has, add, sub, mul, div, divby, mod };

/// `eq`, `ne`, `gt`, `ge`, `lt`, `le`.
constexpr bool is_comparison(binary_op op) noexcept {
    return op == binary_op::eq || op == binary_op::ne || op == binary_op::gt || op == binary_op::ge ||
           op == binary_op::lt || op == binary_op::le;
}
/// `gt`, `ge`, `lt`, `le`.
constexpr bool is_ordering(binary_op op) noexcept {
    return op == binary_op::gt || op == binary_op::ge || op == binary_op::lt || op == binary_op::le;
}
/// The operator with its operands swapped: `a lt b` is `b gt a` (`eq`, `ne` and the others are their
/// own converse).
constexpr binary_op converse(binary_op op) noexcept {
    switch (op) {
    case binary_op::gt:
        return binary_op::lt;
    case binary_op::ge:
        return binary_op::le;
    case binary_op::lt:
        return binary_op::gt;
    case binary_op::le:
        return binary_op::ge;
    default:
        return op;
    }
}

/// Operators of `logical` nodes.
enum class logical_op : std::uint8_t { and_, or_ };

/// Operators of `unary` nodes (`neg` is arithmetic negation `-x`).
enum class unary_op : std::uint8_t { not_, neg };

/// The two lambda operators.
enum class lambda_op : std::uint8_t { any, all };

/// The built-in functions of OData 4.01 URL conventions §5.1.1.5 to §5.1.1.11.
enum class function_id : std::uint8_t {
    // §5.1.1.5 string and collection functions
    concat,
    contains,
    endswith,
    indexof,
    length,
    startswith,
    substring,
    // §5.1.1.6 collection functions
    hassubset,
    hassubsequence,
    // §5.1.1.7 string functions
    matchespattern,
    tolower,
    toupper,
    trim,
    // §5.1.1.8 date and time functions
    date,
    day,
    fractionalseconds,
    hour,
    maxdatetime,
    mindatetime,
    minute,
    month,
    now,
    second,
    time,
    totaloffsetminutes,
    totalseconds,
    year,
    // §5.1.1.9 arithmetic functions
    ceiling,
    floor,
    round,
    // §5.1.1.10 type functions (the last argument is a type_name node)
    cast,
    isof,
    // §5.1.1.11 geo functions
    geo_distance,
    geo_intersects,
    geo_length,
};

/// Number of function_id values.
inline constexpr std::size_t function_count = static_cast<std::size_t>(function_id::geo_length) + 1;

/// A built-in function's name as the specification spells it, and its number of arguments.
struct function_info {
    std::string_view name; ///< e.g. "matchesPattern", "totaloffsetminutes", "geo.distance"
    std::uint8_t min_args;
    std::uint8_t max_args;
};

/// The table of built-in functions, indexed by function_id.
inline constexpr function_info function_table[function_count] = {
    {"concat", 2, 2},
    {"contains", 2, 2},
    {"endswith", 2, 2},
    {"indexof", 2, 2},
    {"length", 1, 1},
    {"startswith", 2, 2},
    {"substring", 2, 3},
    {"hassubset", 2, 2},
    {"hassubsequence", 2, 2},
    {"matchesPattern", 2, 2},
    {"tolower", 1, 1},
    {"toupper", 1, 1},
    {"trim", 1, 1},
    {"date", 1, 1},
    {"day", 1, 1},
    {"fractionalseconds", 1, 1},
    {"hour", 1, 1},
    {"maxdatetime", 0, 0},
    {"mindatetime", 0, 0},
    {"minute", 1, 1},
    {"month", 1, 1},
    {"now", 0, 0},
    {"second", 1, 1},
    {"time", 1, 1},
    {"totaloffsetminutes", 1, 1},
    {"totalseconds", 1, 1},
    {"year", 1, 1},
    {"ceiling", 1, 1},
    {"floor", 1, 1},
    {"round", 1, 1},
    {"cast", 1, 2},
    {"isof", 1, 2},
    {"geo.distance", 2, 2},
    {"geo.intersects", 2, 2},
    {"geo.length", 1, 1},
};

/// The function's table entry.
constexpr const function_info& info(function_id f) noexcept {
    return function_table[static_cast<std::size_t>(f)];
}

/// The function's name as the specification spells it.
constexpr std::string_view to_string(function_id f) noexcept {
    return info(f).name;
}

namespace detail {
constexpr char ascii_lower(char c) noexcept {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}
constexpr bool iequals(std::string_view a, std::string_view b) noexcept {
    if (a.size() != b.size())
        return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (ascii_lower(a[i]) != ascii_lower(b[i]))
            return false;
    return true;
}
} // namespace detail

/// Looks a function name up: ASCII case-insensitively (OData 4.01), or exactly as the specification
/// spells it when `case_sensitive` (OData 4.0). Returns false when the name is not a built-in function.
constexpr bool find_function(std::string_view name, bool case_sensitive, function_id& out) noexcept {
    for (std::size_t i = 0; i < function_count; ++i) {
        const auto n = function_table[i].name;
        if (case_sensitive ? n == name : detail::iequals(n, name)) {
            out = static_cast<function_id>(i);
            return true;
        }
    }
    return false;
}

/// The JSON form's spelling of each kind: "null", "boolean", "int", "decimal", "double", "string",
/// "date", "datetimeoffset", "timeofday", "duration", "guid", "enum".
constexpr std::string_view to_string(literal_kind k) noexcept {
    constexpr std::string_view names[] = {"null",      "boolean",  "int",  "decimal",
                                          "double",    "string",   "date", "datetimeoffset",
                                          "timeofday", "duration", "guid", "enum"};
    return names[static_cast<std::size_t>(k)];
}

/// The operator's OData keyword: "eq", "ne", ..., "divby", "mod".
constexpr std::string_view to_string(binary_op op) noexcept {
    constexpr std::string_view names[] = {"eq",  "ne",  "gt",  "ge",  "lt",    "le", "has",
                                          "add", "sub", "mul", "div", "divby", "mod"};
    return names[static_cast<std::size_t>(op)];
}

/// "and" / "or".
constexpr std::string_view to_string(logical_op op) noexcept {
    return op == logical_op::and_ ? "and" : "or";
}

/// "not" / "neg" (the JSON form's name for negation).
constexpr std::string_view to_string(unary_op op) noexcept {
    return op == unary_op::not_ ? "not" : "neg";
}

/// "any" / "all".
constexpr std::string_view to_string(lambda_op op) noexcept {
    return op == lambda_op::any ? "any" : "all";
}

/// The node kind's name: "literal", "path", "alias", "binary", "logical", "unary", "in", "list",
/// "call", "type_name", "lambda".
constexpr std::string_view to_string(node_kind k) noexcept {
    constexpr std::string_view names[] = {"literal", "path", "alias", "binary",    "logical", "unary",
                                          "in",      "list", "call",  "type_name", "lambda"};
    return names[static_cast<std::size_t>(k)];
}

namespace detail {

/// One arena slot (32 bytes). `op` holds the literal_kind / binary_op / logical_op / unary_op /
/// function_id / lambda_op of the node. Payload by kind:
/// - literal int_ / boolean: value() (stored in the two text fields); other literals: the text at
///   [text_offset, text_offset + text_size); enum_: type name then member, `aux` = type name length;
/// - path: the segments joined with '/', `aux` = segment count; alias, type_name: the text;
/// - lambda: the range variable's name as text (`flags & 1` when there is one; `flags & 2` when
///   there is a body);
/// - binary, logical, in, lambda: `aux` = the byte offset of the operator keyword (a source position
///   like `span`, ignored by equality; see filter_ast::operator_position).
struct ast_node {
    node_kind kind = node_kind::literal;
    std::uint8_t op = 0;
    std::uint8_t flags = 0;
    std::uint8_t reserved = 0;
    std::uint32_t aux = 0;
    source_span span;
    std::uint32_t first_child = 0;
    std::uint32_t child_count = 0;
    std::uint32_t text_offset = 0; ///< or the low half of an integer value
    std::uint32_t text_size = 0;   ///< or the high half of an integer value

    constexpr std::int64_t value() const noexcept {
        return static_cast<std::int64_t>((std::uint64_t{text_size} << 32) | text_offset);
    }
    constexpr void set_value(std::int64_t v) noexcept {
        const auto u = static_cast<std::uint64_t>(v);
        text_offset = static_cast<std::uint32_t>(u);
        text_size = static_cast<std::uint32_t>(u >> 32);
    }
};

/// A step of filter_ast_builder::finish()'s iterative walk.
struct finish_frame {
    std::uint32_t old;        ///< the node in the builder
    std::uint32_t kids_begin; ///< its effective children (builder ids) in the order_ scratch
    std::uint32_t kids_end;
    std::uint32_t next;      ///< the next child to visit
    std::uint32_t out_begin; ///< where its finished children's new ids start in the stack_ scratch
};

inline constexpr std::uint8_t lambda_has_variable = 1;
inline constexpr std::uint8_t lambda_has_body = 2;

/// A growable array of a trivially copyable T for the parser's hot paths (the tree's child ids, the
/// operand stack): push_back is a compare and a store, with the growth out of line. With std::vector the
/// inlined reallocation made every push save and restore six registers.
template <class T>
class pod_vector {
    static_assert(std::is_trivially_copyable_v<T>);

public:
    pod_vector() = default;
    pod_vector(const pod_vector& other) {
        reserve(other.size_);
        if (other.size_ != 0)
            std::memcpy(block_.get(), other.block_.get(), other.size_ * sizeof(T));
        size_ = other.size_;
    }
    pod_vector(pod_vector&& other) noexcept { swap(other); }
    pod_vector& operator=(const pod_vector& other) {
        if (this != &other) {
            pod_vector copy(other);
            swap(copy);
        }
        return *this;
    }
    pod_vector& operator=(pod_vector&& other) noexcept {
        pod_vector moved(std::move(other));
        swap(moved);
        return *this;
    }
    ~pod_vector() = default;

    std::size_t size() const noexcept { return size_; }
    std::size_t capacity() const noexcept { return capacity_; }
    bool empty() const noexcept { return size_ == 0; }
    T* data() noexcept { return block_.get(); }
    const T* data() const noexcept { return block_.get(); }
    T& operator[](std::size_t i) noexcept { return block_[i]; }
    const T& operator[](std::size_t i) const noexcept { return block_[i]; }
    T& back() noexcept { return block_[size_ - 1]; }
    const T& back() const noexcept { return block_[size_ - 1]; }
    operator std::span<const T>() const noexcept { return {block_.get(), size_}; }

    void push_back(T v) {
        if (size_ == capacity_) [[unlikely]]
            return grow_and_push(v); // a tail call: nothing is live across it
        block_[size_++] = v;
    }
    void pop_back() noexcept { --size_; }
    void resize(std::size_t n) noexcept { // shrinking only
        assert(n <= size_);
        size_ = n;
    }
    void clear() noexcept { size_ = 0; }
    void reserve(std::size_t n) {
        if (n > capacity_)
            reallocate(n);
    }
    void swap(pod_vector& other) noexcept {
        std::swap(block_, other.block_);
        std::swap(size_, other.size_);
        std::swap(capacity_, other.capacity_);
    }

private:
    [[gnu::noinline]] void grow_and_push(T v) {
        reallocate(capacity_ < 16 ? 16 : 2 * capacity_);
        block_[size_++] = v;
    }
    void reallocate(std::size_t n) {
        std::unique_ptr<T[]> bigger(new T[n]);
        if (size_ != 0)
            std::memcpy(bigger.get(), block_.get(), size_ * sizeof(T));
        block_ = std::move(bigger);
        capacity_ = n;
    }

    std::unique_ptr<T[]> block_;
    std::size_t size_ = 0;
    std::size_t capacity_ = 0;
};

/// The builder's growable array of nodes, in a block of the kind a filter_ast owns (new unsigned
/// char[]), so that finish() can hand a large block over to the tree instead of copying it.
class node_buffer {
public:
    node_buffer() = default;
    node_buffer(const node_buffer& other) {
        if (other.size_ != 0) {
            grow(other.size_);
            std::memcpy(block_.get(), other.block_.get(), other.size_ * sizeof(ast_node));
            size_ = other.size_;
        }
    }
    node_buffer(node_buffer&& other) noexcept { swap(other); }
    node_buffer& operator=(const node_buffer& other) {
        if (this != &other) {
            node_buffer copy(other);
            swap(copy);
        }
        return *this;
    }
    node_buffer& operator=(node_buffer&& other) noexcept {
        node_buffer moved(std::move(other));
        swap(moved);
        return *this;
    }
    ~node_buffer() = default;

    std::size_t size() const noexcept { return size_; }
    std::size_t capacity() const noexcept { return capacity_; }
    bool empty() const noexcept { return size_ == 0; }
    ast_node* data() noexcept { return reinterpret_cast<ast_node*>(block_.get()); }
    const ast_node* data() const noexcept { return reinterpret_cast<const ast_node*>(block_.get()); }
    ast_node& operator[](std::size_t i) noexcept { return data()[i]; }
    const ast_node& operator[](std::size_t i) const noexcept { return data()[i]; }
    ast_node& back() noexcept { return data()[size_ - 1]; }
    operator std::span<const ast_node>() const noexcept { return {data(), size_}; }

    ast_node& emplace_back() {
        if (size_ == capacity_) [[unlikely]]
            return grow_and_emplace();
        return *::new (static_cast<void*>(data() + size_++)) ast_node();
    }
    void resize(std::size_t n) noexcept { // shrinking only (the builder's rollback)
        assert(n <= size_);
        size_ = n;
    }
    void clear() noexcept { size_ = 0; }
    void reserve(std::size_t n) {
        if (n > capacity_)
            grow(n);
    }
    void swap(node_buffer& other) noexcept {
        std::swap(block_, other.block_);
        std::swap(size_, other.size_);
        std::swap(capacity_, other.capacity_);
    }
    /// Bytes of the block after the nodes.
    std::size_t spare_bytes() const noexcept { return (capacity_ - size_) * sizeof(ast_node); }
    /// Gives the block away (the buffer is left empty, without memory).
    std::unique_ptr<unsigned char[]> release() noexcept {
        size_ = capacity_ = 0;
        return std::move(block_);
    }

private:
    [[gnu::noinline]] ast_node& grow_and_emplace() {
        grow(capacity_ < 16 ? 16 : 2 * capacity_);
        return *::new (static_cast<void*>(data() + size_++)) ast_node();
    }
    void grow(std::size_t n) {
        std::unique_ptr<unsigned char[]> bigger(new unsigned char[n * sizeof(ast_node)]);
        if (size_ != 0)
            std::memcpy(bigger.get(), block_.get(), size_ * sizeof(ast_node));
        block_ = std::move(bigger);
        capacity_ = n;
    }

    std::unique_ptr<unsigned char[]> block_;
    std::size_t size_ = 0;
    std::size_t capacity_ = 0;
};

} // namespace detail

/// The segments of a path node, as a forward range of string_views (split at '/').
class path_segments {
public:
    class iterator {
    public:
        using iterator_category = std::forward_iterator_tag;
        using value_type = std::string_view;
        using difference_type = std::ptrdiff_t;
        using pointer = const std::string_view*;
        using reference = std::string_view;

        iterator() = default;
        iterator(std::string_view rest, bool end) noexcept : rest_(rest), end_(end) {}
        std::string_view operator*() const noexcept { return rest_.substr(0, rest_.find('/')); }
        iterator& operator++() noexcept {
            const auto slash = rest_.find('/');
            if (slash == std::string_view::npos) {
                rest_ = {};
                end_ = true;
            } else {
                rest_.remove_prefix(slash + 1);
            }
            return *this;
        }
        iterator operator++(int) noexcept {
            auto copy = *this;
            ++*this;
            return copy;
        }
        friend bool operator==(const iterator& a, const iterator& b) noexcept {
            return a.end_ == b.end_ && (a.end_ || a.rest_.data() == b.rest_.data());
        }

    private:
        std::string_view rest_;
        bool end_ = true;
    };

    path_segments(std::string_view joined, std::size_t count) noexcept : joined_(joined), count_(count) {}
    iterator begin() const noexcept { return iterator(joined_, count_ == 0); }
    iterator end() const noexcept { return iterator({}, true); }
    std::size_t size() const noexcept { return count_; }
    /// The segments joined with '/', e.g. "Address/Street".
    std::string_view joined() const noexcept { return joined_; }

private:
    std::string_view joined_;
    std::size_t count_;
};

class filter_ast_builder;

/// A parsed (or hand-built) filter expression. Produced by parse_filter() or filter_ast_builder.
/// Cheap to move; copying copies its one block of memory. Accessors take a node_id of this tree and have the
/// node kind named in their documentation as a precondition (checked by assert in debug builds).
class filter_ast {
public:
    filter_ast() = default;

    filter_ast(const filter_ast& other) { *this = other; }
    filter_ast(filter_ast&&) noexcept = default;
    filter_ast& operator=(filter_ast&&) noexcept = default;
    filter_ast& operator=(const filter_ast& other) {
        if (this != &other) {
            data_.reset(other.data_ ? new unsigned char[other.bytes()] : nullptr);
            if (other.data_)
                std::memcpy(data_.get(), other.data_.get(), other.bytes());
            node_count_ = other.node_count_;
            child_count_ = other.child_count_;
            string_size_ = other.string_size_;
        }
        return *this;
    }

    /// The root node (the last node), or no_node for an empty (default-constructed) tree.
    node_id root() const noexcept { return node_count_ == 0 ? no_node : node_id{node_count_ - 1}; }
    /// Number of nodes.
    std::size_t size() const noexcept { return node_count_; }
    bool empty() const noexcept { return node_count_ == 0; }

    /// All node ids in storage order, which is post-order (children before parents, root last).
    class id_range {
    public:
        class iterator {
        public:
            using iterator_category = std::forward_iterator_tag;
            using value_type = node_id;
            using difference_type = std::ptrdiff_t;
            using pointer = const node_id*;
            using reference = node_id;
            iterator() = default;
            explicit iterator(std::uint32_t i) noexcept : i_(i) {}
            node_id operator*() const noexcept { return node_id{i_}; }
            iterator& operator++() noexcept { return ++i_, *this; }
            iterator operator++(int) noexcept { return iterator(i_++); }
            friend bool operator==(const iterator&, const iterator&) = default;

        private:
            std::uint32_t i_ = 0;
        };
        explicit id_range(std::uint32_t n) noexcept : n_(n) {}
        iterator begin() const noexcept { return iterator(0); }
        iterator end() const noexcept { return iterator(n_); }
        std::size_t size() const noexcept { return n_; }

    private:
        std::uint32_t n_;
    };
    id_range ids() const noexcept { return id_range(node_count_); }

    node_kind kind(node_id id) const noexcept { return at(id).kind; }
    source_span span(node_id id) const noexcept { return at(id).span; }
    /// Where the node's operator is written: the byte offset of the keyword of a binary operator
    /// (`eq`, `add`, `has`) or of `in`; of the first `and`/`or` keyword of a logical node; of the
    /// `any`/`all` keyword of a lambda. For the other kinds (unary `not`/`-`, a call's function name, a
    /// leaf) the operator starts the node: span(id).begin. Hand-built nodes give span(id).begin unless
    /// the builder was told otherwise (filter_ast_builder::set_operator_position).
    std::uint32_t operator_position(node_id id) const noexcept {
        const auto& n = at(id);
        return has_operator_position(n.kind) ? n.aux : n.span.begin;
    }
    /// The node's children, left to right (arguments, operands, list items; see node_kind).
    std::span<const node_id> children(node_id id) const noexcept {
        const auto& n = at(id);
        return {child_data() + n.first_child, n.child_count};
    }

    /// literal: its kind.
    literal_kind literal_type(node_id id) const noexcept {
        assert(kind(id) == node_kind::literal);
        return static_cast<literal_kind>(at(id).op);
    }
    /// literal boolean: its value.
    bool bool_value(node_id id) const noexcept {
        assert(literal_type(id) == literal_kind::boolean);
        return at(id).value() != 0;
    }
    /// literal int_: its value.
    std::int64_t int_value(node_id id) const noexcept {
        assert(literal_type(id) == literal_kind::int_);
        return at(id).value();
    }
    /// The node's text:
    /// - literal decimal, double_, date, datetimeoffset, timeofday, guid: as written;
    ///   string: the unescaped value; duration: the value without the wrapper; enum_: the member
    ///   (`Yellow`, or as written for flags and numbers: `Red,Blue`, `32`); null, boolean, int_: empty;
    /// - path: the segments joined with '/'; alias: `@name`; type_name: `Edm.Int32` as written;
    /// - lambda: the range variable (empty when there is none).
    /// Empty for the other kinds.
    std::string_view text(node_id id) const noexcept {
        const auto& n = at(id);
        if (!has_text(n))
            return {};
        std::string_view s(string_data() + n.text_offset, n.text_size);
        if (n.kind == node_kind::literal && static_cast<literal_kind>(n.op) == literal_kind::enum_)
            s.remove_prefix(n.aux);
        return s;
    }
    /// literal enum_: the qualified type name, e.g. `Sales.Pattern`.
    std::string_view enum_type(node_id id) const noexcept {
        assert(literal_type(id) == literal_kind::enum_);
        const auto& n = at(id);
        return {string_data() + n.text_offset, n.aux};
    }
    /// path: its segments.
    path_segments segments(node_id id) const noexcept {
        assert(kind(id) == node_kind::path);
        return path_segments(text(id), at(id).aux);
    }
    binary_op binary_operator(node_id id) const noexcept {
        assert(kind(id) == node_kind::binary);
        return static_cast<binary_op>(at(id).op);
    }
    logical_op logical_operator(node_id id) const noexcept {
        assert(kind(id) == node_kind::logical);
        return static_cast<logical_op>(at(id).op);
    }
    unary_op unary_operator(node_id id) const noexcept {
        assert(kind(id) == node_kind::unary);
        return static_cast<unary_op>(at(id).op);
    }
    /// call: the function.
    function_id function(node_id id) const noexcept {
        assert(kind(id) == node_kind::call);
        return static_cast<function_id>(at(id).op);
    }
    lambda_op lambda_operator(node_id id) const noexcept {
        assert(kind(id) == node_kind::lambda);
        return static_cast<lambda_op>(at(id).op);
    }
    /// lambda: true when it has a range variable (`any(p:...)`); false for `any()`.
    bool has_lambda_variable(node_id id) const noexcept {
        assert(kind(id) == node_kind::lambda);
        return (at(id).flags & detail::lambda_has_variable) != 0;
    }
    /// lambda: the collection path (a path node).
    node_id lambda_path(node_id id) const noexcept {
        assert(kind(id) == node_kind::lambda);
        return children(id)[0];
    }
    /// lambda: the predicate, or no_node for `any()`.
    node_id lambda_body(node_id id) const noexcept {
        assert(kind(id) == node_kind::lambda);
        const auto c = children(id);
        return c.size() > 1 ? c[1] : no_node;
    }

    /// Structural equality: same shape, kinds, operators, functions and values; spans are ignored.
    friend bool operator==(const filter_ast& a, const filter_ast& b) noexcept { return equal(a, b); }
    APIQUERY_DECL static bool equal(const filter_ast& a, const filter_ast& b) noexcept;

    /// Storage access, for code that wants to iterate quickly (see detail::ast_node).
    std::span<const detail::ast_node> raw_nodes() const noexcept { return {node_data(), node_count_}; }

private:
    friend class filter_ast_builder;

    const detail::ast_node& at(node_id id) const noexcept {
        assert(static_cast<std::size_t>(id) < node_count_);
        return node_data()[static_cast<std::size_t>(id)];
    }
    static constexpr bool has_operator_position(node_kind k) noexcept {
        return k == node_kind::binary || k == node_kind::logical || k == node_kind::in ||
               k == node_kind::lambda;
    }
    static bool has_text(const detail::ast_node& n) noexcept {
        switch (n.kind) {
        case node_kind::literal: {
            const auto k = static_cast<literal_kind>(n.op);
            return k != literal_kind::null && k != literal_kind::boolean && k != literal_kind::int_;
        }
        case node_kind::path:
        case node_kind::alias:
        case node_kind::type_name:
        case node_kind::lambda:
            return true;
        default:
            return false;
        }
    }

    // One allocation: the nodes, then the child ids, then the text (unsigned char storage implicitly
    // creates the trivially copyable node and id objects, C++20 [intro.object]).
    static_assert(std::is_trivially_copyable_v<detail::ast_node> && alignof(detail::ast_node) <= 8);
    const detail::ast_node* node_data() const noexcept {
        return reinterpret_cast<const detail::ast_node*>(data_.get());
    }
    const node_id* child_data() const noexcept {
        return reinterpret_cast<const node_id*>(data_.get() +
                                                std::size_t{node_count_} * sizeof(detail::ast_node));
    }
    const char* string_data() const noexcept {
        return reinterpret_cast<const char*>(data_.get() +
                                             std::size_t{node_count_} * sizeof(detail::ast_node) +
                                             std::size_t{child_count_} * sizeof(node_id));
    }
    std::size_t bytes() const noexcept {
        return std::size_t{node_count_} * sizeof(detail::ast_node) +
               std::size_t{child_count_} * sizeof(node_id) + string_size_;
    }

    std::unique_ptr<unsigned char[]> data_;
    std::uint32_t node_count_ = 0;
    std::uint32_t child_count_ = 0;
    std::uint32_t string_size_ = 0;
};

/// Builds a filter_ast bottom-up: create the leaves, then the nodes that use them, then call
/// finish(root). Every node_id passed in must come from this builder. finish() puts the reachable
/// nodes into canonical post-order, flattens nested `and`/`and` and `or`/`or`, and drops nodes that
/// are not reachable from the root. The parser builds its trees with this class; tests and tools can
/// too. Text arguments are copied. Sizes are limited to 2^32 - 2 nodes and 4 GiB of text.
class filter_ast_builder {
public:
    filter_ast_builder() = default;

    node_id null_literal(source_span s = {}) { return add_value(literal_kind::null, 0, s); }
    node_id bool_literal(bool v, source_span s = {}) {
        return add_value(literal_kind::boolean, v ? 1 : 0, s);
    }
    node_id int_literal(std::int64_t v, source_span s = {}) { return add_value(literal_kind::int_, v, s); }
    /// A literal whose payload is text: decimal, double_, string (unescaped value), date,
    /// datetimeoffset, timeofday, duration (without wrapper), guid. Not checked here.
    node_id text_literal(literal_kind k, std::string_view text, source_span s = {}) {
        assert(k != literal_kind::null && k != literal_kind::boolean && k != literal_kind::int_ &&
               k != literal_kind::enum_);
        auto& n = add(node_kind::literal, static_cast<std::uint8_t>(k), s);
        set_text(n, text);
        return last();
    }
    /// An enum literal `Type'member'`.
    node_id enum_literal(std::string_view type, std::string_view member, source_span s = {}) {
        auto& n = add(node_kind::literal, static_cast<std::uint8_t>(literal_kind::enum_), s);
        const auto off = strings_.size();
        strings_.append(type).append(member);
        n.text_offset = static_cast<std::uint32_t>(off);
        n.text_size = static_cast<std::uint32_t>(type.size() + member.size());
        n.aux = static_cast<std::uint32_t>(type.size());
        return last();
    }
    /// A member path from its segments joined with '/' (`Address/Street`, `$it/Name`).
    node_id path(std::string_view joined, source_span s = {}) {
        auto& n = add(node_kind::path, 0, s);
        set_text(n, joined);
        std::uint32_t count = joined.empty() ? 0 : 1;
        for (char c : joined)
            count += c == '/' ? 1 : 0;
        n.aux = count;
        return last();
    }
    /// A parameter alias; `name` includes the `@`.
    node_id alias(std::string_view name, source_span s = {}) {
        auto& n = add(node_kind::alias, 0, s);
        set_text(n, name);
        return last();
    }
    node_id binary(binary_op op, node_id lhs, node_id rhs, source_span s = {}) {
        const node_id kids[2] = {lhs, rhs};
        return with_children(node_kind::binary, static_cast<std::uint8_t>(op), kids, s);
    }
    /// An n-ary `and` / `or` (two or more operands).
    node_id logical(logical_op op, std::span<const node_id> operands, source_span s = {}) {
        assert(operands.size() >= 2);
        return with_children(node_kind::logical, static_cast<std::uint8_t>(op), operands, s);
    }
    node_id unary(unary_op op, node_id operand, source_span s = {}) {
        return with_children(node_kind::unary, static_cast<std::uint8_t>(op), {&operand, 1}, s);
    }
    /// `lhs in rhs`; rhs is a list node or an expression.
    node_id in(node_id lhs, node_id rhs, source_span s = {}) {
        const node_id kids[2] = {lhs, rhs};
        return with_children(node_kind::in, 0, kids, s);
    }
    /// The literal list right of `in`.
    node_id list(std::span<const node_id> items, source_span s = {}) {
        return with_children(node_kind::list, 0, items, s);
    }
    node_id call(function_id f, std::span<const node_id> args, source_span s = {}) {
        return with_children(node_kind::call, static_cast<std::uint8_t>(f), args, s);
    }
    node_id type_name(std::string_view name, source_span s = {}) {
        auto& n = add(node_kind::type_name, 0, s);
        set_text(n, name);
        return last();
    }
    /// A lambda: `variable` empty and `body` no_node for `any()`.
    node_id lambda(lambda_op op, node_id path_node, std::string_view variable, node_id body,
                   source_span s = {}) {
        const node_id kids[2] = {path_node, body};
        with_children(node_kind::lambda, static_cast<std::uint8_t>(op), {kids, body == no_node ? 1u : 2u}, s);
        auto& n = nodes_.back();
        set_text(n, variable);
        n.flags = static_cast<std::uint8_t>((variable.empty() ? 0 : detail::lambda_has_variable) |
                                            (body == no_node ? 0 : detail::lambda_has_body));
        return last();
    }

    /// Number of nodes created so far (reachable or not).
    std::size_t size() const noexcept { return nodes_.size(); }
    /// The span a node was created with.
    source_span span(node_id id) const noexcept { return nodes_[static_cast<std::size_t>(id)].span; }
    /// Changes a node's span (the parser widens a parenthesised expression's span to its parentheses).
    void set_span(node_id id, source_span s) noexcept { nodes_[static_cast<std::size_t>(id)].span = s; }
    /// Sets where a binary, logical, `in` or lambda node's operator keyword is written (see
    /// filter_ast::operator_position); without it, the node's span begin. Other kinds: no effect.
    void set_operator_position(node_id id, std::uint32_t position) noexcept {
        auto& n = nodes_[static_cast<std::size_t>(id)];
        if (filter_ast::has_operator_position(n.kind))
            n.aux = position;
    }

    /// A point to roll back to (used by the parser when an alternative fails after building nodes).
    struct mark_t {
        std::size_t nodes, children, strings;
        bool canonical;
    };
    mark_t mark() const noexcept { return {nodes_.size(), children_.size(), strings_.size(), canonical_}; }
    void rollback(const mark_t& m) {
        nodes_.resize(m.nodes);
        children_.resize(m.children);
        strings_.resize(m.strings);
        subtree_start_.resize(m.nodes);
        canonical_ = m.canonical;
    }
    void clear() noexcept {
        nodes_.clear();
        children_.clear();
        strings_.clear();
        subtree_start_.clear();
        canonical_ = true;
        logical_built_ = 0;
    }
    /// Reserves room for about `n` nodes.
    void reserve(std::size_t n) {
        nodes_.reserve(n);
        children_.reserve(n);
        subtree_start_.reserve(n);
    }

    /// The tree below `root`, in canonical form (see filter_ast). The builder is left empty, with its
    /// memory kept for the next tree (see shrink()).
    APIQUERY_DECL filter_ast finish(node_id root);

    /// Gives the builder's memory back when it has room for more than `max_nodes` nodes (after a
    /// huge tree, for a builder that is reused).
    APIQUERY_DECL void shrink(std::size_t max_nodes);

private:
    node_id last() const noexcept { return node_id{static_cast<std::uint32_t>(nodes_.size() - 1)}; }
    detail::ast_node& add(node_kind k, std::uint8_t op, source_span s) {
        subtree_start_.push_back(static_cast<std::uint32_t>(nodes_.size()));
        auto& n = nodes_.emplace_back();
        n.first_child = static_cast<std::uint32_t>(children_.size());
        n.kind = k;
        n.op = op;
        n.span = s;
        return n;
    }
    node_id add_value(literal_kind k, std::int64_t v, source_span s) {
        add(node_kind::literal, static_cast<std::uint8_t>(k), s).set_value(v);
        return last();
    }
    void set_text(detail::ast_node& n, std::string_view text) {
        n.text_offset = static_cast<std::uint32_t>(strings_.size());
        n.text_size = static_cast<std::uint32_t>(text.size());
        strings_.append(text);
    }
    node_id with_children(node_kind k, std::uint8_t op, std::span<const node_id> kids, source_span s) {
        const auto first = children_.size();
        const auto self = static_cast<std::uint32_t>(nodes_.size());
        // Still canonical (see canonical_) when the children's subtrees are the nodes just before this
        // one, left to right, and no `and`/`or` has a child of its own operator.
        // A child can only be an `and`/`or` of the same operator when one was built (the children of a
        // long chain are not looked at: they are spread over the whole node array).
        const bool flattens = k == node_kind::logical && (logical_built_ & (1u << op)) != 0;
        std::uint32_t expected = self;
        for (std::size_t i = kids.size(); i-- > 0;) {
            const auto c = static_cast<std::uint32_t>(kids[i]);
            assert(c < nodes_.size());
            if (c + 1 != expected || (flattens && nodes_[c].kind == node_kind::logical && nodes_[c].op == op))
                canonical_ = false;
            expected = subtree_start_[c];
        }
        for (node_id c : kids)
            children_.push_back(c);
        if (k == node_kind::logical)
            logical_built_ = static_cast<std::uint8_t>(logical_built_ | (1u << op));
        auto& n = add(k, op, s);
        if (filter_ast::has_operator_position(k))
            n.aux = s.begin;
        n.first_child = static_cast<std::uint32_t>(first);
        n.child_count = static_cast<std::uint32_t>(kids.size());
        subtree_start_.back() = expected;
        return last();
    }

    detail::node_buffer nodes_;
    detail::pod_vector<node_id> children_;
    std::string strings_;
    // The first node of each node's subtree, and whether the nodes so far are already in canonical
    // form (post-order, children's subtrees contiguous and in order, nothing to flatten): then
    // finish() of the last node, when its subtree is everything, just copies the arrays.
    detail::pod_vector<std::uint32_t> subtree_start_;
    bool canonical_ = true;
    std::uint8_t logical_built_ = 0; // bit 1 << op: an `and` / `or` node was built (rollback keeps it)
    // scratch for finish(), kept between uses
    std::vector<detail::ast_node> out_nodes_;
    std::vector<node_id> out_children_;
    std::vector<std::uint32_t> stack_;
    std::vector<std::uint32_t> order_;
    std::vector<std::uint32_t> pending_;
    std::vector<detail::finish_frame> frames_;
};

// ---------------------------------------------------------------------------------------------------
// Typed views and the visitor

/// A literal node. Every view holds the tree and the id, and forwards to filter_ast's accessors.
struct literal_node {
    const filter_ast& ast;
    node_id id;
    literal_kind kind() const noexcept { return ast.literal_type(id); }
    bool bool_value() const noexcept { return ast.bool_value(id); }
    std::int64_t int_value() const noexcept { return ast.int_value(id); }
    std::string_view text() const noexcept { return ast.text(id); }
    std::string_view enum_type() const noexcept { return ast.enum_type(id); }
    source_span span() const noexcept { return ast.span(id); }
};
/// A member path node.
struct path_node {
    const filter_ast& ast;
    node_id id;
    path_segments segments() const noexcept { return ast.segments(id); }
    std::string_view joined() const noexcept { return ast.text(id); }
    source_span span() const noexcept { return ast.span(id); }
};
/// A parameter alias node.
struct alias_node {
    const filter_ast& ast;
    node_id id;
    std::string_view name() const noexcept { return ast.text(id); } ///< with the `@`
    source_span span() const noexcept { return ast.span(id); }
};
/// A comparison / has / arithmetic node.
struct binary_node {
    const filter_ast& ast;
    node_id id;
    binary_op op() const noexcept { return ast.binary_operator(id); }
    node_id lhs() const noexcept { return ast.children(id)[0]; }
    node_id rhs() const noexcept { return ast.children(id)[1]; }
    source_span span() const noexcept { return ast.span(id); }
};
/// An n-ary and / or node.
struct logical_node {
    const filter_ast& ast;
    node_id id;
    logical_op op() const noexcept { return ast.logical_operator(id); }
    std::span<const node_id> operands() const noexcept { return ast.children(id); }
    source_span span() const noexcept { return ast.span(id); }
};
/// A not / negation node.
struct unary_node {
    const filter_ast& ast;
    node_id id;
    unary_op op() const noexcept { return ast.unary_operator(id); }
    node_id operand() const noexcept { return ast.children(id)[0]; }
    source_span span() const noexcept { return ast.span(id); }
};
/// An `in` node.
struct in_node {
    const filter_ast& ast;
    node_id id;
    node_id lhs() const noexcept { return ast.children(id)[0]; }
    node_id rhs() const noexcept { return ast.children(id)[1]; } ///< a list node or an expression
    source_span span() const noexcept { return ast.span(id); }
};
/// The literal list right of `in`.
struct list_node {
    const filter_ast& ast;
    node_id id;
    std::span<const node_id> items() const noexcept { return ast.children(id); }
    source_span span() const noexcept { return ast.span(id); }
};
/// A function call.
struct call_node {
    const filter_ast& ast;
    node_id id;
    function_id function() const noexcept { return ast.function(id); }
    std::string_view name() const noexcept { return to_string(ast.function(id)); }
    std::span<const node_id> args() const noexcept { return ast.children(id); }
    source_span span() const noexcept { return ast.span(id); }
};
/// The type argument of cast / isof.
struct type_name_node {
    const filter_ast& ast;
    node_id id;
    std::string_view name() const noexcept { return ast.text(id); }
    source_span span() const noexcept { return ast.span(id); }
};
/// A lambda any / all.
struct lambda_node {
    const filter_ast& ast;
    node_id id;
    lambda_op op() const noexcept { return ast.lambda_operator(id); }
    node_id path() const noexcept { return ast.lambda_path(id); }
    bool has_variable() const noexcept { return ast.has_lambda_variable(id); }
    std::string_view variable() const noexcept { return ast.text(id); }
    node_id body() const noexcept { return ast.lambda_body(id); } ///< no_node for `any()`
    source_span span() const noexcept { return ast.span(id); }
};

/// Calls `f` with the typed view of node `id` (literal_node, path_node, alias_node, binary_node,
/// logical_node, unary_node, in_node, list_node, call_node, type_name_node or lambda_node) and
/// returns what it returns. `f` is typically an overload set; every overload must return the same
/// type. Example:
/// @code
/// auto depth = [&](auto self, node_id id) -> int { ... };
/// visit(ast, ast.root(), overloaded{[](literal_node n) { ... }, [](auto) { ... }});
/// @endcode
template <class F>
decltype(auto) visit(const filter_ast& ast, node_id id, F&& f) {
    switch (ast.kind(id)) {
    case node_kind::literal:
        return std::forward<F>(f)(literal_node{ast, id});
    case node_kind::path:
        return std::forward<F>(f)(path_node{ast, id});
    case node_kind::alias:
        return std::forward<F>(f)(alias_node{ast, id});
    case node_kind::binary:
        return std::forward<F>(f)(binary_node{ast, id});
    case node_kind::logical:
        return std::forward<F>(f)(logical_node{ast, id});
    case node_kind::unary:
        return std::forward<F>(f)(unary_node{ast, id});
    case node_kind::in:
        return std::forward<F>(f)(in_node{ast, id});
    case node_kind::list:
        return std::forward<F>(f)(list_node{ast, id});
    case node_kind::call:
        return std::forward<F>(f)(call_node{ast, id});
    case node_kind::type_name:
        return std::forward<F>(f)(type_name_node{ast, id});
    case node_kind::lambda:
        break;
    }
    return std::forward<F>(f)(lambda_node{ast, id});
}

/// The usual helper to build an overload set from lambdas, for visit().
template <class... Fs>
struct overloaded : Fs... {
    using Fs::operator()...;
};
template <class... Fs>
overloaded(Fs...) -> overloaded<Fs...>;

/// Depth-first walk of the subtree at `start` without recursion (an explicit stack, so any depth is
/// safe): `enter(node_id, std::size_t depth) -> bool` is called before a node's children (return
/// false to skip them), `leave(node_id, std::size_t depth)` after them (also when skipped).
/// The root has depth 0. For a plain bottom-up pass over the whole tree, iterating `ast.ids()` is
/// simpler and faster (storage order is post-order).
template <class Enter, class Leave>
void walk(const filter_ast& ast, node_id start, Enter&& enter, Leave&& leave) {
    if (start == no_node)
        return;
    struct frame {
        node_id id;
        std::uint32_t next;
    };
    std::vector<frame> stack;
    if (!enter(start, std::size_t{0})) {
        leave(start, std::size_t{0});
        return;
    }
    stack.push_back({start, 0});
    while (!stack.empty()) {
        auto& top = stack.back();
        const auto kids = ast.children(top.id);
        if (top.next < kids.size()) {
            const node_id child = kids[top.next++];
            const std::size_t depth = stack.size();
            if (enter(child, depth))
                stack.push_back({child, 0});
            else
                leave(child, depth);
        } else {
            const node_id done = top.id;
            stack.pop_back();
            leave(done, stack.size());
        }
    }
}

} // namespace apiquery

#ifndef APIQUERY_SEPARATE_COMPILATION
#include <apiquery/odata/impl/filter_ast.ipp>
#endif
