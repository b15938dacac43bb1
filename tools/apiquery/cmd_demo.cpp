// apiquery demo: a tour of what apiquery does, section by section. Each section is a row of the table
// below; add a section by adding a function and a row.
#include "command.hpp"
#include "command_line.hpp"
#include "exit_codes.hpp"
#include "file_data.hpp"
#include "token_data.hpp"

#include <apiquery/endpoints/files/endpoint.hpp>
#include <apiquery/endpoints/files/listing.hpp>
#include <apiquery/endpoints/files/response.hpp>
#include <apiquery/endpoints/files/service.hpp>
#include <apiquery/endpoints/tokens/listing.hpp>
#include <apiquery/endpoints/tokens/request.hpp>

#include <boost/json/parse.hpp>

#include <ostream>
#include <sstream>
#include <string>
#include <string_view>

namespace apiquery::cli {
namespace {

/// One request of the validation section: what a client might send, and why it is interesting.
struct demo_request {
    std::string_view note;
    std::string_view target;
};

constexpr demo_request requests[] = {
    {"defaults filled in", "/api/v1/workspaces/production/token"},
    {"lax integers, a cursor in upper case, a filter",
     "/api/v1/workspaces/production/token?limit=+05&after=F47AC10B-58CC-4372-A567-0E02B2C3D479"
     "&filter=name%20eq%20%27ci-token%27&field=name&order=ASC"},
    {"every failing parameter in one 422, in declaration order",
     "/api/v1/workspaces/production/token?limit=101&before=zz&page_number=0&field=Name&order=asc"},
    {"the last of repeated keys wins; a huge page number is still an int",
     "/api/v1/workspaces/production/token?limit=200&limit=1_0&page_number=99999999999999999999999"},
    {"rules beyond parameter types: page pagination and cursors do not mix",
     "/api/v1/workspaces/production/token?page_number=2&before=550e8400-e29b-41d4-a716-446655440000"},
    {"a path that does not reach the endpoint", "/api/v1/workspaces/production/tokens"},
};

void section_validation(std::ostream& out) {
    out << "== Request validation: what FastAPI + pydantic answer to a Get Workspace Tokens request ==\n";
    for (const auto& r : requests) {
        out << "\n# " << r.note << "\nGET " << r.target << "\n";
        const auto v = parse_tokens_request(r.target);
        if (v)
            out << "-> 200, the handler receives " << json_text(*v) << "\n";
        else
            out << "-> " << v.error().status << " " << v.error().body() << "\n";
    }
}

/// Prints a response as the server would send it. A 200 body with tokens is shown one token per line:
/// the first in full, the others shortened to the keys that show the order (the output says so).
void print_response(std::ostream& out, const tokens_response& r) {
    out << "-> " << r.status << " ";
    if (r.status != 200) {
        out << r.body << "\n";
        return;
    }
    const boost::json::value v = boost::json::parse(r.body);
    const auto& data = v.at("data").as_array();
    if (data.empty()) {
        out << r.body << "\n";
        return;
    }
    out << "{\"data\":[\n";
    for (std::size_t i = 0; i < data.size(); ++i) {
        std::string line;
        if (i == 0) {
            line = json_text(data[i]);
        } else {
            boost::json::object brief;
            for (const char* key : {"name", "role", "expires_at", "api_token_id"})
                brief.emplace(key, data[i].at(key));
            line = json_text(brief);
            line.insert(line.size() - 1, ",...");
        }
        out << "     " << line << (i + 1 < data.size() ? ",\n" : "\n");
    }
    out << "   ],\"has_more\":" << (v.at("has_more").as_bool() ? "true" : "false")
        << ",\"total\":" << v.at("total").as_int64() << "}\n";
    if (data.size() > 1)
        out << "   (shortened for reading: tokens after the first show 4 of their 11 keys)\n";
}

/// The api_token_id of the last token of a 200 body ("" for anything else).
std::string last_token_id(const tokens_response& r) {
    if (r.status != 200)
        return {};
    const boost::json::value v = boost::json::parse(r.body);
    const auto& data = v.at("data").as_array();
    return data.empty() ? std::string() : std::string(data.back().at("api_token_id").as_string());
}

void section_listing(std::ostream& out) {
    out << "== Listing: what the server answers, on the bundled sample (data/sample-tokens.json) ==\n";
    std::ostringstream err;
    int status = 0;
    const auto records = load_token_data("demo", {}, err, status);
    if (!records) {
        out << "(skipped: " << err.str() << ")\n";
        return;
    }
    out << "\n"
        << records->size()
        << " tokens; the endpoint lists those scoped to exactly the requested workspace.\n"
           "Try any target yourself: apiquery list 'TARGET' (or apiquery list --data FILE 'TARGET').\n";
    const std::string base = "/api/v1/workspaces/production/token";
    const auto show = [&](std::string_view note, const std::string& target) {
        out << "\n# " << note << "\nGET " << target << "\n";
        const auto r = respond_tokens(target, *records);
        print_response(out, r);
        return r;
    };
    show("the newest tokens first (field=created_at and order=DESC are the defaults)", base + "?limit=3");
    const auto filtered =
        show("a filter with eq, ge and and (percent-encoded): ADMIN tokens created in 2025 or later",
             base + "?limit=2&filter=role%20eq%20%27ADMIN%27%20and%20created_at%20ge%202025-01-01T00:00:00Z");
    show("the next page of the same query: after = the api_token_id of the last token above",
         base +
             "?limit=2&filter=role%20eq%20%27ADMIN%27%20and%20created_at%20ge%202025-01-01T00:00:00Z&after=" +
             last_token_id(filtered));
    show("page pagination: the second page of three, sorted by name (ties broken by api_token_id)",
         base + "?limit=3&page_number=2&field=name&order=ASC");
    show("a workspace with no tokens of its own: an empty page, not an error",
         "/api/v1/workspaces/nowhere/token");
    show("the endpoint supports eq, ge and and only: 'or' is rejected",
         base + "?filter=name%20eq%20%27ci-deploy%27%20or%20name%20eq%20%27terraform%27");
    show("limit is at most 100", base + "?limit=500");
    show("a cursor must name a token of the workspace", base + "?after=00000000-0000-4000-8000-000000000000");
}

/// The API's documented filter example, percent-encoded as a client sends it.
constexpr std::string_view documented_example =
    "/api/v1/workspaces/production/files?limit=10&filter=category%20eq%20%27news%27%20and%20"
    "published_date%20ge%20%272025-01-01%27";

/// Prints a List Files response: a 200 body one file per line, the first in full, the others shortened
/// to the keys that show the order and the filter (the output says so).
void print_files_response(std::ostream& out, const files_response& r) {
    out << "-> " << r.status << " ";
    if (r.status != 200) {
        out << r.body << "\n";
        return;
    }
    const boost::json::value v = boost::json::parse(r.body);
    const auto& data = v.at("data").as_array();
    if (data.empty()) {
        out << r.body << "\n";
        return;
    }
    out << "{\"data\":[\n";
    for (std::size_t i = 0; i < data.size(); ++i) {
        std::string line;
        if (i == 0) {
            line = json_text(data[i]);
        } else {
            boost::json::object brief;
            brief.emplace("file_id", data[i].at("file_id"));
            brief.emplace("name", data[i].at("name"));
            boost::json::object meta;
            for (const char* key : {"category", "published_date"})
                if (const auto* m = data[i].at("meta").as_object().if_contains(key))
                    meta.emplace(key, *m);
            brief.emplace("meta", std::move(meta));
            brief.emplace("created_at", data[i].at("created_at"));
            line = json_text(brief);
            line.insert(line.size() - 1, ",...");
        }
        out << "     " << line << (i + 1 < data.size() ? ",\n" : "\n");
    }
    out << "   ],\"has_more\":" << (v.at("has_more").as_bool() ? "true" : "false")
        << ",\"total\":" << v.at("total").as_int64() << "}\n";
    if (data.size() > 1)
        out << "   (shortened for reading: files after the first show 4 of their 8 keys and 2 metadata "
               "keys)\n";
}

void section_files(std::ostream& out) {
    out << "== List Files: the API's documented filter example, on the bundled sample "
           "(data/sample-files.json) "
           "==\n";
    std::ostringstream err;
    int status = 0;
    const auto records = load_file_data("demo", {}, err, status);
    if (!records) {
        out << "(skipped: " << err.str() << ")\n";
        return;
    }
    out << "\n"
        << records->size()
        << " files with free metadata of mixed kinds; `category` and `published_date` are metadata keys.\n"
           "Try any target yourself: apiquery list 'TARGET' (or apiquery list --data FILE 'TARGET').\n";
    const auto show = [&](std::string_view note, std::string_view target) {
        out << "\n# " << note << "\nGET " << target << "\n";
        auto r = respond_files(target, *records);
        print_files_response(out, r);
        return r;
    };
    const auto first = show("the documented example: news published on or after 2025-01-01 (a string "
                            "comparison, by code point)",
                            documented_example);
    const auto request = parse_request<files_endpoint>(documented_example);
    if (first.status == 200 && request) {
        const auto page = parse_file_page(first.body);
        if (page) {
            if (const auto next = next_files_target(*request, *page))
                show("the next page, as the API's SDK asks for it: after_value = the last created_at, "
                     "after_file_id = the last file_id",
                     *next);
        }
    }
    show("an unquoted date compares instants: date-times with offsets match too, numbers never",
         "/api/v1/workspaces/production/files?limit=3&filter=category%20eq%20%27news%27%20and%20"
         "published_date%20ge%202025-06-01&field=name&order=DESC");
    show("OData filters only work with cursor-based pagination",
         "/api/v1/workspaces/production/files?page_number=2&filter=category%20eq%20%27news%27");
    show("ge on a boolean is refused by the endpoint's profile",
         "/api/v1/workspaces/production/files?filter=reviewed%20ge%20true");
}

struct demo_section {
    std::string_view name;
    void (*run)(std::ostream&);
};

constexpr demo_section sections[] = {
    {"files", section_files},
    {"validate", section_validation},
    {"listing", section_listing},
};

constexpr std::string_view usage = "apiquery demo";

int run_demo(std::span<const std::string_view> args, io streams) {
    command_line cl(usage_text(usage), [](std::string_view) { return usage_text(usage); });
    if (const auto status = cl.parse(args, streams))
        return *status;
    bool first = true;
    for (const auto& s : sections) {
        if (!first)
            streams.out << "\n";
        first = false;
        s.run(streams.out);
    }
    return exit_ok;
}

const command_registrar registrar{
    {"demo", usage,
     "A short tour: requests validated and answered (listing the bundled sample) as the server would",
     run_demo}};

} // namespace
} // namespace apiquery::cli
