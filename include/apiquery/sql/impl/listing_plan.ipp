// apiquery: implementation of listing_plan.hpp.
#pragma once

#include <apiquery/sql/listing_plan.hpp>

namespace apiquery::sql {

namespace detail {

/// ` WHERE <scope> [AND <filter>]` (the filter was translated with the same columns before: it cannot
/// fail here; a plan whose filter does not translate writes FALSE).
inline void append_where(statement_builder& b, const listing_plan& plan) {
    b.sql(" WHERE ");
    if (plan.scope)
        plan.scope(b);
    else
        b.sql("1 = 1");
    if (plan.filter && plan.filter_document) {
        b.sql(" AND ");
        const std::size_t mark = b.mark();
        if (!append_json_filter(b, *plan.filter, *plan.filter_document)) {
            (void)b.cut(mark);
            b.sql("FALSE");
        }
    } else if (plan.filter && plan.filter_columns != nullptr) {
        b.sql(" AND ");
        const std::size_t mark = b.mark();
        if (!append_filter(b, *plan.filter, *plan.filter_columns, plan.translate)) {
            (void)b.cut(mark);
            b.sql("FALSE");
        }
    }
}

} // namespace detail

APIQUERY_DECL void append_select_column(statement_builder& b, const column& col) {
    if (col.type == column_type::timestamp && b.dialect() == dialect::postgresql) {
        b.sql("CAST(EXTRACT(EPOCH FROM ").identifier(col.name).sql(") * 1000000 AS bigint)");
        return;
    }
    b.identifier(col.name);
}

APIQUERY_DECL statement cursor_statement(const listing_plan& plan) {
    statement_builder b(plan.sql_dialect);
    b.sql("SELECT ");
    for (std::size_t i = 0; i < plan.order.size(); ++i) {
        if (i)
            b.sql(", ");
        append_select_column(b, plan.order[i].col);
    }
    b.sql(" FROM ").identifier(plan.table).sql(" WHERE ");
    if (plan.scope) {
        plan.scope(b);
        b.sql(" AND ");
    }
    const column& key = plan.order.back().col;
    b.identifier(key.name).sql(" = ");
    b.param(plan.cursor_key, key.type);
    return b.finish();
}

APIQUERY_DECL statement count_statement(const listing_plan& plan) {
    statement_builder b(plan.sql_dialect);
    b.sql("SELECT COUNT(*) FROM ").identifier(plan.table);
    detail::append_where(b, plan);
    return b.finish();
}

APIQUERY_DECL statement page_statement(const listing_plan& plan, std::span<const cell> cursor_row) {
    statement_builder b(plan.sql_dialect);
    const bool before = plan.direction == cursor_direction::before;
    b.sql("SELECT ");
    for (std::size_t i = 0; i < plan.row_columns.size(); ++i) {
        if (i)
            b.sql(", ");
        append_select_column(b, plan.row_columns[i]);
    }
    b.sql(" FROM ").identifier(plan.table);
    detail::append_where(b, plan);
    if (plan.direction != cursor_direction::none && cursor_row.size() >= plan.order.size()) {
        std::vector<value> cursor;
        cursor.reserve(plan.order.size());
        for (std::size_t i = 0; i < plan.order.size(); ++i)
            cursor.push_back(bound_value_of(plan.sql_dialect, cursor_row[i], plan.order[i].col.type));
        b.sql(" AND ");
        append_keyset_condition(b, plan.order, cursor, before);
    }
    append_order_by(b, plan.order, before);
    append_limit_offset(b, plan.limit + 1, before ? 0 : plan.offset);
    return b.finish();
}

} // namespace apiquery::sql
