// apiquery: the umbrella header. Includes every public header of the library.
//
// Prefer including the one header you need (each is documented on its own): this one pulls in the
// PEGTL-based parsers and Boost.JSON. The layers, bottom to top:
//
//   values     result, big_int, calendar, timestamp, odata_time, uuid, json_text
//   filter     filter_ast, filter_error, filter (PEGTL parser), filter_print
//   profiles   profile, profile_check
//   requests   query_string, lax_int, param, validation_error, tokens_filter, tokens_request
//   models     pydantic_json, model_check, token, token_record, paginated_result,
//              http_validation_error, response_check, masking
//   listing    filter_eval, listing, sample_tokens
//   SQL        sql_filter, sql, tokens_sql
#pragma once

#include <apiquery/config.hpp>
#include <apiquery/result.hpp>

#include <apiquery/big_int.hpp>
#include <apiquery/calendar.hpp>
#include <apiquery/json_text.hpp>
#include <apiquery/odata_time.hpp>
#include <apiquery/timestamp.hpp>
#include <apiquery/uuid.hpp>

#include <apiquery/edm.hpp>
#include <apiquery/filter.hpp>
#include <apiquery/filter_ast.hpp>
#include <apiquery/filter_error.hpp>
#include <apiquery/filter_print.hpp>

#include <apiquery/profile.hpp>
#include <apiquery/profile_check.hpp>

#include <apiquery/lax_int.hpp>
#include <apiquery/param.hpp>
#include <apiquery/query_string.hpp>
#include <apiquery/tokens_filter.hpp>
#include <apiquery/tokens_request.hpp>
#include <apiquery/validation_error.hpp>

#include <apiquery/http_validation_error.hpp>
#include <apiquery/masking.hpp>
#include <apiquery/model_check.hpp>
#include <apiquery/paginated_result.hpp>
#include <apiquery/pydantic_json.hpp>
#include <apiquery/response_check.hpp>
#include <apiquery/token.hpp>
#include <apiquery/token_record.hpp>

#include <apiquery/filter_eval.hpp>
#include <apiquery/listing.hpp>
#include <apiquery/sample_tokens.hpp>

#include <apiquery/sql.hpp>
#include <apiquery/sql_filter.hpp>
#include <apiquery/tokens_sql.hpp>
