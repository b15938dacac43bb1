// The generic SQL listing plan (sql/listing_plan.hpp) on a table of its own, run on SQLite: every
// page equals the generic in-memory page rules (listing/page.hpp) over the same rows, for random scopes,
// filters, orders with a nullable key, cursors, limits and page numbers.
#include <apiquery/eval/filter_eval.hpp>
#include <apiquery/listing/page.hpp>
#include <apiquery/odata/filter.hpp>
#include <apiquery/profile/profile_check.hpp>
#include <apiquery/sql/detail/sqlite_db.hpp>
#include <apiquery/sql/listing_plan.hpp>

#include <catch2/catch.hpp>

#include <optional>
#include <random>
#include <string>
#include <vector>

using namespace apiquery;

namespace {

struct item {
    std::int64_t id;
    std::string shop, colour;
    std::optional<std::int64_t> size;
};
const item& it(const void* p) {
    return *static_cast<const item*>(p);
}
const eval::field_entry item_fields[] = {
    {"colour", eval::kind::string, [](const void* p) { return eval::value::string(it(p).colour); }},
    {"size", eval::kind::int_,
     [](const void* p) { return it(p).size ? eval::value::integer(*it(p).size) : eval::value::null(); }},
};
const eval::table_model item_model(item_fields);
const sql::column_map item_columns{{"colour", {"colour", sql::column_type::text, false}},
                                   {"size", {"size", sql::column_type::integer, true}}};

} // namespace

TEST_CASE("listing_plan on SQLite equals select_page in memory") {
    profile p("items");
    p.allow(filter_operator::eq).allow(filter_operator::ge).allow(filter_operator::and_);
    p.add_field("colour", value_type::string).add_field("size", value_type::int_, {.nullable = true});

    std::mt19937_64 rng(7);
    std::vector<item> items;
    detail::sqlite_db db(":memory:");
    db.exec("CREATE TABLE items (id INTEGER PRIMARY KEY, shop TEXT NOT NULL, colour TEXT NOT NULL, size "
            "INTEGER)");
    for (std::int64_t i = 1; i <= 80; ++i) {
        item x{i * 7919 % 1000, rng() % 3 ? "a" : "b", rng() % 2 ? "red" : "blue", std::nullopt};
        if (rng() % 4)
            x.size = static_cast<std::int64_t>(rng() % 8);
        items.push_back(x);
        db.query(sql::statement{"INSERT INTO items VALUES (?1, ?2, ?3, ?4)",
                                {x.id, x.shop, x.colour, x.size ? sql::value(*x.size) : sql::value(nullptr)}},
                 [](const auto&) {});
    }
    const char* filters[] = {"", "colour eq 'red'", "size ge 3", "colour eq 'blue' and size ge 5"};
    for (int round = 0; round < 400; ++round) {
        const std::string shop = rng() % 2 ? "a" : "b";
        const bool desc = rng() % 2;
        const std::string filter = filters[rng() % 4];
        const auto direction = static_cast<cursor_direction>(rng() % 3);
        const std::int64_t limit = static_cast<std::int64_t>(rng() % 7);
        std::optional<big_int> page_number;
        if (direction == cursor_direction::none && rng() % 2)
            page_number = big_int(static_cast<std::int64_t>(1 + rng() % 5));
        const item* cursor = nullptr;
        if (direction != cursor_direction::none) {
            do
                cursor = &items[rng() % items.size()];
            while (cursor->shop != shop);
        }
        INFO("round " << round << " shop " << shop << " desc " << desc << " filter '" << filter << "' dir "
                      << static_cast<int>(direction) << " limit " << limit);

        // In memory. NULL sizes are later than every size (NULLS LAST ascending, FIRST descending).
        const auto key_less = [](const item& a, const item& b) {
            if (a.size != b.size)
                return !a.size ? false : (!b.size ? true : *a.size < *b.size);
            return a.id < b.id;
        };
        const auto before = [&](const item& a, const item& b) {
            return desc ? key_less(b, a) : key_less(a, b);
        };
        std::optional<compiled_filter> f;
        if (!filter.empty())
            f = prepare_filter("filter", filter, p, item_model).value();
        const auto mem = select_page<item>(
            items, [&](const item& r) { return r.shop == shop; }, f ? &*f : nullptr, cursor, direction,
            before, big_int(limit), page_number);

        // In SQL.
        sql::listing_plan plan;
        plan.table = "items";
        plan.row_columns = {{"id", sql::column_type::integer, false}};
        plan.scope = [shop](sql::statement_builder& b) {
            b.identifier("shop").sql(" = ");
            b.param(shop, sql::column_type::text);
        };
        if (!filter.empty())
            plan.filter = check_filter(parse_filter(filter).value(), p).value();
        plan.filter_columns = &item_columns;
        plan.order = {{{"size", sql::column_type::integer, true}, desc, desc},
                      {{"id", sql::column_type::integer, false}, desc, false}};
        plan.direction = direction;
        plan.limit = limit;
        if (page_number)
            plan.offset = (*page_number->to_int64() - 1) * limit;
        std::vector<std::variant<std::nullptr_t, std::int64_t, double, std::string>> cursor_values;
        std::vector<sql::cell> cursor_row;
        if (cursor) {
            plan.cursor_key = cursor->id;
            const auto rows = db.rows(sql::cursor_statement(plan));
            REQUIRE(rows.size() == 1);
            cursor_values = rows[0];
            for (const auto& v : cursor_values)
                std::visit(
                    [&](const auto& x) {
                        if constexpr (std::is_same_v<std::decay_t<decltype(x)>, std::string>)
                            cursor_row.emplace_back(std::string_view(x));
                        else
                            cursor_row.emplace_back(x);
                    },
                    v);
        }
        std::vector<std::int64_t> ids;
        for (const auto& row : db.rows(sql::page_statement(plan, cursor_row)))
            ids.push_back(std::get<std::int64_t>(row[0]));
        const bool more = sql::page_rows(plan, ids);
        std::int64_t total = -1;
        for (const auto& row : db.rows(sql::count_statement(plan)))
            total = std::get<std::int64_t>(row[0]);

        std::vector<std::int64_t> want;
        for (const item* r : mem.page)
            want.push_back(r->id);
        CHECK(ids == want);
        CHECK(more == mem.has_more);
        CHECK(total == mem.total);
    }
}
