// apiquery: the umbrella header. Includes every public header of the library.
//
// Prefer including the one header you need (each is documented on its own): this one pulls in the
// PEGTL-based parsers and Boost.JSON. The layers, bottom to top, one folder each (docs/architecture.md):
//
//   value/      result, big_int, calendar, timestamp, odata_time, lax_int, uuid, json_text
//   odata/      edm, filter_ast, filter_error, filter (PEGTL parser), filter_print
//   profile/    profile, profile_check
//   request/    query_string, param, validation_error, route, query_reading, endpoint
//   model/      pydantic_json, model_check, paginated_result, http_validation_error, page_walk
//   eval/       filter_eval
//   listing/    page (the page rules: scope, filter, cursor, window, order; prepare_filter)
//   sql/        sql_filter, sql, cell, listing_plan, postgres_text
//   service/    handler (an HTTP server's transport-agnostic core)
//
// and the endpoints, each one folder of declarations over those layers:
//
//   endpoints/tokens/   Get Workspace Tokens: endpoint, profile, filter, request, model, record, masking,
//                       response, listing, sample, table, service
//   endpoints/files/    List Files: profile
//   endpoints/all.hpp   the table of the built-in endpoints
#pragma once

#include <apiquery/config.hpp>

#include <apiquery/value/big_int.hpp>
#include <apiquery/value/calendar.hpp>
#include <apiquery/value/json_text.hpp>
#include <apiquery/value/lax_int.hpp>
#include <apiquery/value/odata_time.hpp>
#include <apiquery/value/result.hpp>
#include <apiquery/value/timestamp.hpp>
#include <apiquery/value/uuid.hpp>

#include <apiquery/odata/edm.hpp>
#include <apiquery/odata/filter.hpp>
#include <apiquery/odata/filter_ast.hpp>
#include <apiquery/odata/filter_error.hpp>
#include <apiquery/odata/filter_print.hpp>

#include <apiquery/profile/profile.hpp>
#include <apiquery/profile/profile_check.hpp>

#include <apiquery/request/endpoint.hpp>
#include <apiquery/request/param.hpp>
#include <apiquery/request/query_reading.hpp>
#include <apiquery/request/query_string.hpp>
#include <apiquery/request/route.hpp>
#include <apiquery/request/sort_order.hpp>
#include <apiquery/request/target.hpp>
#include <apiquery/request/validation_error.hpp>

#include <apiquery/model/http_validation_error.hpp>
#include <apiquery/model/model_check.hpp>
#include <apiquery/model/page_walk.hpp>
#include <apiquery/model/paginated_result.hpp>
#include <apiquery/model/pydantic_json.hpp>

#include <apiquery/eval/filter_eval.hpp>
#include <apiquery/eval/json_filter.hpp>

#include <apiquery/listing/page.hpp>

#include <apiquery/sql/cell.hpp>
#include <apiquery/sql/json_filter.hpp>
#include <apiquery/sql/listing_plan.hpp>
#include <apiquery/sql/postgres_text.hpp>
#include <apiquery/sql/sql.hpp>
#include <apiquery/sql/sql_filter.hpp>

#include <apiquery/service/handler.hpp>

#include <apiquery/endpoints/tokens/endpoint.hpp>
#include <apiquery/endpoints/tokens/filter.hpp>
#include <apiquery/endpoints/tokens/listing.hpp>
#include <apiquery/endpoints/tokens/masking.hpp>
#include <apiquery/endpoints/tokens/model.hpp>
#include <apiquery/endpoints/tokens/profile.hpp>
#include <apiquery/endpoints/tokens/record.hpp>
#include <apiquery/endpoints/tokens/request.hpp>
#include <apiquery/endpoints/tokens/response.hpp>
#include <apiquery/endpoints/tokens/sample.hpp>
#include <apiquery/endpoints/tokens/service.hpp>
#include <apiquery/endpoints/tokens/table.hpp>

#include <apiquery/endpoints/files/endpoint.hpp>
#include <apiquery/endpoints/files/filter.hpp>
#include <apiquery/endpoints/files/listing.hpp>
#include <apiquery/endpoints/files/model.hpp>
#include <apiquery/endpoints/files/profile.hpp>
#include <apiquery/endpoints/files/record.hpp>
#include <apiquery/endpoints/files/request.hpp>
#include <apiquery/endpoints/files/response.hpp>
#include <apiquery/endpoints/files/sample.hpp>
#include <apiquery/endpoints/files/service.hpp>
#include <apiquery/endpoints/files/table.hpp>

#include <apiquery/endpoints/all.hpp>
