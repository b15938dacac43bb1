// apiquery sample-data [--endpoint NAME] [--count N] [--seed S]: deterministic sample records of an
// endpoint as a data file. data/sample-tokens.json is `apiquery sample-data --count 300 --seed 1`,
// data/sample-files.json `apiquery sample-data --endpoint files --count 300 --seed 1`. Reference:
// docs/listing.md, docs/files.md.
#include "command.hpp"
#include "command_line.hpp"
#include "endpoint_option.hpp"
#include "exit_codes.hpp"

#include <apiquery/endpoints/tokens/listing.hpp>
#include <apiquery/endpoints/tokens/sample.hpp>

#include <charconv>
#include <cstdint>
#include <ostream>

namespace apiquery::cli {
namespace {

constexpr std::string_view usage = "apiquery sample-data [--endpoint tokens|files] [--count N] [--seed S]";

bool read_number(std::string_view s, std::uint64_t& out) {
    const auto r = std::from_chars(s.data(), s.data() + s.size(), out);
    return r.ec == std::errc{} && r.ptr == s.data() + s.size() && !s.empty();
}

int run_sample_data(std::span<const std::string_view> args, io streams) {
    std::uint64_t count = 300, seed = 1;

    const auto bad = [](std::string_view a) {
        return "apiquery sample-data: bad argument '" + std::string(a) + "'\n" + usage_text(usage);
    };
    command_line cl(usage_text(usage), bad);
    const endpoint_entry* endpoint = nullptr;
    add_endpoint_option(cl, "sample-data", endpoint);
    // --count N and --seed S: the number is the next argument (`--count=N` is a bad argument).
    cl.option("--count", [&](std::string_view value, std::string_view argument) {
        if (argument != "--count" || !read_number(value, count) || count > 10000000)
            throw usage_error{bad(argument)};
    });
    cl.option("--seed", [&](std::string_view value, std::string_view argument) {
        if (argument != "--seed" || !read_number(value, seed))
            throw usage_error{bad(argument)};
    });
    if (const auto status = cl.parse(args, streams))
        return *status;
    if (endpoint->sample_json == nullptr) { // (every built-in endpoint has sample data)
        streams.err << "apiquery sample-data: endpoint '" << endpoint->name << "' has no sample data\n";
        return exit_usage;
    }
    streams.out << endpoint->sample_json(static_cast<std::size_t>(count), seed);
    return exit_ok;
}

const command_registrar registrar{
    {"sample-data", usage,
     "Print N deterministic sample records of the endpoint (default 300, seed 1) as a JSON "
     "array, the format of data/sample-<endpoint>.json and of list --data",
     run_sample_data}};

} // namespace
} // namespace apiquery::cli
