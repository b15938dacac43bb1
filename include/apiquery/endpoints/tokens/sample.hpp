// apiquery: a deterministic generator of realistic token records, for demos, tests and benchmarks.
//
// The bundled data/sample-tokens.json is `apiquery sample-data --count 300 --seed 1` (docs/listing.md).
// The same (count, seed) always gives the same records, on every platform: the generator uses its own
// PRNG (SplitMix64) and integer arithmetic only, never <random>'s distributions (whose results differ
// between standard libraries).
#pragma once

#include <apiquery/endpoints/tokens/masking.hpp>
#include <apiquery/endpoints/tokens/record.hpp>
#include <apiquery/value/detail/splitmix64.hpp>
#include <apiquery/value/timestamp.hpp>
#include <apiquery/value/uuid.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace apiquery {

/// What the generator produces, in proportions (of `count`):
/// - workspaces: about 45 % scoped only to `production`, 20 % only to `staging`, 10 % only to one of
///   `analytics`, `dev-sandbox`, `support`; 15 % shared by two workspaces (so not listed by either);
///   10 % with all_workspaces = true (not listed either);
/// - created_at between 2023-01-01 and 2025-12-31 (microsecond precision); every 20th token shares the
///   creation time of the one before (tokens created in one batch), so sort ties exist;
/// - 25 % never expire (`expires` false, `expires_at` null); the others expire 30 to 730 days after
///   creation, so some have expired by 2026 and some have not;
/// - names from a small vocabulary (`ci-deploy`, `airflow-sync`, `notebook-<user>`, ...) with repeats;
///   40 % personal; organization roles ADMIN / MEMBER / EXTERNAL about 25/60/15 %, the deprecated `role`
///   equal to it except for some older tokens (`EDITOR`, `VIEWER`);
/// - a random 48-character secret per token, stored masked (mask_token); UUID v4 api_token_ids.
/// Records come out in creation order of the generator (not sorted).
inline std::vector<token_record> generate_sample_tokens(std::size_t count, std::uint64_t seed) {
    static constexpr std::array<std::string_view, 14> given{
        "Ada",   "Grace", "Alan", "Edsger",   "Barbara", "Donald", "Frances",
        "Linus", "Radia", "Ken",  "Margaret", "Tim",     "Hedy",   "Guido"};
    static constexpr std::array<std::string_view, 14> family{
        "Lovelace", "Hopper",  "Turing",   "Dijkstra", "Liskov",      "Knuth",  "Allen",
        "Torvalds", "Perlman", "Thompson", "Hamilton", "Berners-Lee", "Lamarr", "van Rossum"};
    static constexpr std::array<std::string_view, 12> service_names{
        "ci-deploy", "airflow-sync", "grafana-readonly", "backup-job",  "search-indexer", "etl-nightly",
        "slack-bot", "terraform",    "monitoring",       "data-export", "webhook-relay",  "eval-runner"};
    static constexpr std::array<std::string_view, 3> other_workspaces{"analytics", "dev-sandbox", "support"};
    static constexpr std::string_view alphabet =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    // 2023-01-01T00:00:00Z and the length of three years, in microseconds.
    constexpr std::int64_t start_us = 1672531200LL * 1000000LL;
    constexpr std::int64_t span_us = 1095LL * 86400LL * 1000000LL;
    constexpr std::int64_t day_us = 86400LL * 1000000LL;

    detail::splitmix64 rng(seed);
    std::vector<token_record> out;
    out.reserve(count);
    for (std::size_t i = 0; i < count; ++i) {
        token_record r;
        token& t = r.meta;
        const auto gi = rng.below(given.size());
        const auto fi = rng.below(family.size());
        t.user.given_name = std::string(given[gi]);
        t.user.family_name = std::string(family[fi]);
        t.personal = rng.chance(40);
        if (t.personal) {
            t.name = "notebook-";
            for (char c : given[gi])
                t.name.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
        } else {
            t.name = std::string(service_names[rng.below(service_names.size())]);
            if (rng.chance(30))
                t.name += "-" + std::to_string(1 + rng.below(9));
        }
        const auto role_pick = rng.below(100);
        t.organization_role = role_pick < 25   ? organization_role::admin
                              : role_pick < 85 ? organization_role::member
                                               : organization_role::external;
        t.role = std::string(to_string(t.organization_role));
        if (rng.chance(10))
            t.role = rng.chance(50) ? "EDITOR" : "VIEWER";

        const auto ws = rng.below(100);
        if (ws < 45) {
            t.workspaces = {{"production"}};
        } else if (ws < 65) {
            t.workspaces = {{"staging"}};
        } else if (ws < 75) {
            t.workspaces = {{std::string(other_workspaces[rng.below(other_workspaces.size())])}};
        } else if (ws < 90) {
            t.workspaces = {{"production"}, {rng.chance(50) ? "staging" : "analytics"}};
            if (rng.chance(50))
                std::swap(t.workspaces[0], t.workspaces[1]);
        } else {
            t.all_workspaces = true;
            t.workspaces = {{"production"}};
        }

        if (i % 20 == 19 && !out.empty())
            r.created_at = out.back().created_at;
        else
            r.created_at =
                timestamp::from_unix_micros(start_us + static_cast<std::int64_t>(rng.below(span_us)));
        t.expires = !rng.chance(25);
        if (t.expires) {
            const std::int64_t days = 30 + static_cast<std::int64_t>(rng.below(701));
            t.expires_at = timestamp::from_unix_micros(r.created_at.unix_micros() + days * day_us);
        }

        uuid::bytes_type b{};
        const std::uint64_t hi = rng.next(), lo = rng.next();
        for (int k = 0; k < 8; ++k) {
            b[static_cast<std::size_t>(k)] = static_cast<std::uint8_t>(hi >> (56 - 8 * k));
            b[static_cast<std::size_t>(8 + k)] = static_cast<std::uint8_t>(lo >> (56 - 8 * k));
        }
        b[6] = static_cast<std::uint8_t>((b[6] & 0x0F) | 0x40); // version 4
        b[8] = static_cast<std::uint8_t>((b[8] & 0x3F) | 0x80); // RFC 4122 variant
        t.api_token_id = uuid(b);

        std::string secret = "ak_";
        for (int k = 0; k < 45; ++k)
            secret.push_back(alphabet[rng.below(alphabet.size())]);
        t.masked_token = mask_token(secret);
        out.push_back(std::move(r));
    }
    return out;
}

} // namespace apiquery
