// apiquery: include this from exactly one source file of a program built with
// APIQUERY_SEPARATE_COMPILATION defined; it holds the definitions of the non-inline functions.
#pragma once

#ifndef APIQUERY_SEPARATE_COMPILATION
#error "apiquery/src.hpp is for programs built with APIQUERY_SEPARATE_COMPILATION defined"
#endif

#define APIQUERY_SOURCE 1
#include <apiquery/config.hpp>
// Implementation files, one per header that has one (keep this list sorted).
#include <apiquery/impl/filter.ipp>
#include <apiquery/impl/filter_ast.ipp>
#include <apiquery/impl/filter_error.ipp>
#include <apiquery/impl/filter_eval.ipp>
#include <apiquery/impl/filter_print.ipp>
#include <apiquery/impl/json_text.ipp>
#include <apiquery/impl/listing.ipp>
#include <apiquery/impl/model_validators.ipp>
#include <apiquery/impl/param.ipp>
#include <apiquery/impl/profile_check.ipp>
#include <apiquery/impl/pydantic_json.ipp>
#include <apiquery/impl/query_string.ipp>
#include <apiquery/impl/response_check.ipp>
#include <apiquery/impl/sql.ipp>
#include <apiquery/impl/sql_filter.ipp>
#include <apiquery/impl/timestamp.ipp>
#include <apiquery/impl/token.ipp>
#include <apiquery/impl/token_record.ipp>
#include <apiquery/impl/tokens_filter.ipp>
#include <apiquery/impl/tokens_request.ipp>
#include <apiquery/impl/tokens_sql.ipp>
#include <apiquery/impl/validation_error.ipp>
