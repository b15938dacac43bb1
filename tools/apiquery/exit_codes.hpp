// The exit statuses of the apiquery command-line program, for all its commands (the numbers from 64 on
// are those of <sysexits.h>).
#pragma once

namespace apiquery::cli {

/// All commands: success (filter: EXPR accepted; validate, list: 200; check-response, timestamp: all valid).
inline constexpr int exit_ok = 0;
/// filter: EXPR does not parse, or the profile or the SQL translation refuses it.
inline constexpr int exit_rejected = 1;
/// validate, list, get: a 422; check-response: a body has errors; timestamp: a TEXT is rejected.
inline constexpr int exit_invalid = 2;
/// validate, list: the target does not reach the endpoint (404); get: a 404, or (--all) a URL whose path
/// reaches no declared endpoint.
inline constexpr int exit_not_routed = 3;
/// get: another 4xx status (401, 405, ...).
inline constexpr int exit_http_client_error = 4;
/// get: a 5xx status.
inline constexpr int exit_http_server_error = 5;
/// get: a status of no other class: 1xx, 3xx (redirects are not followed); with --all, a 2xx but 200.
inline constexpr int exit_http_other = 6;
/// All commands: bad command line, with a message on standard error (EX_USAGE).
inline constexpr int exit_usage = 64;
/// list, sqlite-load: the data file is not token records; list --sqlite: not a tokens database; get --all:
/// a page fails the endpoint's check, is not a page, or its cursor does not advance (EX_DATAERR).
inline constexpr int exit_data = 65;
/// list, sqlite-load, check-response: an input file cannot be read; get: the --cacert file (EX_NOINPUT).
inline constexpr int exit_io = 66;
/// get: the host cannot be resolved or reached, or the connection broke; serve: the address cannot be
/// bound (in use, or not this machine's) (EX_UNAVAILABLE).
inline constexpr int exit_unavailable = 69;
/// All commands: internal error, an exception reached main (EX_SOFTWARE).
inline constexpr int exit_software = 70;
/// sqlite-load: OUT.db exists already or cannot be created (EX_CANTCREAT).
inline constexpr int exit_cantcreat = 73;
/// get: a timeout expired: connecting, the TLS handshake, or a request (EX_TEMPFAIL).
inline constexpr int exit_timeout = 75;
/// get: the answer is not an HTTP/1.x response, its body is larger than --max-body, or it ends early
/// (EX_PROTOCOL).
inline constexpr int exit_protocol = 76;
/// get: TLS failed: the server's certificate is not trusted or not for the host, or no TLS handshake
/// (EX_NOPERM).
inline constexpr int exit_tls = 77;

} // namespace apiquery::cli
