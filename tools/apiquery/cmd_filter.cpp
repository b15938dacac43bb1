// apiquery filter [--format json|odata|none|sql-sqlite|sql-postgres] [--profile tokens|files|full]
//                 [--odata-4.0] [--lines] [--] [EXPR | -]
//
// Parses an OData 4.01 `$filter` expression (the percent-decoded text).
//   EXPR, or `-` for standard input (one trailing newline removed):
//     accepted: the JSON form of the tree (--format json, the default) or the canonical OData text
//               (--format odata) on one line, exit 0; nothing with --format none, exit 0;
//     rejected: {"error":{"code":"…","position":N,"message":"…"}} on one line (whatever the format),
//               exit 1.
//   --lines: one expression per line of standard input (split at \n only), one output line per input
//     line (JSON Lines; the same JSON or text, or the error object), exit 0 once all lines are
//     processed. With --format none only a closing line `N accepted, M rejected`, nothing else.
//   --odata-4.0: keywords and function names are case-sensitive, as in OData 4.0.
//   --profile NAME: also check the parsed filter against a built-in capability profile (tokens, files,
//     full; docs/profile.md); accepted: the same output as without it; refused:
//     {"error":{"code":"…","position":N,"end":M,"message":"…"}} (the span of the offending node), exit 1.
//   --format sql-sqlite|sql-postgres: the SQL condition and its bound values (docs/sql.md):
//     {"sql":"…","params":[…]}, exit 0; checked against --profile (tokens when none is given); a
//     construct SQL cannot express: {"error":{"code":"sql_unsupported","position":N,"end":M,...}}, exit 1.
//     With --profile files the paths are members of the files table's `meta` JSON document
//     (sql/json_filter.hpp).
// Arguments starting with `--` are options unless they follow `--`; `-` alone is standard input.
// Exit 64 for a bad command line (message on standard error).
#include "command.hpp"
#include "command_line.hpp"
#include "exit_codes.hpp"

#include <apiquery/endpoints/files/profile.hpp>
#include <apiquery/endpoints/files/table.hpp>
#include <apiquery/endpoints/tokens/profile.hpp>
#include <apiquery/endpoints/tokens/table.hpp>
#include <apiquery/odata/filter.hpp>
#include <apiquery/odata/filter_print.hpp>
#include <apiquery/profile/profile_check.hpp>
#include <apiquery/sql/json_filter.hpp>
#include <apiquery/sql/sql_filter.hpp>
#include <apiquery/value/json_text.hpp>

#include <charconv>
#include <cstring>
#include <istream>
#include <iterator>
#include <optional>
#include <ostream>
#include <streambuf>
#include <string>
#include <utility>

namespace {

using namespace apiquery::cli;

constexpr std::string_view usage = "apiquery filter [--format json|odata|none|sql-sqlite|sql-postgres] "
                                   "[--profile tokens|files|full] [--odata-4.0] [--lines] [--] [EXPR | -]";

enum class format { json, odata, none, sql_sqlite, sql_postgres };

void append_number(std::string& out, std::size_t n) {
    char digits[24];
    const auto end = std::to_chars(digits, digits + sizeof digits, n).ptr;
    out.append(digits, end);
}

/// The output of the command for one expression at a time. Everything that does not depend on the
/// expression (options, profile, format, the SQL columns of the tokens table) is set up once, so that
/// `--lines` does per line only the work that line needs.
class describer {
public:
    describer(format fmt, const apiquery::parse_options& options, const apiquery::profile_view* profile)
        : fmt_(fmt), options_(options), profile_(profile) {}

    /// Appends the output line for `text` (with --format none: nothing when it is accepted, and the
    /// error only when `errors` is set); returns whether it was accepted.
    bool describe(std::string_view text, bool errors, std::string& out) {
        // One parser object serves every line: its working memory is kept between expressions.
        auto r = parser_.parse(text, options_);
        if (!r) {
            if (errors) {
                const auto& e = r.error();
                out += "{\"error\":{\"code\":\"";
                out += apiquery::to_string(e.code);
                out += "\",\"position\":";
                append_number(out, e.position);
                out += ",\"message\":";
                apiquery::append_json_string(out, e.message);
                out += "}}\n";
            }
            return false;
        }
        if (profile_ == nullptr)
            return print(*r, out);
        const auto checked = apiquery::check_filter(std::move(*r), *profile_);
        if (!checked) {
            if (errors) {
                const auto& e = checked.error();
                out += "{\"error\":{\"code\":\"";
                out += apiquery::to_string(e.code);
                out += "\",\"position\":";
                append_number(out, e.span.begin);
                out += ",\"end\":";
                append_number(out, e.span.end);
                out += ",\"message\":";
                apiquery::append_json_string(out, e.message);
                out += "}}\n";
            }
            return false;
        }
        if (fmt_ == format::sql_sqlite || fmt_ == format::sql_postgres) {
            const std::size_t mark = out.size();
            const bool ok = append_sql(*checked, out);
            if (!ok && !errors)
                out.resize(mark);
            return ok;
        }
        return print(checked->ast(), out);
    }

private:
    bool print(const apiquery::filter_ast& ast, std::string& out) const {
        if (fmt_ == format::json) {
            apiquery::append_json_text(out, ast, ast.root());
            out += '\n';
        } else if (fmt_ == format::odata) {
            apiquery::append_odata(out, ast, ast.root());
            out += '\n';
        }
        return true;
    }

    /// The SQL line (docs/sql.md, "CLI"): {"sql":"…","params":[…]}, or the sql_unsupported error.
    /// Columns: the tokens table's for the token fields (also as free fields of the files and full
    /// profiles); any other free field is the column named by its path, of the type the filter gives it.
    bool append_sql(const apiquery::checked_filter& filter, std::string& out) {
        namespace sql = apiquery::sql;
        const auto d = fmt_ == format::sql_sqlite ? sql::dialect::sqlite : sql::dialect::postgresql;
        if (profile_ == &apiquery::profiles::files)
            return append_statement(sql::translate_json_filter(filter, sql::files_meta_column(), d), out);
        // columns_ holds the tokens table's columns, and those of the free fields of the last filter that
        // had any: set at the first filter and after such a filter only, so that a filter of token fields
        // alone copies nothing.
        if (columns_.entries().size() != sql::tokens_columns().entries().size())
            columns_ = sql::tokens_columns();
        sql::add_free_field_columns(columns_, filter);
        return append_statement(sql::translate_filter(filter, columns_, d), out);
    }

    static bool
    append_statement(const apiquery::result<apiquery::sql::statement, apiquery::sql::translate_error>& r,
                     std::string& out) {
        if (!r) {
            out += "{\"error\":{\"code\":\"sql_unsupported\",\"position\":";
            append_number(out, r.error().span.begin);
            out += ",\"end\":";
            append_number(out, r.error().span.end);
            out += ",\"message\":";
            apiquery::append_json_string(out, r.error().message);
            out += "}}\n";
            return false;
        }
        out += apiquery::sql::json_text(*r);
        out += '\n';
        return true;
    }

    format fmt_;
    apiquery::parse_options options_;
    const apiquery::profile_view* profile_;
    apiquery::sql::column_map columns_; ///< SQL formats: see append_sql
    apiquery::filter_parser parser_;
};

/// `--lines`: one expression per line of `in` (split at \n only; a \r before it stays in the line; a
/// last line without \n counts unless it is empty), read in large blocks; the output goes to `out`
/// through one buffer written in large blocks.
void run_lines(describer& d, bool errors, std::streambuf& in, std::ostream& out, std::size_t& accepted,
               std::size_t& rejected) {
    constexpr std::size_t block = std::size_t{1} << 18;
    constexpr std::size_t flush_at = std::size_t{1} << 18;
    std::string text(block, '\0'); // [begin, end): read, not yet split into lines
    std::size_t begin = 0, end = 0;
    std::string buffer;
    buffer.reserve(flush_at + 4096);
    const auto one = [&](std::string_view line) {
        (d.describe(line, errors, buffer) ? accepted : rejected) += 1;
        if (buffer.size() >= flush_at) {
            out.write(buffer.data(), static_cast<std::streamsize>(buffer.size()));
            buffer.clear();
        }
    };
    for (;;) {
        while (begin < end) {
            const char* first = text.data() + begin;
            const auto* nl = static_cast<const char*>(std::memchr(first, '\n', end - begin));
            if (nl == nullptr)
                break;
            one(std::string_view(first, static_cast<std::size_t>(nl - first)));
            begin = static_cast<std::size_t>(nl - text.data()) + 1;
        }
        // Keep the incomplete last line at the start of the buffer, and make room for a block after it.
        if (begin > 0) {
            std::memmove(text.data(), text.data() + begin, end - begin);
            end -= begin;
            begin = 0;
        }
        if (text.size() - end < block)
            text.resize(end + block);
        const std::streamsize n = in.sgetn(text.data() + end, static_cast<std::streamsize>(block));
        if (n <= 0)
            break;
        end += static_cast<std::size_t>(n);
    }
    if (begin < end)
        one(std::string_view(text.data() + begin, end - begin));
    out.write(buffer.data(), static_cast<std::streamsize>(buffer.size()));
}

int run(std::span<const std::string_view> args, io streams) {
    format fmt = format::json;
    apiquery::parse_options options;
    const apiquery::profile_view* profile = nullptr;
    bool lines = false;
    std::optional<std::string_view> expr;

    const auto unknown_option = [](std::string_view a) {
        return "apiquery filter: unknown option '" + std::string(a) +
               "' (use -- before an expression starting with --)\n";
    };
    command_line cl(usage_text(usage), unknown_option);
    cl.flag("--lines", [&] { lines = true; });
    cl.flag("--odata-4.0", [&] { options.odata_4_0_strict = true; });
    cl.option(
        "--format",
        [&](std::string_view value, std::string_view) {
            constexpr std::pair<std::string_view, format> formats[] = {
                {"json", format::json},
                {"odata", format::odata},
                {"none", format::none},
                {"sql-sqlite", format::sql_sqlite},
                {"sql-postgres", format::sql_postgres}};
            for (const auto& [name, f] : formats)
                if (name == value) {
                    fmt = f;
                    return;
                }
            throw usage_error{"apiquery filter: unknown format '" + std::string(value) +
                              "' (json, odata, none, sql-sqlite or sql-postgres)\n"};
        },
        [] { return std::string("apiquery filter: --format needs a value: json, odata or none\n"); });
    cl.option(
        "--profile",
        [&](std::string_view value, std::string_view) {
            for (const apiquery::profile_view* p :
                 {&apiquery::profiles::tokens, &apiquery::profiles::files, &apiquery::profiles::full})
                if (p->name == value) {
                    profile = p;
                    return;
                }
            throw usage_error{"apiquery filter: unknown profile '" + std::string(value) +
                              "' (tokens, files or full)\n"};
        },
        [] { return std::string("apiquery filter: --profile needs a value: tokens, files or full\n"); });
    // EXPR: an argument that does not start with `--` (`-`, `-x`, `-5 eq x` too), and any after `--`.
    cl.operands([&](std::string_view a, operand_place place) {
        if (place == operand_place::end_of_options)
            return;
        if (place == operand_place::before_end_of_options && a.starts_with("--"))
            throw usage_error{unknown_option(a)};
        if (expr)
            throw usage_error{"apiquery filter: more than one EXPR (quote the expression)\n"};
        expr = a;
    });
    if (const auto status = cl.parse(args, streams))
        return *status;

    if ((fmt == format::sql_sqlite || fmt == format::sql_postgres) && profile == nullptr)
        profile = &apiquery::profiles::tokens; // SQL is written from a checked filter
    describer d(fmt, options, profile);
    if (lines) {
        if (expr && *expr != "-") {
            streams.err << "apiquery filter: --lines reads standard input; give no EXPR (or -)\n";
            return exit_usage;
        }
        std::size_t accepted = 0, rejected = 0;
        run_lines(d, fmt != format::none, *streams.in.rdbuf(), streams.out, accepted, rejected);
        if (fmt == format::none) {
            std::string counts;
            append_number(counts, accepted);
            counts += " accepted, ";
            append_number(counts, rejected);
            counts += " rejected\n";
            streams.out << counts;
        }
        streams.out.flush();
        return exit_ok;
    }
    if (!expr) {
        streams.err << usage_text(usage);
        return exit_usage;
    }
    std::string out;
    bool ok = false;
    if (*expr == "-") {
        std::string text{std::istreambuf_iterator<char>(streams.in), std::istreambuf_iterator<char>()};
        if (!text.empty() && text.back() == '\n') {
            text.pop_back();
            if (!text.empty() && text.back() == '\r')
                text.pop_back();
        }
        ok = d.describe(text, true, out);
    } else {
        ok = d.describe(*expr, true, out);
    }
    streams.out << out;
    streams.out.flush();
    return ok ? exit_ok : exit_rejected;
}

const command_registrar registrar{
    command{"filter", usage,
            "Parse an OData $filter expression: prints its JSON form or canonical "
            "text, or {\"error\":{\"code\",\"position\",\"message\"}} (exit 1).",
            &run}};

} // namespace
