// The exit statuses of the apiquery command-line program, for all its commands (the numbers from 64 on
// are those of <sysexits.h>).
#pragma once

namespace apiquery::cli {

/// All commands: success (filter: EXPR accepted; validate, list: 200; check-response, timestamp: all valid).
inline constexpr int exit_ok = 0;
/// filter: EXPR does not parse, or the profile or the SQL translation refuses it.
inline constexpr int exit_rejected = 1;
/// validate, list: a 422; check-response: a body has errors; timestamp: a TEXT is rejected.
inline constexpr int exit_invalid = 2;
/// validate, list: the target does not reach the endpoint (404).
inline constexpr int exit_not_routed = 3;
/// All commands: bad command line, with a message on standard error (EX_USAGE).
inline constexpr int exit_usage = 64;
/// list, sqlite-load: the data file is not token records; list --sqlite: not a tokens database (EX_DATAERR).
inline constexpr int exit_data = 65;
/// list, sqlite-load, check-response: an input file cannot be read (EX_NOINPUT).
inline constexpr int exit_io = 66;
/// serve: the address cannot be bound (in use, or not this machine's) (EX_UNAVAILABLE).
inline constexpr int exit_unavailable = 69;
/// All commands: internal error, an exception reached main (EX_SOFTWARE).
inline constexpr int exit_software = 70;
/// sqlite-load: OUT.db exists already or cannot be created (EX_CANTCREAT).
inline constexpr int exit_cantcreat = 73;

} // namespace apiquery::cli
