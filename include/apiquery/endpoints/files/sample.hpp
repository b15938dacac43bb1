// apiquery: a deterministic generator of file records with deliberately mixed metadata, for demos,
// tests and benchmarks.
//
// The bundled data/sample-files.json is `apiquery sample-data --endpoint files --count 300 --seed 1`.
// The same (count, seed) always gives the same records on every platform (its own PRNG, SplitMix64, and
// integer arithmetic only).
#pragma once

#include <apiquery/endpoints/files/record.hpp>
#include <apiquery/value/detail/splitmix64.hpp>
#include <apiquery/value/detail/utf8.hpp>
#include <apiquery/value/timestamp.hpp>
#include <apiquery/value/uuid.hpp>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/string.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace apiquery {

/// What the generator produces (proportions of `count`, roughly):
/// - workspaces: 70 % `production`, 15 % `staging`, 15 % `research` or `legal-archive`;
/// - created_at between 2024-01-01 and 2025-12-31: most in UTC (`Z`), some written with `+02:00` or
///   `-05:00`; half with microseconds, half on whole seconds; every 15th file shares the instant of the
///   one before (sort ties, broken by file_id);
/// - names from a vocabulary with repeats (`quarterly-report.pdf`, `café-menu.txt`, ...); content a few
///   sentences; size and characters consistent with it; languages `["en"]`, `["en","de"]`, `["fr"]` or
///   null;
/// - meta, of mixed kinds on purpose:
///   - `category`: mostly a string (`news` about a third of the files, `blog`, `legal`, `research`,
///     `News` with a capital), missing on some, null on some, a number or an array on a few;
///   - `published_date`: mostly a date string `YYYY-MM-DD` in 2024-2025, some date-times with an
///     offset (`2025-03-01T09:30:00+02:00`) or `Z`, a few numbers (`20250101`), missing or null on some;
///   - `author`: an object `{"name": ..., "team": ...}`, sometimes a plain string;
///   - `reviewed`: a boolean, sometimes the string `"yes"`; `priority`: an int, sometimes a float
///     (`2.5`, `1.0`); `tags`: an array of strings;
///   - on some files, keys with odd characters: `odd.key`, `with "quote"`, `$ref`, `a[0]`, `ünï`,
///     an empty key, a key with a control character (U+0001, written `\u0001`).
///
/// The records keep the data contract of the SQL tables (sql/json_filter.hpp: no NUL in a key or a
/// string), so that every backend can hold them: PostgreSQL's jsonb cannot store a NUL, and SQLite's
/// json_each cuts a key at it.
inline std::vector<file_record> generate_sample_files(std::size_t count, std::uint64_t seed) {
    static constexpr std::array<std::string_view, 14> names{
        "quarterly-report.pdf", "meeting-notes.md", "café-menu.txt",    "roadmap-2025.docx",
        "press-release.txt",    "contract-v2.pdf",  "日本語メモ.txt",   "faq.html",
        "onboarding guide.pdf", "changelog.md",     "invoice-0042.pdf", "research-paper.pdf",
        "news-digest.txt",      "README.md"};
    static constexpr std::array<std::string_view, 8> sentences{
        "The quarterly numbers beat expectations.",
        "Our new search index ships next week.",
        "Breaking news: the merger was approved.",
        "Please review the attached contract before Friday.",
        "Les résultats sont disponibles en ligne.",
        "Die Ergebnisse werden morgen veröffentlicht.",
        "Retrieval augmented generation needs good metadata.",
        "Minutes of the weekly sync: action items below."};
    static constexpr std::array<std::string_view, 5> categories{"news", "blog", "legal", "research", "News"};
    static constexpr std::array<std::string_view, 6> people{"Ada", "Grace", "Alan", "Radia", "Ken", "Hedy"};
    static constexpr std::array<std::string_view, 3> teams{"editorial", "platform", "legal"};
    static constexpr std::array<std::string_view, 5> tag_words{"q1", "internal", "draft", "public", "2025"};
    static constexpr std::array<std::string_view, 7> odd_keys{
        "odd.key", "with \"quote\"", "$ref", "a[0]", "ünï", "", "ctl\x01key"};

    constexpr std::int64_t start_us = 1704067200LL * 1000000LL; // 2024-01-01T00:00:00Z
    constexpr std::int64_t span_us = 730LL * 86400LL * 1000000LL;
    constexpr std::int64_t day_us = 86400LL * 1000000LL;

    detail::splitmix64 rng(seed);
    std::vector<file_record> out;
    out.reserve(count);
    const auto pick = [&rng](const auto& list) { return list[rng.below(list.size())]; };
    const auto date_text = [](std::int64_t us) {
        return format_timestamp(timestamp::from_unix_micros(us)).substr(0, 10);
    };
    for (std::size_t i = 0; i < count; ++i) {
        file_record r;
        std::array<std::uint8_t, 16> id{};
        for (std::size_t k = 0; k < 16; k += 8) {
            const std::uint64_t x = rng.next();
            for (std::size_t b = 0; b < 8; ++b)
                id[k + b] = static_cast<std::uint8_t>(x >> (8 * b));
        }
        id[6] = static_cast<std::uint8_t>((id[6] & 0x0F) | 0x40); // version 4
        id[8] = static_cast<std::uint8_t>((id[8] & 0x3F) | 0x80); // RFC 4122 variant
        r.file_id = uuid(id);

        const auto w = rng.below(100);
        r.workspace = w < 70 ? "production" : (w < 85 ? "staging" : (w < 93 ? "research" : "legal-archive"));

        std::int64_t us =
            start_us + static_cast<std::int64_t>(rng.below(static_cast<std::uint64_t>(span_us)));
        if (rng.chance(50))
            us -= us % 1000000;
        if (i % 15 == 14 && !out.empty())
            us = out.back().created_at.unix_micros();
        const auto o = rng.below(10);
        r.created_at = timestamp::from_unix_micros(us, o < 7 ? 0 : (o < 9 ? 120 : -300));

        r.name = std::string(pick(names));
        const auto sentences_n = 1 + rng.below(4);
        for (std::size_t k = 0; k < sentences_n; ++k) {
            if (k > 0)
                r.content += ' ';
            r.content += pick(sentences);
        }
        r.characters = static_cast<std::int64_t>(detail::utf8_length(r.content));
        r.size = static_cast<std::int64_t>(r.content.size()) + static_cast<std::int64_t>(rng.below(4096));
        const auto l = rng.below(10);
        if (l < 5)
            r.languages = std::vector<std::string>{"en"};
        else if (l < 7)
            r.languages = std::vector<std::string>{"en", "de"};
        else if (l < 8)
            r.languages = std::vector<std::string>{"fr"};

        boost::json::object& m = r.meta;
        // category
        const auto c = rng.below(100);
        if (c < 35)
            m["category"] = "news";
        else if (c < 75) {
            const auto cat = pick(categories);
            m["category"] = boost::json::string_view(cat.data(), cat.size());
        } else if (c < 83) {
        } else if (c < 89)
            m["category"] = nullptr;
        else if (c < 94)
            m["category"] = static_cast<std::int64_t>(rng.below(10));
        else
            m["category"] = boost::json::array{"news", "blog"};
        // published_date: near created_at (up to a year before)
        const std::int64_t pub = us - static_cast<std::int64_t>(rng.below(365)) * day_us;
        const auto p = rng.below(100);
        if (p < 60) {
            m["published_date"] = date_text(pub);
        } else if (p < 72) {
            std::string t = format_pydantic_datetime(timestamp::from_unix_micros(pub - pub % 60000000, 120));
            m["published_date"] = t;
        } else if (p < 80) {
            std::string t = format_pydantic_datetime(timestamp::from_unix_micros(pub - pub % 1000000, 0));
            m["published_date"] = t;
        } else if (p < 85) {
            const std::string d = date_text(pub);
            m["published_date"] = std::stoll(d.substr(0, 4) + d.substr(5, 2) + d.substr(8, 2));
        } else if (p < 92) {
        } else {
            m["published_date"] = nullptr;
        }
        // author
        if (rng.chance(80)) {
            boost::json::object a;
            const auto who = pick(people);
            a["name"] = boost::json::string_view(who.data(), who.size());
            const auto team = pick(teams);
            a["team"] = boost::json::string_view(team.data(), team.size());
            m["author"] = std::move(a);
        } else if (rng.chance(50)) {
            const auto who = pick(people);
            m["author"] = boost::json::string_view(who.data(), who.size());
        }
        // reviewed, priority, tags
        const auto rv = rng.below(10);
        if (rv < 8)
            m["reviewed"] = rv < 5;
        else if (rv < 9)
            m["reviewed"] = "yes";
        const auto pr = rng.below(10);
        if (pr < 7)
            m["priority"] = static_cast<std::int64_t>(1 + rng.below(5));
        else if (pr < 8)
            m["priority"] = 2.5;
        else if (pr < 9)
            m["priority"] = 1.0;
        if (rng.chance(60)) {
            boost::json::array tags;
            const auto n = 1 + rng.below(3);
            for (std::size_t k = 0; k < n; ++k) {
                const auto t = pick(tag_words);
                tags.emplace_back(boost::json::string_view(t.data(), t.size()));
            }
            m["tags"] = std::move(tags);
        }
        if (rng.chance(15)) {
            const auto key = pick(odd_keys);
            m[boost::json::string_view(key.data(), key.size())] = static_cast<std::int64_t>(i);
        }
        out.push_back(std::move(r));
    }
    compact_file_metadata(out);
    return out;
}

} // namespace apiquery
