// A capability profile for another endpoint, built at run time, and a few filters checked against it.
//
// The endpoint: `GET /api/v1/invoices`, whose `$filter` supports the comparison operators, `and`, `or`,
// `not` and `in`, the functions `startswith`, `contains` and `tolower`, lambdas over the invoice's tags,
// and these fields. The program prints what it finds and exits 0 only if every filter is accepted or
// rejected as expected.
#include <apiquery/odata/filter.hpp>
#include <apiquery/profile/profile.hpp>
#include <apiquery/profile/profile_check.hpp>

#include <cstdio>
#include <string>
#include <string_view>
#include <variant>

namespace {

apiquery::profile invoices_profile() {
    using apiquery::value_type;
    apiquery::profile p("invoices");
    p.allow(apiquery::comparison_operators)
        .allow(apiquery::logical_operators)
        .allow(apiquery::filter_operator::in)
        .allow(apiquery::function_id::startswith)
        .allow(apiquery::function_id::contains)
        .allow(apiquery::function_id::tolower)
        .allow_lambdas()
        .set_limits({6, 60})
        .add_field("id", value_type::guid)
        .add_field("number", value_type::string)
        .add_field("customer/name", value_type::string)
        .add_field("total", value_type::decimal)
        .add_enum_field("currency", {"EUR", "USD", "GBP"}, {.enum_type = "Billing.Currency"})
        .add_enum_field("status", {"DRAFT", "SENT", "PAID", "VOID"})
        .add_field("issued_at", value_type::datetimeoffset)
        .add_field("due", value_type::date, {.nullable = true})
        .add_field("paid", value_type::boolean)
        .add_field("tags", value_type::string, {.collection = true})
        .add_field("internal_note", value_type::string, {.filterable = false});
    return p;
}

/// One line describing a converted literal value.
std::string describe(const apiquery::typed_value& v, const apiquery::profile_view& p,
                     const apiquery::expr_type& t) {
    using namespace apiquery;
    if (std::holds_alternative<std::monostate>(v))
        return "null";
    if (const auto* b = std::get_if<bool>(&v))
        return *b ? "true" : "false";
    if (const auto* i = std::get_if<std::int64_t>(&v))
        return "int " + std::to_string(*i);
    if (const auto* d = std::get_if<decimal_value>(&v))
        return "decimal " + std::string(d->text);
    if (const auto* s = std::get_if<std::string_view>(&v))
        return "string \"" + std::string(*s) + "\"";
    if (const auto* dt = std::get_if<odata_date>(&v))
        return "date, day " + std::to_string(dt->days) + " since 1970-01-01";
    if (const auto* ts = std::get_if<odata_datetimeoffset>(&v))
        return "instant " + format_timestamp(to_timestamp(*ts));
    if (const auto* id = std::get_if<uuid>(&v))
        return "uuid " + to_string(*id);
    if (const auto* e = std::get_if<enum_value>(&v))
        return "enum #" + std::to_string(e->index) + " of " + std::string(p.fields[t.enum_field].path) +
               " (" + std::string(e->member) + ")";
    return "other";
}

struct expectation {
    std::string_view filter;
    bool accepted;
    std::string_view code; // when rejected
};

} // namespace

int main() {
    const apiquery::profile profile = invoices_profile();
    if (!profile.defect().ok()) {
        std::printf("profile defect: %s\n", std::string(profile.defect().message).c_str());
        return 1;
    }
    const expectation cases[] = {
        {"status in ('SENT', 'PAID') and total ge 100", true, ""},
        {"issued_at ge '2025-01-01' and (due eq null or due lt 2025-03-31)", true, ""},
        {"currency eq Billing.Currency'EUR' and not paid", true, ""},
        {"startswith(tolower(customer/name), 'acme') and tags/any(t: t eq 'priority')", true, ""},
        {"id eq '6f1c2d9e-8a7b-4c3d-9e2f-1a2b3c4d5e6f'", true, ""},
        {"status eq 'paid'", false, "invalid_value"},
        {"total eq 'a lot'", false, "type_mismatch"},
        {"internal_note eq 'x'", false, "field_not_filterable"},
        {"custmer/name eq 'Acme'", false, "unknown_field"},
        {"endswith(number, '-01')", false, "unsupported_function"},
        {"total add 10 gt 100", false, "unsupported_operator"},
        {"issued_at eq null", false, "null_not_allowed"},
    };
    int failures = 0;
    for (const auto& c : cases) {
        std::printf("%.*s\n", static_cast<int>(c.filter.size()), c.filter.data());
        auto ast = apiquery::parse_filter(c.filter);
        if (!ast) {
            std::printf("  parse error at %zu: %s\n", ast.error().position, ast.error().message.c_str());
            ++failures;
            continue;
        }
        const auto checked = apiquery::check_filter(std::move(*ast), profile);
        if (checked) {
            std::printf("  accepted\n");
            for (apiquery::node_id id : checked->ast().ids()) {
                if (checked->ast().kind(id) != apiquery::node_kind::literal)
                    continue;
                const auto span = checked->ast().span(id);
                std::printf("    %.*s -> %s\n", static_cast<int>(span.end - span.begin),
                            c.filter.data() + span.begin,
                            describe(checked->value(id), profile, checked->type(id)).c_str());
            }
        } else {
            const auto& e = checked.error();
            std::printf("  rejected: %s [%u, %u): %s\n", std::string(to_string(e.code)).c_str(), e.span.begin,
                        e.span.end, e.message.c_str());
        }
        const bool as_expected =
            checked.has_value() == c.accepted && (c.accepted || to_string(checked.error().code) == c.code);
        if (!as_expected) {
            std::printf("  UNEXPECTED (expected %s)\n",
                        c.accepted ? "acceptance" : std::string(c.code).c_str());
            ++failures;
        }
    }
    std::printf("%d unexpected result(s)\n", failures);
    return failures == 0 ? 0 : 1;
}
