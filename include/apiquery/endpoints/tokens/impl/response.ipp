// apiquery: implementation of response_check.hpp.
#pragma once

#include <apiquery/endpoints/tokens/response.hpp>
#include <apiquery/value/json_text.hpp>

namespace apiquery {

APIQUERY_DECL std::vector<validation_error> check_token_page(std::string_view body,
                                                             const check_options& options) {
    return check_model_json<token_page>(body, options);
}

APIQUERY_DECL result<token_page, std::vector<validation_error>>
parse_token_page(std::string_view body, const check_options& options) {
    return parse_model_json<token_page>(body, options);
}

APIQUERY_DECL std::string check_response_body(std::string_view body, const check_options& options) {
    auto errors = check_token_page(body, options);
    if (errors.empty())
        return {};
    return json_text(http_validation_error{std::move(errors)});
}

} // namespace apiquery
