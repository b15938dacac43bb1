// apiquery serve: the data sources (see data_sources.hpp).
#include "data_sources.hpp"

#include "../exit_codes.hpp"
#include "../file_data.hpp"
#include "../sqlite_files.hpp"
#include "../sqlite_tokens.hpp"
#include "../token_data.hpp"
#include "connection_pool.hpp"
#include "sqlite_connection.hpp"

#include <apiquery/endpoints/all.hpp>
#include <apiquery/endpoints/files/service.hpp>
#include <apiquery/endpoints/tokens/service.hpp>

#include <filesystem>
#include <stdexcept>
#include <utility>

namespace apiquery::cli::serve {
namespace {

// --- Get Workspace Tokens ----------------------------------------------------------------------------

class token_records final : public endpoint_records {
public:
    explicit token_records(std::vector<token_record> records) : records_(std::move(records)) {}
    served_endpoint serve() const override { return serve_tokens(records_); }
    void load(detail::sqlite_db& db) const override { load_tokens_sqlite(db, records_); }

private:
    std::vector<token_record> records_;
};

std::unique_ptr<endpoint_records> load_tokens(std::string_view file, std::ostream& err, int& status) {
    auto records = load_token_data("serve", file, err, status);
    if (!records)
        return nullptr;
    return std::make_unique<token_records>(std::move(*records));
}

served_endpoint serve_tokens_over(sql::dialect d, sql::executor run) {
    return serve_tokens_sql(d, std::move(run));
}

// --- List Files --------------------------------------------------------------------------------------

class files_records final : public endpoint_records {
public:
    explicit files_records(std::vector<file_record> records) : records_(std::move(records)) {}
    served_endpoint serve() const override { return serve_files(records_); }
    void load(detail::sqlite_db& db) const override { load_files_sqlite(db, records_); }

private:
    std::vector<file_record> records_;
};

std::unique_ptr<endpoint_records> load_files(std::string_view file, std::ostream& err, int& status) {
    auto records = load_file_data("serve", file, err, status);
    if (!records)
        return nullptr;
    return std::make_unique<files_records>(std::move(*records));
}

served_endpoint serve_files_over(sql::dialect d, sql::executor run) {
    return serve_files_sql(d, std::move(run));
}

// One entry per built-in endpoint, in the order of builtin_endpoints (checked at compile time below).
constexpr endpoint_source sources[] = {
    {"tokens", &load_tokens, &serve_tokens_over, "/api/v1/workspaces/default/token?limit=1", "tokens"},
    {"files", &load_files, &serve_files_over, "/api/v1/workspaces/default/files?limit=1", "files"},
};

constexpr bool sources_match_builtin_endpoints() {
    if (std::size(sources) != builtin_endpoints.size())
        return false;
    for (std::size_t i = 0; i < builtin_endpoints.size(); ++i)
        if (sources[i].name != builtin_endpoints[i].name)
            return false;
    return true;
}
static_assert(sources_match_builtin_endpoints(),
              "apiquery serve: endpoint_sources() needs one entry per built-in endpoint, in their order");

// -----------------------------------------------------------------------------------------------------

/// `e` whose answer function also keeps `keep` alive.
template <class T>
served_endpoint keeping(served_endpoint e, std::shared_ptr<T> keep) {
    e.answer = [inner = std::move(e.answer), keep = std::move(keep)](std::string_view target) {
        return inner(target);
    };
    return e;
}

/// Whether the database behind `run` has the table `name`.
bool has_table(sql::dialect d, const sql::executor& run, std::string_view name) {
    sql::statement s;
    if (d == sql::dialect::sqlite)
        s.text = "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1";
    else
        s.text = "SELECT 1 WHERE to_regclass(quote_ident($1::text)) IS NOT NULL";
    s.params.emplace_back(std::string(name));
    bool found = false;
    run(s, [&](std::span<const sql::cell>) { found = true; });
    return found;
}

/// The endpoints of `sources` whose table the database has, each over `run`; the others are named on
/// `err` (they are not served: their paths answer 404). None at all is an error.
std::optional<std::vector<std::pair<std::size_t, served_endpoint>>>
serve_tables(sql::dialect d, const sql::executor& run, std::string_view where, std::ostream& err,
             int& status) {
    std::vector<std::pair<std::size_t, served_endpoint>> out;
    for (std::size_t i = 0; i < std::size(sources); ++i) {
        bool present = false;
        try {
            present = has_table(d, run, sources[i].table);
        } catch (const std::exception& e) {
            err << "apiquery serve: " << where << ": " << e.what() << '\n';
            status = exit_data;
            return std::nullopt;
        }
        if (present)
            out.emplace_back(i, sources[i].serve_sql(d, run));
        else
            err << "apiquery serve: " << where << " has no " << sources[i].table << " table: the "
                << sources[i].name << " endpoint is not served (apiquery sqlite-load --endpoint "
                << sources[i].name << " makes it)\n";
    }
    if (out.empty()) {
        err << "apiquery serve: " << where << " has the table of no endpoint\n";
        status = exit_data;
        return std::nullopt;
    }
    return out;
}

/// An executor running each statement on the calling thread's SQLite connection.
sql::executor sqlite_executor(std::shared_ptr<per_thread_connections<sqlite_connection>> pool) {
    return [pool = std::move(pool)](const sql::statement& s, const sql::row_callback& on_row) {
        pool->get().run(s, on_row);
    };
}

} // namespace

std::span<const endpoint_source> endpoint_sources() {
    return sources;
}

std::optional<std::vector<served_endpoint>> make_endpoints(const options& o, std::ostream& err, int& status) {
    if (std::size(sources) != builtin_endpoints.size())
        throw std::logic_error("apiquery serve: endpoint_sources() does not list every built-in endpoint");
    for (std::size_t i = 0; i < builtin_endpoints.size(); ++i)
        if (sources[i].name != builtin_endpoints[i].name)
            throw std::logic_error(
                "apiquery serve: endpoint_sources() is not in the order of builtin_endpoints");
    for (const auto& d : o.data)
        if (find_endpoint(builtin_endpoints, d.endpoint) == nullptr) {
            err << "apiquery serve: --data " << d.endpoint << "=" << d.file << ": unknown endpoint '"
                << d.endpoint << "'\n";
            status = exit_usage;
            return std::nullopt;
        }

    // (index in sources, endpoint) of every endpoint served
    std::vector<std::pair<std::size_t, served_endpoint>> out;
    switch (o.source) {
    case backend::memory:
    case backend::sample_sqlite: {
        // Every endpoint's records: its --data file, else its bundled sample.
        std::vector<std::shared_ptr<const endpoint_records>> all;
        for (const auto& s : sources) {
            std::string_view file;
            for (const auto& d : o.data)
                if (d.endpoint == s.name)
                    file = d.file;
            auto r = s.load(file, err, status);
            if (!r)
                return std::nullopt;
            all.push_back(std::move(r));
        }
        if (o.source == backend::memory) {
            for (std::size_t i = 0; i < all.size(); ++i)
                out.emplace_back(i, keeping(all[i]->serve(), all[i]));
            break;
        }
        // An in-memory SQLite database per thread, each loaded with every endpoint's records.
        auto pool = std::make_shared<per_thread_connections<sqlite_connection>>([all] {
            auto c = std::make_unique<sqlite_connection>(detail::sqlite_db(":memory:"), false);
            for (const auto& r : all)
                r->load(c->db());
            return c;
        });
        for (std::size_t i = 0; i < std::size(sources); ++i)
            out.emplace_back(i, sources[i].serve_sql(sql::dialect::sqlite, sqlite_executor(pool)));
        break;
    }
    case backend::sqlite: {
        std::error_code ec;
        if (!std::filesystem::is_regular_file(o.sqlite_file, ec)) {
            err << "apiquery serve: cannot read " << o.sqlite_file << '\n';
            status = exit_io;
            return std::nullopt;
        }
        auto pool = std::make_shared<per_thread_connections<sqlite_connection>>([file = o.sqlite_file] {
            return std::make_unique<sqlite_connection>(
                detail::sqlite_db(file, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX), true);
        });
        auto served = serve_tables(sql::dialect::sqlite, sqlite_executor(pool), o.sqlite_file, err, status);
        if (!served)
            return std::nullopt;
        out = std::move(*served);
        break;
    }
    case backend::postgres: {
#if APIQUERY_HAVE_LIBPQ
        auto pool = std::make_shared<per_thread_connections<postgres_db>>(
            [conninfo = o.postgres_conninfo] { return std::make_unique<postgres_db>(conninfo); });
        sql::executor run = [pool](const sql::statement& s, const sql::row_callback& on_row) {
            pool->get().query(s, on_row);
        };
        auto served = serve_tables(sql::dialect::postgresql, run, "the PostgreSQL database", err, status);
        if (!served)
            return std::nullopt;
        out = std::move(*served);
        break;
#else
        err << "apiquery serve: --postgres: this apiquery was built without libpq (install libpq-dev and "
               "rebuild)\n";
        status = exit_usage;
        return std::nullopt;
#endif
    }
    }

    // Every endpoint answers its probe now, so that a wrong file or database fails at start-up.
    for (const auto& [i, endpoint] : out) {
        try {
            const auto r = endpoint.answer(sources[i].probe_target);
            if (r.status != 200) {
                err << "apiquery serve: the " << sources[i].name << " data does not answer "
                    << sources[i].probe_target << " (status " << r.status << "): " << r.body << '\n';
                status = exit_data;
                return std::nullopt;
            }
        } catch (const std::exception& e) {
            err << "apiquery serve: the " << sources[i].name << " data: " << e.what() << '\n';
            status = exit_data;
            return std::nullopt;
        }
    }
    std::vector<served_endpoint> endpoints;
    for (auto& p : out)
        endpoints.push_back(std::move(p.second));
    return endpoints;
}

} // namespace apiquery::cli::serve
