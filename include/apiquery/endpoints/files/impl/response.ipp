// apiquery: implementation of response.hpp.
#pragma once

#include <apiquery/endpoints/files/response.hpp>
#include <apiquery/value/json_text.hpp>

#include <utility>

namespace apiquery {

APIQUERY_DECL std::vector<validation_error> check_file_page(std::string_view body) {
    return check_model_json<file_page>(body);
}

APIQUERY_DECL result<file_page, std::vector<validation_error>> parse_file_page(std::string_view body) {
    return parse_model_json<file_page>(body);
}

APIQUERY_DECL std::string check_files_response_body(std::string_view body) {
    auto errors = check_file_page(body);
    if (errors.empty())
        return {};
    return json_text(http_validation_error{std::move(errors)});
}

} // namespace apiquery
