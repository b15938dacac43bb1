// apiquery sample-data [--count N] [--seed S]: deterministic sample token records as a data file.
// data/sample-tokens.json is `apiquery sample-data --count 300 --seed 1`. Reference: docs/listing.md.
#include "command.hpp"

#include <apiquery/endpoints/tokens/listing.hpp>
#include <apiquery/endpoints/tokens/sample.hpp>

#include <charconv>
#include <cstdint>
#include <ostream>

namespace apiquery::cli {
namespace {

constexpr std::string_view usage = "usage: apiquery sample-data [--count N] [--seed S]\n";

bool read_number(std::string_view s, std::uint64_t& out) {
    const auto r = std::from_chars(s.data(), s.data() + s.size(), out);
    return r.ec == std::errc{} && r.ptr == s.data() + s.size() && !s.empty();
}

int run_sample_data(std::span<const std::string_view> args, io streams) {
    std::uint64_t count = 300, seed = 1;
    for (std::size_t i = 0; i < args.size(); i += 2) { // each option takes one value
        const std::string_view a = args[i];
        std::uint64_t* target = a == "--count" ? &count : a == "--seed" ? &seed : nullptr;
        if (!target || i + 1 >= args.size() || !read_number(args[i + 1], *target) ||
            (target == &count && count > 10000000)) {
            streams.err << "apiquery sample-data: bad argument '" << a << "'\n" << usage;
            return exit_usage;
        }
    }
    const auto records = generate_sample_tokens(static_cast<std::size_t>(count), seed);
    streams.out << token_records_json(records);
    return exit_ok;
}

const command_registrar registrar{
    {"sample-data", "apiquery sample-data [--count N] [--seed S]",
     "Print N deterministic sample token records (default 300, seed 1) as a JSON "
     "array, the format of data/sample-tokens.json and of list --data",
     run_sample_data}};

} // namespace
} // namespace apiquery::cli
