// Random filters over the token fields, for the property tests of the evaluator and the tokens listing (tests/eval, tests/endpoints/tokens).
#pragma once

#include <apiquery/endpoints/tokens/sample.hpp>
#include <apiquery/value/timestamp.hpp>

#include <array>
#include <string>
#include <string_view>
#include <vector>

namespace apiquery::test {

/// Random filter texts over the fields of a token record. `tokens_profile`: only `eq`, `ge` and `and`
/// (what the endpoint accepts); otherwise the wider language (ne gt lt le, or, not, in, functions,
/// arithmetic, lambdas) that the `full` profile allows.
class filter_generator {
public:
    filter_generator(std::uint64_t seed, const std::vector<token_record>& sample)
        : rng_(seed), sample_(sample) {}

    std::string next(bool tokens_profile) {
        const int clauses = 1 + static_cast<int>(rng_.below(3));
        std::string out;
        for (int i = 0; i < clauses; ++i) {
            if (i > 0)
                out += tokens_profile || rng_.chance(60) ? " and " : " or ";
            std::string c = tokens_profile ? simple_clause(true) : full_clause();
            if (!tokens_profile && rng_.chance(15))
                c = "not (" + c + ")";
            out += c;
        }
        return out;
    }

private:
    const token_record& any_record() { return sample_[rng_.below(sample_.size())]; }

    std::string quoted(std::string_view s) {
        std::string out = "'";
        for (char c : s) {
            out.push_back(c);
            if (c == '\'')
                out.push_back('\'');
        }
        return out + "'";
    }

    std::string instant_literal(const timestamp& t, bool allow_forms) {
        std::string text = format_timestamp(t);
        if (!allow_forms)
            return text;
        switch (rng_.below(4)) {
        case 0:
            return text.substr(0, 10); // a date literal: midnight UTC
        case 1:
            return quoted(text); // a quoted ISO 8601 string
        case 2:
            return text.substr(0, 19) + "+02:00"; // another offset
        default:
            return text;
        }
    }

    std::string op(bool tokens_profile) {
        if (tokens_profile)
            return rng_.chance(50) ? " eq " : " ge ";
        static constexpr std::array<std::string_view, 6> ops{" eq ", " ne ", " gt ", " ge ", " lt ", " le "};
        return std::string(ops[rng_.below(ops.size())]);
    }

    /// eq (or ne): booleans and enums take equality only (profiles reject ordering them).
    std::string eq_op(bool tokens_profile) { return tokens_profile || rng_.chance(50) ? " eq " : " ne "; }

    std::string simple_clause(bool tokens_profile) {
        const token_record& r = any_record();
        const std::string o = op(tokens_profile);
        switch (rng_.below(11)) {
        case 0:
            return "name" + o + quoted(r.meta.name);
        case 1:
            return "role" + o + quoted(r.meta.role);
        case 2:
            return "organization_role" + eq_op(tokens_profile) + quoted(to_string(r.meta.organization_role));
        case 3:
            return "personal" + eq_op(tokens_profile) + (rng_.chance(50) ? "true" : "false");
        case 4:
            return "expires" + eq_op(tokens_profile) + (rng_.chance(50) ? "true" : "false");
        case 5:
            if (rng_.chance(20))
                return "expires_at eq null";
            return "expires_at" + o + instant_literal(r.meta.expires_at.value_or(r.created_at), true);
        case 6:
            return "created_at" + o + instant_literal(r.created_at, true);
        case 7:
            return "api_token_id" + o + to_string(r.meta.api_token_id);
        case 8:
            return "all_workspaces" + eq_op(tokens_profile) + (rng_.chance(50) ? "true" : "false");
        case 9:
            return "user/given_name" + o + quoted(r.meta.user.given_name);
        default:
            return "user/family_name" + o + quoted(r.meta.user.family_name);
        }
    }

    std::string full_clause() {
        const token_record& r = any_record();
        switch (rng_.below(16)) {
        case 0:
            return "contains(name," + quoted(r.meta.name.substr(0, 3)) + ")";
        case 1:
            return "startswith(tolower(role)," + quoted(rng_.chance(50) ? "ad" : "me") + ")";
        case 2:
            return "length(name)" + op(false) + std::to_string(5 + rng_.below(12));
        case 3:
            return "year(created_at)" + op(false) + std::to_string(2023 + rng_.below(3));
        case 4:
            return "workspaces/any(w: w/name eq " + quoted(rng_.chance(50) ? "production" : "staging") + ")";
        case 5:
            return "workspaces/all(w: startswith(w/name,'p'))";
        case 6:
            return "organization_role in ('ADMIN', " + quoted(to_string(r.meta.organization_role)) + ")";
        case 7:
            return "month(expires_at) add 1" + op(false) + std::to_string(2 + rng_.below(12));
        case 8:
            return "expires_at" + op(false) + "created_at add duration'P" +
                   std::to_string(30 + rng_.below(700)) + "D'";
        case 9:
            return "indexof(user/family_name," + quoted(r.meta.user.family_name.substr(1, 2)) + ") eq 1";
        case 10:
            return "expires_at ne null";
        case 11:
            return "length(workspaces) gt 1";
        case 12:
            return "hour(created_at) mod 2 eq 0";
        case 13:
            return "substring(name, 1, 3) eq " + quoted(r.meta.name.substr(1, 3));
        case 14:
            return "(" + simple_clause(false) + " or " + simple_clause(false) + ")";
        default:
            return simple_clause(false);
        }
    }

    apiquery::detail::splitmix64 rng_;
    const std::vector<token_record>& sample_;
};

} // namespace apiquery::test
