// apiquery: implementation of page_walk.hpp.
#pragma once

#include <apiquery/model/detail/model_validators.hpp>
#include <apiquery/model/page_walk.hpp>
#include <apiquery/model/pydantic_json.hpp>
#include <apiquery/request/query_string.hpp>
#include <apiquery/request/validation_error.hpp>

#include <boost/json/parse.hpp>

#include <utility>

namespace apiquery {
namespace detail {

/// Byte spans of a JSON text that parse_pydantic_json accepted. Every step is bounds-checked and
/// returns npos when the text is not what it expects, so a text it misreads gives an error, never a
/// read past the end.
struct json_span_scanner {
    std::string_view text;
    static constexpr std::size_t npos = std::string_view::npos;

    static constexpr bool is_ws(char c) noexcept { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

    std::size_t skip_ws(std::size_t i) const noexcept {
        while (i < text.size() && is_ws(text[i]))
            ++i;
        return i;
    }
    /// The end of the string literal starting at `i` (its opening quote), past the closing quote.
    std::size_t string_end(std::size_t i) const noexcept {
        if (i >= text.size() || text[i] != '"')
            return npos;
        for (++i; i < text.size(); ++i) {
            if (text[i] == '\\')
                ++i;
            else if (text[i] == '"')
                return i + 1;
        }
        return npos;
    }
    /// The end of the value starting at `i` (no leading whitespace).
    std::size_t value_end(std::size_t i) const noexcept {
        if (i >= text.size())
            return npos;
        const char c = text[i];
        if (c == '"')
            return string_end(i);
        if (c == '{' || c == '[') {
            std::size_t depth = 0;
            while (i < text.size()) {
                const char d = text[i];
                if (d == '"') {
                    i = string_end(i);
                    if (i == npos)
                        return npos;
                    continue;
                }
                if (d == '{' || d == '[') {
                    ++depth;
                } else if (d == '}' || d == ']') {
                    if (--depth == 0)
                        return i + 1;
                }
                ++i;
            }
            return npos;
        }
        // A number, true, false, null, NaN, Infinity: up to the next delimiter.
        while (i < text.size() && !is_ws(text[i]) && text[i] != ',' && text[i] != ']' && text[i] != '}')
            ++i;
        return i;
    }
};

/// The decoded text of a key's string literal (with its quotes).
inline std::string decoded_key(std::string_view literal) {
    if (literal.find('\\') == std::string_view::npos)
        return std::string(literal.substr(1, literal.size() - 2));
    boost::system::error_code ec;
    const boost::json::value v = boost::json::parse(literal, ec);
    if (ec || !v.is_string())
        return std::string(literal); // never equal to a plain name
    return std::string(v.get_string());
}

/// `span` without the whitespace outside its strings.
inline std::string compact_json(std::string_view span) {
    std::string out;
    out.reserve(span.size());
    bool in_string = false;
    for (std::size_t i = 0; i < span.size(); ++i) {
        const char c = span[i];
        if (in_string) {
            out += c;
            if (c == '\\' && i + 1 < span.size())
                out += span[++i];
            else if (c == '"')
                in_string = false;
        } else if (!json_span_scanner::is_ws(c)) {
            out += c;
            in_string = c == '"';
        }
    }
    return out;
}

/// The body parsed as pydantic reads it, or the message for a body that is not JSON.
inline result<json_document, std::string> parse_page_body(std::string_view body) {
    auto doc = parse_pydantic_json(body);
    if (!doc)
        return unexpected{"the body is not JSON (" + doc.error().description() + ")"};
    if (doc->root().kind() != json_kind::object)
        return unexpected{std::string("the body is not a JSON object")};
    return std::move(*doc);
}

/// The value of a cursor field as a query value: a string's text, an integer's digits; nullopt with
/// `why` set when the record has no such value.
inline std::optional<std::string> cursor_value(json_view record, std::string_view field, std::string& why) {
    const json_view v = record.find(field);
    const std::string quoted = "'" + std::string(field) + "'";
    if (!v.valid()) {
        why = "the last record has no " + quoted + " for the cursor";
        return std::nullopt;
    }
    switch (v.kind()) {
    case json_kind::string:
    case json_kind::big_integer:
        return std::string(v.get_string());
    case json_kind::integer:
        return std::to_string(v.get_int());
    default:
        why = "the last record's " + quoted + " is a JSON " + std::string(to_string(v.kind())) +
              ", not a string or an integer: it cannot be a cursor";
        return std::nullopt;
    }
}

} // namespace detail

APIQUERY_DECL result<std::vector<std::string>, std::string> page_record_texts(std::string_view body) {
    auto doc = detail::parse_page_body(body);
    if (!doc)
        return unexpected{std::move(doc).error()};
    const detail::json_span_scanner s{body};
    constexpr std::size_t npos = detail::json_span_scanner::npos;
    const auto malformed = [] { return unexpected{std::string("the body could not be scanned as JSON")}; };

    // The top-level object's members, the last `data` kept.
    std::size_t i = s.skip_ws(0);
    if (i >= body.size() || body[i] != '{')
        return malformed();
    std::string_view data;
    i = s.skip_ws(i + 1);
    while (i < body.size() && body[i] != '}') {
        const std::size_t key_end = s.string_end(i);
        if (key_end == npos)
            return malformed();
        const std::string key = detail::decoded_key(body.substr(i, key_end - i));
        i = s.skip_ws(key_end);
        if (i >= body.size() || body[i] != ':')
            return malformed();
        i = s.skip_ws(i + 1);
        const std::size_t value_end = s.value_end(i);
        if (value_end == npos)
            return malformed();
        if (key == "data")
            data = body.substr(i, value_end - i);
        i = s.skip_ws(value_end);
        if (i < body.size() && body[i] == ',')
            i = s.skip_ws(i + 1);
    }
    if (data.empty())
        return unexpected{std::string("the body has no 'data'")};
    if (data.front() != '[')
        return unexpected{std::string("the body's 'data' is not an array")};

    std::vector<std::string> records;
    const detail::json_span_scanner d{data};
    std::size_t j = d.skip_ws(1);
    while (j < data.size() && data[j] != ']') {
        const std::size_t end = d.value_end(j);
        if (end == npos)
            return malformed();
        records.push_back(detail::compact_json(data.substr(j, end - j)));
        j = d.skip_ws(end);
        if (j < data.size() && data[j] == ',')
            j = d.skip_ws(j + 1);
    }
    if (records.size() != doc->root().find("data").size()) // the scan and the parse disagree
        return malformed();
    return records;
}

APIQUERY_DECL result<std::optional<std::string>, std::string>
next_page_target(const cursor_pagination& pagination, std::string_view target, std::string_view body) {
    auto doc = detail::parse_page_body(body);
    if (!doc)
        return unexpected{std::move(doc).error()};
    const json_view root = doc->root();
    const json_view data = root.find("data");
    if (!data.valid())
        return unexpected{std::string("the body has no 'data'")};
    if (data.kind() != json_kind::array)
        return unexpected{std::string("the body's 'data' is not an array")};
    const json_view has_more_value = root.find("has_more");
    bool has_more = false;
    std::vector<validation_error> errors;
    detail::validation_context c;
    c.errors = &errors;
    if (!has_more_value.valid() || !detail::validate_bool(has_more_value, c, &has_more))
        return unexpected{std::string("the body's 'has_more' is missing or not a boolean")};
    if (!has_more)
        return std::optional<std::string>{};
    if (data.size() == 0)
        return unexpected{std::string("'has_more' is true but the page has no records to continue after")};
    json_view last;
    data.for_each_element([&](json_view e) { last = e; });
    if (last.kind() != json_kind::object)
        return unexpected{std::string("the last record is not a JSON object")};

    const request_target t = split_request_target(target);
    const query_params params(t.query);
    std::vector<std::pair<std::string_view, std::string>> cursor;
    for (const cursor_param& p : pagination.cursor) {
        std::string_view field = p.field;
        if (!p.field_param.empty())
            if (const std::string* named = params.get(p.field_param))
                field = *named;
        std::string why;
        auto value = detail::cursor_value(last, field, why);
        if (!value)
            return unexpected{std::move(why)};
        cursor.emplace_back(p.name, std::move(*value));
    }

    // The target up to its path as it is, the query's fields kept byte for byte unless they are the
    // cursor's or cleared, then the cursor.
    std::string next(
        target.substr(0, static_cast<std::size_t>(t.path.data() - target.data()) + t.path.size()));
    std::string query;
    const auto dropped = [&](std::string_view name) {
        for (const cursor_param& p : pagination.cursor)
            if (p.name == name)
                return true;
        for (std::string_view n : pagination.cleared)
            if (n == name)
                return true;
        return false;
    };
    std::size_t start = 0;
    while (start <= t.query.size()) {
        std::size_t end = t.query.find('&', start);
        if (end == std::string_view::npos)
            end = t.query.size();
        const std::string_view field = t.query.substr(start, end - start);
        start = end + 1;
        if (field.empty())
            continue;
        if (dropped(unquote_plus(field.substr(0, field.find('=')))))
            continue;
        if (!query.empty())
            query += '&';
        query += field;
    }
    for (const auto& [name, value] : cursor) {
        if (!query.empty())
            query += '&';
        append_quoted(query, name, true);
        query += '=';
        append_quoted(query, value, true);
    }
    next += '?';
    next += query;
    return std::optional<std::string>{std::move(next)};
}

APIQUERY_DECL page_walk::page_walk(const endpoint_entry& endpoint, std::string first_target,
                                   std::size_t max_pages)
    : endpoint_(&endpoint), target_(std::move(first_target)), max_pages_(max_pages) {
    requested_.emplace(target_, 1);
}

APIQUERY_DECL result<std::vector<std::string>, std::string> page_walk::read(std::string_view body) {
    if (done_)
        return unexpected{std::string("the walk is over")};
    done_ = true; // until the page proves good
    if (endpoint_->check_page != nullptr) {
        http_validation_error errors{endpoint_->check_page(body)};
        if (!errors.detail.empty())
            return unexpected{"the page fails the endpoint's response check: " + json_text(errors)};
    }
    auto records = page_record_texts(body);
    if (!records)
        return unexpected{std::move(records).error()};
    if (endpoint_->pagination == nullptr)
        return records;
    auto next = next_page_target(*endpoint_->pagination, target_, body);
    if (!next)
        return unexpected{std::move(next).error()};
    if (!*next)
        return records;
    const auto [seen, inserted] = requested_.emplace(**next, page_ + 1);
    if (!inserted)
        return unexpected{"the cursor does not advance: the next target " + **next +
                          " was requested for page " + std::to_string(seen->second)};
    if (page_ >= max_pages_)
        return unexpected{"more than " + std::to_string(max_pages_) + " pages: the walk stops here"};
    target_ = std::move(**next);
    ++page_;
    done_ = false;
    return records;
}

} // namespace apiquery
