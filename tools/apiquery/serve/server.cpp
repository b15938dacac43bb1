// apiquery serve: the server (see server.hpp).
#include "server.hpp"

#include "../exit_codes.hpp"
#include "session.hpp"

#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>

#include <sys/resource.h>

#include <algorithm>
#include <csignal>
#include <thread>

namespace apiquery::cli::serve {
namespace {

/// The soft limit on open files raised to the hard one, so that --max-connections can be reached.
void raise_open_files_limit() {
    rlimit r{};
    if (getrlimit(RLIMIT_NOFILE, &r) == 0 && r.rlim_cur < r.rlim_max) {
        r.rlim_cur = r.rlim_max;
        setrlimit(RLIMIT_NOFILE, &r);
    }
}

/// The 503 sent to a connection beyond --max-connections (plain HTTP only), written without waiting:
/// it fits in the socket's send buffer, and a client that reads nothing loses nothing of ours.
constexpr std::string_view refusal = "HTTP/1.1 503 Service Unavailable\r\n"
                                     "Content-Type: application/json\r\n"
                                     "Content-Length: 32\r\n"
                                     "Connection: close\r\n\r\n"
                                     "{\"detail\":\"Service Unavailable\"}";

class listener {
public:
    /// `one_thread`: the io_context runs on one thread only, so a connection needs no strand (its
    /// handlers cannot run concurrently anyway) and gets the io_context's executor, which is cheaper.
    listener(net::io_context& ioc, server_state& state, net::ssl::context* tls, bool one_thread)
        : ioc_(ioc), state_(state), tls_(tls), one_thread_(one_thread), acceptor_(net::make_strand(ioc)),
          retry_(ioc) {}

    /// Binds and listens; the bound endpoint, or an error.
    beast::error_code open(const tcp::endpoint& at) {
        beast::error_code ec;
        acceptor_.open(at.protocol(), ec);
        if (!ec)
            acceptor_.set_option(net::socket_base::reuse_address(true), ec);
        if (!ec)
            acceptor_.bind(at, ec);
        if (!ec)
            acceptor_.listen(net::socket_base::max_listen_connections, ec);
        return ec;
    }

    tcp::endpoint local() const { return acceptor_.local_endpoint(); }

    void accept() {
        const auto connection_executor = one_thread_ ? net::any_io_executor(ioc_.get_executor())
                                                     : net::any_io_executor(net::make_strand(ioc_));
        acceptor_.async_accept(connection_executor, [this](beast::error_code ec, tcp::socket socket) {
            if (ec == net::error::operation_aborted || !acceptor_.is_open())
                return;
            if (ec) {
                // Out of file descriptors, or the like: try again shortly, never spin.
                retry_.expires_after(std::chrono::milliseconds(50));
                retry_.async_wait([this](beast::error_code e) {
                    if (!e && acceptor_.is_open())
                        accept();
                });
                return;
            }
            admit(std::move(socket));
            accept();
        });
    }

    void close() {
        net::post(acceptor_.get_executor(), [this] {
            beast::error_code ec;
            acceptor_.close(ec);
            retry_.cancel();
        });
    }

private:
    void admit(tcp::socket socket) {
        if (state_.connections.fetch_add(1) >= state_.opts.limits.connections || state_.stopping.load()) {
            beast::error_code ec;
            if (tls_ == nullptr) {
                socket.non_blocking(true, ec);
                socket.write_some(net::buffer(refusal.data(), refusal.size()), ec);
            }
            socket.shutdown(tcp::socket::shutdown_both, ec);
            socket.close(ec);
            state_.closed();
            return;
        }
        beast::error_code ec;
        socket.set_option(tcp::no_delay(true), ec);
        if (tls_ != nullptr)
            std::make_shared<session<tls_stream>>(std::move(socket), *tls_, state_)->start();
        else
            std::make_shared<session<plain_stream>>(std::move(socket), state_)->start();
    }

    net::io_context& ioc_;
    server_state& state_;
    net::ssl::context* tls_;
    bool one_thread_;
    tcp::acceptor acceptor_;
    net::steady_timer retry_;
};

/// The address of --host: a literal address, or the first address a name resolves to.
std::optional<tcp::endpoint> endpoint_of(net::io_context& ioc, const std::string& host, unsigned short port,
                                         std::ostream& err) {
    beast::error_code ec;
    const auto address = net::ip::make_address(host, ec);
    if (!ec)
        return tcp::endpoint(address, port);
    tcp::resolver resolver(ioc);
    const auto found = resolver.resolve(host, std::to_string(port), ec);
    if (ec || found.empty()) {
        err << "apiquery serve: --host " << host << ": " << (ec ? ec.message() : "no address") << '\n';
        return std::nullopt;
    }
    return found.begin()->endpoint();
}

} // namespace

int run_server(const options& o, const request_handler& handler, std::ostream& out, std::ostream& err) {
    std::signal(SIGPIPE, SIG_IGN);
    raise_open_files_limit();
    const unsigned threads = o.threads != 0 ? o.threads : std::max(1u, std::thread::hardware_concurrency());

    std::optional<net::ssl::context> tls;
    if (!o.tls_cert.empty()) {
        tls.emplace(net::ssl::context::tls_server);
        tls->set_options(net::ssl::context::default_workarounds | net::ssl::context::no_sslv2 |
                         net::ssl::context::no_sslv3 | net::ssl::context::no_tlsv1 |
                         net::ssl::context::no_tlsv1_1);
        beast::error_code ec;
        tls->use_certificate_chain_file(o.tls_cert, ec);
        if (ec) {
            err << "apiquery serve: --tls-cert " << o.tls_cert << ": " << ec.message() << '\n';
            return exit_io;
        }
        tls->use_private_key_file(o.tls_key, net::ssl::context::pem, ec);
        if (ec) {
            err << "apiquery serve: --tls-key " << o.tls_key << ": " << ec.message() << '\n';
            return exit_io;
        }
    }

    // The state outlives the io_context: sessions still queued when it is destroyed deregister from it.
    std::atomic<bool> running{true};
    net::io_context* context = nullptr;
    server_state state(o, handler, [&] {
        if (running.load() && context != nullptr)
            context->stop();
    });
    net::io_context ioc(static_cast<int>(threads));
    context = &ioc;
    listener l(ioc, state, tls ? &*tls : nullptr, threads == 1);
    const auto at = endpoint_of(ioc, o.host, o.port, err);
    if (!at)
        return exit_usage;
    if (const auto ec = l.open(*at)) {
        err << "apiquery serve: cannot listen on " << o.host << ":" << o.port << ": " << ec.message() << '\n';
        return exit_unavailable;
    }

    // SIGINT/SIGTERM: no new connections; idle ones close now, the others after their response; the run
    // ends when the last one has closed, or at the deadline.
    net::signal_set signals(ioc, SIGINT, SIGTERM);
    net::steady_timer deadline(ioc);
    signals.async_wait([&](beast::error_code ec, int) {
        if (ec)
            return;
        state.stopping.store(true);
        l.close();
        deadline.expires_after(o.limits.shutdown_timeout);
        deadline.async_wait([&](beast::error_code e) {
            if (!e)
                ioc.stop();
        });
        state.stop_all();
    });

    l.accept();
    const auto bound = l.local();
    std::string host = bound.address().to_string();
    if (bound.address().is_v6())
        host = "[" + host + "]";
    out << "apiquery serve: listening on " << (tls ? "https" : "http") << "://" << host << ":" << bound.port()
        << std::endl;

    std::vector<std::thread> pool;
    pool.reserve(threads - 1);
    for (unsigned i = 1; i < threads; ++i)
        pool.emplace_back([&ioc] { ioc.run(); });
    ioc.run();
    for (auto& t : pool)
        t.join();
    running.store(false);
    return exit_ok;
}

} // namespace apiquery::cli::serve
