#include <apiquery/endpoints/tokens/masking.hpp>

#include <catch2/catch.hpp>

#include <string>

using apiquery::mask_token;
using apiquery::masked_token_revealed;

TEST_CASE("masking: first and last 4 visible, one * per hidden character", "[masking]") {
    CHECK(mask_token("ak_live_0123456789abcdef") == "ak_l****************cdef");
    CHECK(mask_token("abcdefghijklmnopq") == "abcd*********nopq"); // 17: the shortest partly visible
    CHECK(mask_token(std::string(64, 'x')).size() == 64);
    CHECK(masked_token_revealed(mask_token(std::string(64, 'x'))) == 8);
}

TEST_CASE("masking: 16 characters or fewer are masked entirely", "[masking]") {
    CHECK(mask_token("") == "");
    CHECK(mask_token("a") == "*");
    CHECK(mask_token("12345678") == "********");
    CHECK(mask_token("abcdefghijklmnop") == "****************"); // 16
    for (std::size_t n = 0; n <= 16; ++n)
        CHECK(masked_token_revealed(mask_token(std::string(n, 'k'))) == 0);
}

TEST_CASE("masking: characters are code points, never split", "[masking]") {
    // 17 characters, the visible ones multi-byte.
    const std::string s = "\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9"
                          "123456789"
                          "\xE2\x82\xAC\xE2\x82\xAC\xE2\x82\xAC\xE2\x82\xAC";
    CHECK(mask_token(s) == "\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9"
                           "*********"
                           "\xE2\x82\xAC\xE2\x82\xAC\xE2\x82\xAC\xE2\x82\xAC");
    CHECK(masked_token_revealed(mask_token(s)) == 8);
    // 16 multi-byte characters (48 bytes): masked entirely, one * per character.
    std::string euros;
    for (int k = 0; k < 16; ++k)
        euros += "\xE2\x82\xAC";
    CHECK(mask_token(euros) == std::string(16, '*'));
}

TEST_CASE("masking: ill-formed UTF-8 is masked entirely, one * per byte", "[masking]") {
    const std::string bad = "abcd\xFF"
                            "efghijklmnopqrstuvwxyz";
    CHECK(mask_token(bad) == std::string(bad.size(), '*'));
}

TEST_CASE("masking: what a masked token reveals", "[masking]") {
    CHECK(masked_token_revealed("") == 0);
    CHECK(masked_token_revealed("********") == 0);
    CHECK(masked_token_revealed("abcd********wxyz") == 8);
    CHECK(masked_token_revealed("abcde*******wxyz") == 9);
    CHECK(masked_token_revealed("no mask at all") == 14);
    CHECK(masked_token_revealed("\xC3\xA9*\xC3\xA9") == 2); // code points, not bytes
    CHECK(masked_token_revealed("\xFF\xFE*") == 2);         // each ill-formed byte counts
    CHECK(apiquery::masked_token_ok("abcd********wxyz"));
    CHECK_FALSE(apiquery::masked_token_ok("abcde*******wxyz"));
    CHECK(apiquery::masked_token_error_message(9) ==
          "masked_token reveals 9 characters; at most 8 may be visible");
    static_assert(masked_token_revealed("ab**cd") == 4);
}

TEST_CASE("masking: never reveals more than 8, for every length", "[masking]") {
    for (std::size_t n = 0; n < 200; ++n) {
        std::string secret;
        for (std::size_t k = 0; k < n; ++k)
            secret.push_back(static_cast<char>('a' + k % 26));
        const auto m = mask_token(secret);
        INFO(n);
        CHECK(m.size() == n);
        CHECK(masked_token_revealed(m) == (n <= 16 ? 0 : 8));
        if (n > 16) {
            CHECK(m.substr(0, 4) == secret.substr(0, 4));
            CHECK(m.substr(n - 4) == secret.substr(n - 4));
        }
    }
}
