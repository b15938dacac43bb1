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
// Arguments starting with `--` are options unless they follow `--`; `-` alone is standard input.
// Exit 64 for a bad command line (message on standard error).
#include "command.hpp"
#include "filter_sql.hpp"

#include <apiquery/filter.hpp>
#include <apiquery/filter_print.hpp>
#include <apiquery/json_text.hpp>
#include <apiquery/profile_check.hpp>

#include <istream>
#include <iterator>
#include <ostream>
#include <string>

namespace {

using namespace apiquery::cli;

constexpr std::string_view usage = "apiquery filter [--format json|odata|none|sql-sqlite|sql-postgres] "
                                   "[--profile tokens|files|full] [--odata-4.0] [--lines] [--] [EXPR | -]";

enum class format { json, odata, none, sql_sqlite, sql_postgres };

/// Appends the output line for one expression (with --format none: nothing when it is accepted, and
/// the error only when `errors` is set); returns whether it was accepted. One parser serves all lines.
bool describe(apiquery::filter_parser& parser, std::string_view text, format fmt,
              const apiquery::parse_options& options, const apiquery::profile_view* profile, bool errors,
              std::string& out) {
    const auto r = parser.parse(text, options);
    if (!r) {
        if (!errors)
            return false;
        const auto& e = r.error();
        out += "{\"error\":{\"code\":\"";
        out += apiquery::to_string(e.code);
        out += "\",\"position\":";
        out += std::to_string(e.position);
        out += ",\"message\":";
        apiquery::append_json_string(out, e.message);
        out += "}}\n";
        return false;
    }
    if (profile != nullptr) {
        const auto checked = apiquery::check_filter(*r, *profile);
        if (!checked) {
            if (!errors)
                return false;
            const auto& e = checked.error();
            out += "{\"error\":{\"code\":\"";
            out += apiquery::to_string(e.code);
            out += "\",\"position\":";
            out += std::to_string(e.span.begin);
            out += ",\"end\":";
            out += std::to_string(e.span.end);
            out += ",\"message\":";
            apiquery::append_json_string(out, e.message);
            out += "}}\n";
            return false;
        }
        if (fmt == format::sql_sqlite || fmt == format::sql_postgres) {
            std::string line;
            const bool ok = apiquery::cli::append_filter_sql(line, *checked,
                                                             fmt == format::sql_sqlite
                                                                 ? apiquery::sql::dialect::sqlite
                                                                 : apiquery::sql::dialect::postgresql);
            if (ok || errors)
                out += line;
            return ok;
        }
    }
    if (fmt == format::json) {
        apiquery::append_json(out, *r, r->root());
        out += '\n';
    } else if (fmt == format::odata) {
        apiquery::append_odata(out, *r, r->root());
        out += '\n';
    }
    return true;
}

int run(std::span<const std::string_view> args, io streams) {
    format fmt = format::json;
    apiquery::parse_options options;
    const apiquery::profile_view* profile = nullptr;
    bool lines = false;
    bool options_done = false;
    const std::string_view* expr = nullptr;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string_view a = args[i];
        if (options_done || a.size() < 2 || a.substr(0, 2) != "--") {
            if (expr != nullptr) {
                streams.err << "apiquery filter: more than one EXPR (quote the expression)\n";
                return exit_usage;
            }
            expr = &args[i];
        } else if (a == "--") {
            options_done = true;
        } else if (a == "--lines") {
            lines = true;
        } else if (a == "--odata-4.0") {
            options.odata_4_0_strict = true;
        } else if (a == "--format" || a.substr(0, 9) == "--format=") {
            std::string_view value;
            if (a == "--format") {
                if (i + 1 == args.size()) {
                    streams.err << "apiquery filter: --format needs a value: json, odata or none\n";
                    return exit_usage;
                }
                value = args[++i];
            } else {
                value = a.substr(9);
            }
            if (value == "json")
                fmt = format::json;
            else if (value == "odata")
                fmt = format::odata;
            else if (value == "none")
                fmt = format::none;
            else if (value == "sql-sqlite")
                fmt = format::sql_sqlite;
            else if (value == "sql-postgres")
                fmt = format::sql_postgres;
            else {
                streams.err << "apiquery filter: unknown format '" << value
                            << "' (json, odata, none, sql-sqlite or sql-postgres)\n";
                return exit_usage;
            }
        } else if (a == "--profile" || a.substr(0, 10) == "--profile=") {
            std::string_view value;
            if (a == "--profile") {
                if (i + 1 == args.size()) {
                    streams.err << "apiquery filter: --profile needs a value: tokens, files or full\n";
                    return exit_usage;
                }
                value = args[++i];
            } else {
                value = a.substr(10);
            }
            profile = apiquery::profiles::find(value);
            if (profile == nullptr) {
                streams.err << "apiquery filter: unknown profile '" << value << "' (tokens, files or full)\n";
                return exit_usage;
            }
        } else if (a == "--help") {
            streams.out << "usage: " << usage << "\n";
            return exit_ok;
        } else {
            streams.err << "apiquery filter: unknown option '" << a
                        << "' (use -- before an expression starting with --)\n";
            return exit_usage;
        }
    }

    if ((fmt == format::sql_sqlite || fmt == format::sql_postgres) && profile == nullptr)
        profile = &apiquery::profiles::tokens; // SQL is written from a checked filter
    std::string out;
    apiquery::filter_parser parser;
    if (lines) {
        if (expr != nullptr && *expr != "-") {
            streams.err << "apiquery filter: --lines reads standard input; give no EXPR (or -)\n";
            return exit_usage;
        }
        std::size_t accepted = 0, rejected = 0;
        std::string line;
        while (std::getline(streams.in, line)) {
            (describe(parser, line, fmt, options, profile, fmt != format::none, out) ? accepted : rejected) +=
                1;
            if (out.size() > 1 << 16) {
                streams.out << out;
                out.clear();
            }
        }
        if (fmt == format::none)
            out += std::to_string(accepted) + " accepted, " + std::to_string(rejected) + " rejected\n";
        streams.out << out;
        streams.out.flush();
        return exit_ok;
    }
    if (expr == nullptr) {
        streams.err << "usage: " << usage << "\n";
        return exit_usage;
    }
    bool ok = false;
    if (*expr == "-") {
        std::string text{std::istreambuf_iterator<char>(streams.in), std::istreambuf_iterator<char>()};
        if (!text.empty() && text.back() == '\n') {
            text.pop_back();
            if (!text.empty() && text.back() == '\r')
                text.pop_back();
        }
        ok = describe(parser, text, fmt, options, profile, true, out);
    } else {
        ok = describe(parser, *expr, fmt, options, profile, true, out);
    }
    streams.out << out;
    streams.out.flush();
    return ok ? exit_ok : 1;
}

const command_registrar registrar{
    command{"filter", usage,
            "Parse an OData $filter expression: prints its JSON form or canonical "
            "text, or {\"error\":{\"code\",\"position\",\"message\"}} (exit 1).",
            &run}};

} // namespace
