// apiquery serve: the data of every built-in endpoint, from the backend the command line chose, as the
// served_endpoint list of the request handler. One entry per built-in endpoint (endpoint_sources(), in
// the order of builtin_endpoints): an endpoint added to the library is served by adding its entry.
#pragma once

#include "../postgres_db.hpp"
#include "options.hpp"

#include <apiquery/service/handler.hpp>
#include <apiquery/sql/detail/sqlite_db.hpp>

#include <memory>
#include <optional>
#include <ostream>
#include <span>
#include <string>
#include <string_view>

namespace apiquery::cli::serve {

/// An endpoint's records, loaded from a data file or its bundled sample.
class endpoint_records {
public:
    virtual ~endpoint_records() = default;
    /// The endpoint over these records in memory (which must outlive it). Thread-safe.
    [[nodiscard]] virtual served_endpoint serve() const = 0;
    /// Creates the endpoint's table in `db` and inserts the records.
    virtual void load(detail::sqlite_db& db) const = 0;
};

/// How one built-in endpoint is served.
struct endpoint_source {
    std::string_view name; ///< as in builtin_endpoints
    /// Loads the records of `file` (empty: the bundled sample); nullptr after printing
    /// `apiquery serve: ...` to `err` and setting `status`.
    std::unique_ptr<endpoint_records> (*load)(std::string_view file, std::ostream& err, int& status);
    /// The endpoint over its table, through `run` (called from every server thread).
    served_endpoint (*serve_sql)(sql::dialect d, sql::executor run);
    /// A target the endpoint answers 200 on any data, asked once at start-up to check the data source.
    std::string_view probe_target;
    /// Its table in a database (--sqlite, --postgres): an endpoint whose table is missing is not served.
    std::string_view table;
};

/// The entries, in the order of builtin_endpoints (a static_assert checks it).
std::span<const endpoint_source> endpoint_sources();

/// The endpoints the server answers, over the data `o` names. nullopt after printing why to `err` and
/// setting `status` (an exit code of exit_codes.hpp).
std::optional<std::vector<served_endpoint>> make_endpoints(const options& o, std::ostream& err, int& status);

} // namespace apiquery::cli::serve
