// apiquery serve: what the command line sets (docs/serve.md, "Flags" and "Limits"). Plain data, no
// transport types, so that the command, the data sources and the server share it.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>
#include <vector>

namespace apiquery::cli::serve {

/// Where the records come from (one of them for the whole server).
enum class backend {
    sample_sqlite, ///< default: an in-memory SQLite database per thread, loaded with the bundled samples
    memory,        ///< --data ENDPOINT=FILE.json (endpoints not named: their bundled sample), in memory
    sqlite,        ///< --sqlite FILE (made by apiquery sqlite-load), one read-only connection per thread
    postgres,      ///< --postgres CONNINFO (loaded by apiquery sqlite-load --postgres), one per thread
};

/// `--data ENDPOINT=FILE`.
struct data_file {
    std::string endpoint;
    std::string file;
};

/// Resource limits of the transport. Every one is a flag; the defaults are those of docs/serve.md.
struct limits {
    /// Request line plus header fields, in bytes (--max-header-bytes): beyond, 431 and close.
    std::size_t header_bytes = 8192;
    /// Request target, in bytes (--max-target-bytes): beyond, 414 and close. A request line that alone
    /// is longer than header_bytes is 414 as well (its target is what makes it long).
    std::size_t target_bytes = 8192;
    /// Request body, in bytes (--max-body-bytes): a longer body (GET takes none) is 413 and close.
    std::size_t body_bytes = 1024;
    /// From the first byte of a request to its last header byte (--header-timeout, seconds).
    std::chrono::milliseconds header_timeout{10000};
    /// Waiting for the next request on a kept-alive connection, or the first one (--idle-timeout).
    std::chrono::milliseconds idle_timeout{5000};
    /// Writing one response (--write-timeout): a client that does not read is dropped.
    std::chrono::milliseconds write_timeout{10000};
    /// Open connections (--max-connections): one more is answered 503 (plain HTTP) and closed at once.
    std::size_t connections = 1024;
    /// After SIGINT/SIGTERM, how long requests in flight may take before the server exits anyway
    /// (--shutdown-timeout).
    std::chrono::milliseconds shutdown_timeout{10000};
};

/// Everything `apiquery serve` was told.
struct options {
    std::string host = "127.0.0.1";
    unsigned short port = 8000;
    unsigned threads = 0; ///< 0: the number of hardware threads
    backend source = backend::sample_sqlite;
    std::vector<data_file> data;
    std::string sqlite_file;
    std::string postgres_conninfo;
    std::vector<std::string> api_keys;
    std::string tls_cert;
    std::string tls_key;
    bool access_log = false;
    struct limits limits;
};

} // namespace apiquery::cli::serve
