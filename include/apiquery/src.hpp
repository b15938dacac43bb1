// apiquery: include this from exactly one source file of a program built with
// APIQUERY_SEPARATE_COMPILATION defined; it holds the definitions of the non-inline functions.
#pragma once

#ifndef APIQUERY_SEPARATE_COMPILATION
#error "apiquery/src.hpp is for programs built with APIQUERY_SEPARATE_COMPILATION defined"
#endif

#define APIQUERY_SOURCE 1
#include <apiquery/config.hpp>
// Implementation files, one per header that has one (keep this list sorted).
#include <apiquery/endpoints/files/impl/filter.ipp>
#include <apiquery/endpoints/files/impl/listing.ipp>
#include <apiquery/endpoints/files/impl/model.ipp>
#include <apiquery/endpoints/files/impl/record.ipp>
#include <apiquery/endpoints/files/impl/request.ipp>
#include <apiquery/endpoints/files/impl/response.ipp>
#include <apiquery/endpoints/files/impl/service.ipp>
#include <apiquery/endpoints/files/impl/table.ipp>
#include <apiquery/endpoints/tokens/impl/filter.ipp>
#include <apiquery/endpoints/tokens/impl/listing.ipp>
#include <apiquery/endpoints/tokens/impl/model.ipp>
#include <apiquery/endpoints/tokens/impl/record.ipp>
#include <apiquery/endpoints/tokens/impl/request.ipp>
#include <apiquery/endpoints/tokens/impl/response.ipp>
#include <apiquery/endpoints/tokens/impl/service.ipp>
#include <apiquery/endpoints/tokens/impl/table.ipp>
#include <apiquery/eval/impl/filter_eval.ipp>
#include <apiquery/eval/impl/json_filter.ipp>
#include <apiquery/listing/impl/page.ipp>
#include <apiquery/model/impl/model_validators.ipp>
#include <apiquery/model/impl/page_walk.ipp>
#include <apiquery/model/impl/pydantic_json.ipp>
#include <apiquery/odata/impl/filter.ipp>
#include <apiquery/odata/impl/filter_ast.ipp>
#include <apiquery/odata/impl/filter_error.ipp>
#include <apiquery/odata/impl/filter_print.ipp>
#include <apiquery/profile/impl/profile_check.ipp>
#include <apiquery/request/impl/endpoint.ipp>
#include <apiquery/request/impl/param.ipp>
#include <apiquery/request/impl/query_string.ipp>
#include <apiquery/request/impl/route.ipp>
#include <apiquery/request/impl/validation_error.ipp>
#include <apiquery/service/impl/handler.ipp>
#include <apiquery/sql/impl/json_filter.ipp>
#include <apiquery/sql/impl/listing_plan.ipp>
#include <apiquery/sql/impl/sql.ipp>
#include <apiquery/sql/impl/sql_filter.ipp>
#include <apiquery/value/impl/json_instant.ipp>
#include <apiquery/value/impl/json_text.ipp>
#include <apiquery/value/impl/timestamp.ipp>
