// The ceiling for `apiquery serve` (bench/serve/run.sh): the smallest useful Boost.Beast server, answering
// every request with the same 2 KB JSON body over HTTP/1.1 keep-alive, on one thread. No routing, no
// validation, no data: what is left is the transport, the part apiquery serve shares with it.
//   bench_serve_ceiling [PORT]   (0 or none: a free port); prints `ceiling: listening on http://127.0.0.1:PORT`
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <cstdlib>
#include <iostream>
#include <memory>
#include <string>

namespace beast = boost::beast;
namespace http = boost::beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

namespace {

std::string fixed_body() {
    std::string b = "{\"data\":[";
    while (b.size() < 2000) {
        if (b.back() != '[')
            b += ',';
        b += "{\"name\":\"token\",\"role\":\"ADMIN\",\"personal\":false}";
    }
    b += "],\"has_more\":false,\"total\":0}";
    return b;
}

const std::string body = fixed_body();

class session : public std::enable_shared_from_this<session> {
public:
    explicit session(tcp::socket s) : stream_(std::move(s)) {}
    void read() {
        req_ = {};
        http::async_read(stream_, buffer_, req_,
                         [self = shared_from_this()](beast::error_code ec, std::size_t) {
                             if (!ec)
                                 self->write();
                         });
    }

private:
    void write() {
        res_ = {};
        res_.version(req_.version());
        res_.result(http::status::ok);
        res_.set(http::field::content_type, "application/json");
        res_.body() = body;
        res_.keep_alive(req_.keep_alive());
        res_.prepare_payload();
        http::async_write(stream_, res_, [self = shared_from_this()](beast::error_code ec, std::size_t) {
            if (!ec && self->res_.keep_alive())
                self->read();
        });
    }

    beast::tcp_stream stream_;
    beast::flat_buffer buffer_;
    http::request<http::string_body> req_;
    http::response<http::string_body> res_;
};

void accept(tcp::acceptor& a) {
    a.async_accept([&a](beast::error_code ec, tcp::socket s) {
        if (!ec) {
            s.set_option(tcp::no_delay(true));
            std::make_shared<session>(std::move(s))->read();
        }
        accept(a);
    });
}

} // namespace

int main(int argc, char** argv) {
    net::io_context ioc(1);
    const auto port = static_cast<unsigned short>(argc > 1 ? std::atoi(argv[1]) : 0);
    tcp::acceptor a(ioc, tcp::endpoint(net::ip::make_address("127.0.0.1"), port));
    std::cout << "ceiling: listening on http://127.0.0.1:" << a.local_endpoint().port() << std::endl;
    accept(a);
    net::signal_set signals(ioc, SIGINT, SIGTERM);
    signals.async_wait([&](beast::error_code, int) { ioc.stop(); });
    ioc.run();
}
