// apiquery serve: one connection, plain TCP or TLS, on Boost.Beast. Requests are read one at a time
// (pipelined requests wait in the read buffer, so their responses go out in order), each answered by the
// request handler, until the client or a limit closes the connection (docs/serve.md, "Limits").
//
//   wait   idle timeout: until the first byte of the next request (or of the first one)
//   read   header timeout: the request line, headers and body (header_limit, body_limit)
//   write  write timeout: the response; then wait again (keep-alive) or close
//
// Memory per connection: the read buffer holds at most max-header-bytes + max-body-bytes + 4 KiB, the
// response one page. Everything a session does runs on its strand (with one server thread, on the
// io_context's executor: nothing runs concurrently then).
#pragma once

#include "access_log.hpp"
#include "exchange.hpp"
#include "server_state.hpp"
#include "transport_errors.hpp"

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

#include <array>
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

namespace apiquery::cli::serve {

namespace beast = boost::beast;
namespace http = boost::beast::http;
namespace net = boost::asio;
using tcp = boost::asio::ip::tcp;

using plain_stream = beast::tcp_stream;
using tls_stream = beast::ssl_stream<beast::tcp_stream>;

template <class Stream>
class session final : public session_base, public std::enable_shared_from_this<session<Stream>> {
public:
    static constexpr bool tls = std::is_same_v<Stream, tls_stream>;

    /// A plain connection.
    session(tcp::socket&& socket, server_state& state) requires(!tls)
        : state_(state), stream_(std::move(socket)), buffer_(read_buffer_size(state.opts.limits)) {}

    /// A TLS connection.
    session(tcp::socket&& socket, net::ssl::context& ctx, server_state& state) requires(tls)
        : state_(state), stream_(std::move(socket), ctx), buffer_(read_buffer_size(state.opts.limits)) {}

    ~session() override {
        if (registered_)
            state_.remove(*registered_);
        else
            state_.closed();
    }

    session(const session&) = delete;
    session& operator=(const session&) = delete;

    void start() {
        registered_ = state_.add(this->weak_from_this());
        net::dispatch(stream_.get_executor(), [self = this->shared_from_this()] {
            if constexpr (tls) {
                self->lowest().expires_after(self->lim().header_timeout);
                self->stream_.async_handshake(net::ssl::stream_base::server, [self](beast::error_code ec) {
                    if (ec)
                        return self->close_now();
                    self->wait();
                });
            } else {
                self->wait();
            }
        });
    }

    void stop() override {
        net::post(stream_.get_executor(), [self = this->shared_from_this()] {
            if (self->phase_ == phase::waiting)
                self->lowest().cancel();
        });
    }

private:
    enum class phase { waiting, reading, writing, closing };

    static std::size_t read_buffer_size(const limits& l) { return l.header_bytes + l.body_bytes + 4096; }
    const struct limits& lim() const { return state_.opts.limits; }
    beast::tcp_stream& lowest() { return beast::get_lowest_layer(stream_); }

    // --- wait: until the first byte of the next request ---------------------------------------------

    void wait() {
        if (state_.stopping.load())
            return close();
        if (buffer_.size() > 0)
            return read(); // a pipelined request is here already
        phase_ = phase::waiting;
        lowest().expires_after(lim().idle_timeout);
        stream_.async_read_some(buffer_.prepare(512),
                                [self = this->shared_from_this()](beast::error_code ec, std::size_t n) {
                                    self->buffer_.commit(n);
                                    if (ec || n == 0)
                                        return self->close_now();
                                    self->read();
                                });
    }

    // --- read: one request ------------------------------------------------------------------------

    void read() {
        // Empty lines before a request line are dropped (at most max_leading_empty_lines per request).
        const auto data = buffer_.cdata();
        const std::size_t skip =
            leading_empty_lines(std::string_view(static_cast<const char*>(data.data()), data.size()),
                                max_leading_empty_lines - empty_lines_);
        if (skip > 0) {
            buffer_.consume(skip);
            empty_lines_ += skip / 2;
            if (buffer_.size() == 0)
                return wait();
        }
        phase_ = phase::reading;
        parser_.emplace();
        apply_limits(*parser_, lim());
        lowest().expires_after(lim().header_timeout);
        http::async_read(
            stream_, buffer_, *parser_,
            [self = this->shared_from_this()](beast::error_code ec, std::size_t) { self->on_read(ec); });
    }

    void on_read(beast::error_code ec) {
        if (ec) {
            const auto data = buffer_.cdata();
            const std::string_view buffered(static_cast<const char*>(data.data()), data.size());
            if (const auto e = read_error_answer(ec, parser_->get(), buffered, lim()))
                return fail(*e);
            return close_now(); // the client left, a timeout, a socket or TLS error: nobody to answer
        }
        if (const auto e = check_request(parser_->get(), lim()))
            return fail(*e);
        answer();
    }

    // --- answer and write -------------------------------------------------------------------------

    void answer() {
        empty_lines_ = 0;
        const auto started = std::chrono::steady_clock::now();
        const auto received = std::chrono::system_clock::now();
        const auto& req = parser_->get();
        std::size_t bytes = 0;
        res_ = answer_request(state_.handler, req, !state_.stopping.load(), headers_, bytes);
        if (state_.opts.access_log) {
            log_entry_ = access_entry{received, {}, {}, static_cast<int>(res_.result_int()), bytes, 0};
            log_method_ = req.method_string();
            log_target_ = req.target();
            log_started_ = started;
        }
        net::post(stream_.get_executor(),
                  [self = this->shared_from_this()] { self->write(self->res_.keep_alive()); });
    }

    /// The transport's own answer, then close.
    void fail(transport_error e) {
        res_ = error_response(e);
        if (state_.opts.access_log) {
            log_method_.clear();
            log_target_.clear();
            log_entry_ = access_entry{
                std::chrono::system_clock::now(), {}, {}, static_cast<int>(e), res_.body().size(), 0};
            log_started_ = std::chrono::steady_clock::now();
        }
        write(false);
    }

    void write(bool keep_alive) {
        phase_ = phase::writing;
        lowest().expires_after(lim().write_timeout);
        http::async_write(stream_, res_,
                          [self = this->shared_from_this(), keep_alive](beast::error_code ec, std::size_t) {
                              self->log();
                              if (ec)
                                  return self->close_now();
                              if (!keep_alive)
                                  return self->close();
                              self->wait();
                          });
    }

    void log() {
        if (!state_.opts.access_log || !log_entry_)
            return;
        log_entry_->method = log_method_;
        log_entry_->target = log_target_;
        log_entry_->microseconds = std::chrono::duration_cast<std::chrono::microseconds>(
                                       std::chrono::steady_clock::now() - log_started_)
                                       .count();
        log_access(*log_entry_);
        log_entry_.reset();
    }

    // --- close ------------------------------------------------------------------------------------

    /// Closes after a response: our side first, then what the client still sends is read and dropped
    /// (bounded in time and bytes), so that the client reads the response before the connection goes
    /// (closing with unread bytes would reset it and lose the response).
    void close() {
        phase_ = phase::closing;
        if constexpr (tls) {
            lowest().expires_after(std::chrono::seconds(1));
            stream_.async_shutdown(
                [self = this->shared_from_this()](beast::error_code) { self->close_now(); });
        } else {
            beast::error_code ec;
            lowest().socket().shutdown(tcp::socket::shutdown_send, ec);
            lowest().expires_after(std::chrono::seconds(2));
            drain();
        }
    }

    void drain() {
        lowest().async_read_some(net::buffer(discard_),
                                 [self = this->shared_from_this()](beast::error_code ec, std::size_t n) {
                                     self->drained_ += n;
                                     if (ec || self->drained_ > (std::size_t{4} << 20))
                                         return self->close_now();
                                     self->drain();
                                 });
    }

    void close_now() {
        phase_ = phase::closing;
        beast::error_code ec;
        lowest().socket().shutdown(tcp::socket::shutdown_both, ec);
        lowest().close();
    }

    server_state& state_;
    Stream stream_;
    beast::flat_buffer buffer_;
    std::optional<http::request_parser<http::string_body>> parser_;
    http::response<http::string_body> res_;
    std::vector<http_header> headers_;
    phase phase_ = phase::waiting;
    std::optional<server_state::registration> registered_;
    std::size_t drained_ = 0;
    std::size_t empty_lines_ = 0; // dropped before the request being read
    std::array<char, 4096> discard_{};
    std::optional<access_entry> log_entry_;
    std::string log_method_, log_target_;
    std::chrono::steady_clock::time_point log_started_;
};

} // namespace apiquery::cli::serve
