// apiquery: SplitMix64, the small portable PRNG of the sample-data generators (internal).
#pragma once

#include <cstdint>

namespace apiquery::detail {

/// SplitMix64 (Steele, Lea, Flood 2014): a small, fast, portable PRNG (the generators' own, not part of
/// the API).
class splitmix64 {
public:
    constexpr explicit splitmix64(std::uint64_t seed) noexcept : state_(seed) {}
    constexpr std::uint64_t next() noexcept {
        std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        return z ^ (z >> 31);
    }
    /// A number in [0, n) (n > 0); the tiny modulo bias does not matter for sample data.
    constexpr std::uint64_t below(std::uint64_t n) noexcept { return next() % n; }
    /// True with probability percent / 100.
    constexpr bool chance(unsigned percent) noexcept { return below(100) < percent; }

private:
    std::uint64_t state_;
};

} // namespace apiquery::detail
