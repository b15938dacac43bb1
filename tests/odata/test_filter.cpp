// Tests of filter.hpp: the `$filter` grammar (precedence, associativity, functions, literals, paths,
// lambdas, `in`, dialects) and its error positions and messages.
#include <apiquery/odata/filter.hpp>

#include "filter_sexpr.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using filter_test::error_at;
using filter_test::parse;

namespace {

struct level {
    int rank; // higher binds tighter
    std::vector<std::string> ops;
};

// The binary levels of URL conventions §5.1.1.15, highest first (has/in are primary operators).
const std::vector<level>& binary_levels() {
    static const std::vector<level> levels = {
        {7, {"has", "in"}},  {5, {"mul", "div", "divby", "mod"}},
        {4, {"add", "sub"}}, {3, {"gt", "ge", "lt", "le"}},
        {2, {"eq", "ne"}},   {1, {"and"}},
        {0, {"or"}},
    };
    return levels;
}

} // namespace

TEST_CASE("precedence: every pair of binary levels, both orders") {
    const auto& levels = binary_levels();
    for (std::size_t hi = 0; hi < levels.size(); ++hi) {
        for (std::size_t lo = hi + 1; lo < levels.size(); ++lo) {
            for (const auto& h : levels[hi].ops) {
                for (const auto& l : levels[lo].ops) {
                    // the tighter operator groups first, whichever side it is on
                    INFO(h << " binds tighter than " << l);
                    CHECK(parse("a " + l + " b " + h + " c") == "(" + l + " a (" + h + " b c))");
                    CHECK(parse("a " + h + " b " + l + " c") == "(" + l + " (" + h + " a b) c)");
                }
            }
        }
    }
}

TEST_CASE("precedence: unary operators against every binary level") {
    for (const auto& lv : binary_levels()) {
        for (const auto& op : lv.ops) {
            INFO(op);
            if (lv.rank == 7) {
                // has and in are primary: tighter than not and negation
                CHECK(parse("not a " + op + " b") == "(not (" + op + " a b))");
                CHECK(parse("-a " + op + " b") == "(neg (" + op + " a b))");
            } else {
                CHECK(parse("not a " + op + " b") == "(" + op + " (not a) b)");
                CHECK(parse("-a " + op + " b") == "(" + op + " (neg a) b)");
                CHECK(parse("a " + op + " not b") == "(" + op + " a (not b))");
                CHECK(parse("a " + op + " -b") == "(" + op + " a (neg b))");
            }
        }
    }
    // cast is a call (unary level in the table): self-delimited
    CHECK(parse("-cast(a,Edm.Int32) mul 2") == "(mul (neg (cast a type:Edm.Int32)) 2)");
    // isof is relational in the table, also a call
    CHECK(parse("isof(a,NS.T) eq true") == "(eq (isof a type:NS.T) true)");
}

TEST_CASE("precedence: grouping overrides, and parentheses leave no node") {
    CHECK(parse("(a or b) and c") == "(and (or a b) c)");
    CHECK(parse("a mul (b add c)") == "(mul a (add b c))");
    CHECK(parse("not (a eq b)") == "(not (eq a b))");
    CHECK(parse("((a))") == "a");
    CHECK(parse("(4 add 5) mod (4 sub 1) eq 0") == "(eq (mod (add 4 5) (sub 4 1)) 0)");
    CHECK(parse("-(a)") == "(neg a)");
    CHECK(parse("not(a)") == "(not a)");
}

TEST_CASE("associativity: binary operators are left-associative") {
    for (const auto& lv : binary_levels()) {
        if (lv.rank <= 1)
            continue; // and / or are n-ary
        for (const auto& x : lv.ops)
            for (const auto& y : lv.ops) {
                INFO(x << " then " << y);
                CHECK(parse("a " + x + " b " + y + " c") == "(" + y + " (" + x + " a b) c)");
            }
    }
    CHECK(parse("1 sub 2 sub 3") == "(sub (sub 1 2) 3)");
    CHECK(parse("a eq b eq c") == "(eq (eq a b) c)");
}

TEST_CASE("and / or are n-ary and flattened") {
    CHECK(parse("a and b and c") == "(and a b c)");
    CHECK(parse("(a and b) and c") == "(and a b c)");
    CHECK(parse("a and (b and c)") == "(and a b c)");
    CHECK(parse("a or b or c or d") == "(or a b c d)");
    CHECK(parse("a or b and c or d") == "(or a (and b c) d)");
    CHECK(parse("(a or b) and (c or d)") == "(and (or a b) (or c d))");
    CHECK(parse("not not a") == "(not (not a))");
    CHECK(parse("- -a") == "(neg (neg a))");
}

TEST_CASE("the issue's filters") {
    CHECK(parse("category eq 'news' and published_date ge '2025-01-01'") ==
          "(and (eq category 'news') (ge published_date '2025-01-01'))");
    CHECK(parse("name eq 'ci-token'") == "(eq name 'ci-token')");
    CHECK(parse("role eq 'ADMIN' and created_at ge 2025-01-01T00:00:00Z and expires_at ge "
                "2026-01-01T00:00:00.000Z") ==
          "(and (eq role 'ADMIN') (ge created_at dto:2025-01-01T00:00:00Z) (ge expires_at "
          "dto:2026-01-01T00:00:00.000Z))");
    CHECK(parse("(name eq 'a' or name eq 'b') and not (role eq 'MEMBER') and created_at lt "
                "2024-12-31T23:59:59Z") == "(and (or (eq name 'a') (eq name 'b')) (not (eq role 'MEMBER')) "
                                           "(lt created_at dto:2024-12-31T23:59:59Z))");
    CHECK(parse("contains(name,'prod') and length(name) gt 3") ==
          "(and (contains name 'prod') (gt (length name) 3))");
    std::string f5, expected = "(and";
    for (int i = 0; i < 40; ++i) {
        if (i)
            f5 += " and ";
        // append(), not "f" + std::to_string(i) + ...: GCC 12 at -O3 reports a false -Wrestrict on the
        // inlined operator+ (GCC bug 105329)
        f5.append("f").append(std::to_string(i)).append(" eq 'value").append(std::to_string(i)).append("'");
        expected += " (eq f" + std::to_string(i) + " 'value" + std::to_string(i) + "')";
    }
    CHECK(parse(f5) == expected + ")");
}

TEST_CASE("functions: every built-in with its arity, and one argument too few and too many") {
    using namespace apiquery;
    for (std::size_t i = 0; i < function_count; ++i) {
        const auto f = static_cast<function_id>(i);
        if (f == function_id::cast || f == function_id::isof)
            continue;
        const auto& fi = info(f);
        const std::string name(fi.name);
        const auto call = [&](std::size_t n) {
            std::string s = name + "(";
            for (std::size_t k = 0; k < n; ++k)
                s.append(k ? "," : "").push_back(static_cast<char>('a' + k));
            return s + ")";
        };
        const auto expect = [&](std::size_t n) {
            std::string s = "(" + name;
            for (std::size_t k = 0; k < n; ++k)
                s.append(" ").push_back(static_cast<char>('a' + k));
            return s + ")";
        };
        INFO(name);
        for (std::size_t n = fi.min_args; n <= fi.max_args; ++n)
            CHECK(parse(call(n)) == expect(n));
        // one too many: the error points at the extra argument
        const auto many = call(fi.max_args + 1u);
        CHECK(error_at(many) == "wrong_arity @" + std::to_string(many.size() - 2));
        if (fi.min_args > 0) {
            // one too few: the error points at the closing parenthesis
            const auto few = call(fi.min_args - 1u);
            CHECK(error_at(few) == "wrong_arity @" + std::to_string(few.size() - 1));
        }
    }
    CHECK(parse("contains(a)") == "ERROR wrong_arity @10: contains() takes 2 arguments");
    CHECK(parse("substring(a)") == "ERROR wrong_arity @11: substring() takes 2 or 3 arguments");
    CHECK(parse("now(1)") == "ERROR wrong_arity @4: now() takes no arguments");
    CHECK(parse("length(a,b)") == "ERROR wrong_arity @9: length() takes 1 argument");
    CHECK(parse("now( )") == "(now)");
    CHECK(parse("concat( a , 'b' )") == "(concat a 'b')");
    CHECK(parse("substring(CompanyName, 5)") == "(substring CompanyName 5)");
    CHECK(parse("concat(concat(Street,'-'),City)") == "(concat (concat Street '-') City)");
}

TEST_CASE("functions: names are case-insensitive and reported as the specification spells them") {
    CHECK(parse("MATCHESPATTERN(a,'x')") == "(matchesPattern a 'x')");
    CHECK(parse("matchespattern(a,'x')") == "(matchesPattern a 'x')");
    CHECK(parse("TotalOffsetMinutes(d)") == "(totaloffsetminutes d)");
    CHECK(parse("GEO.Distance(a,b)") == "(geo.distance a b)");
    CHECK(parse("Contains(a,'b')") == "(contains a 'b')");
    CHECK(parse("CAST(a,Edm.String)") == "(cast a type:Edm.String)");
}

TEST_CASE("functions: unknown and unsupported names") {
    CHECK(parse("foo(1)") == "ERROR unknown_function @3: unknown function 'foo'");
    CHECK(parse("name eq containz(a,'b')") == "ERROR unknown_function @16: unknown function 'containz'");
    CHECK(error_at("Model.Available()") == "unsupported @15");
    CHECK(error_at("geo.area(x)") == "unsupported @8");
    CHECK(error_at("case(a:1)") == "unsupported @4");
    CHECK(parse("any()") == "ERROR syntax @3: a lambda operator needs a collection path before it, e.g. "
                            "Items/any(i:i/Quantity gt 0)");
    CHECK(error_at("all(x:true)") == "syntax @3");
    CHECK(error_at("contains (a,b)") == "syntax @9"); // no space before '(' in the ABNF
}

TEST_CASE("cast and isof: one- and two-argument forms with type names") {
    CHECK(parse("cast(Model.Customer)") == "(cast type:Model.Customer)");
    CHECK(parse("cast(Customer)") == "(cast type:Customer)");
    CHECK(parse("cast(Category,Model.Customer)") == "(cast Category type:Model.Customer)");
    CHECK(parse("cast(Category, Edm.Boolean)") == "(cast Category type:Edm.Boolean)");
    CHECK(parse("cast( Category , Collection(Edm.String) )") ==
          "(cast Category type:Collection(Edm.String))");
    CHECK(parse("isof(NorthwindModel.BigOrder)") == "(isof type:NorthwindModel.BigOrder)");
    CHECK(parse("isof($it,NorthwindModel.BigOrder)") == "(isof $it type:NorthwindModel.BigOrder)");
    CHECK(parse("isof(a add 1, Edm.Int64)") == "(isof (add a 1) type:Edm.Int64)");
    CHECK(parse("cast(cast(a,Edm.Int32),Edm.String)") == "(cast (cast a type:Edm.Int32) type:Edm.String)");
    CHECK(parse("cast()") == "ERROR syntax @5: expected an expression or a type name");
    CHECK(parse("cast(a,1)") == "ERROR syntax @7: expected a type name");
    CHECK(parse("cast(a add 1)") == "ERROR syntax @12: expected ',' and a type name");
    CHECK(parse("cast(a,B,C)") == "ERROR syntax @8: expected ',' or ')' in the argument list");
}

TEST_CASE("literals: null, booleans, numbers") {
    CHECK(parse("null") == "null");
    CHECK(parse("true") == "true");
    CHECK(parse("False") == "false");
    CHECK(parse("tRUe") == "true");
    CHECK(parse("NULL") == "NULL"); // null is case-sensitive: a property named NULL
    CHECK(parse("nullable") == "nullable");
    CHECK(parse("trueish eq 1") == "(eq trueish 1)");
    CHECK(parse("42") == "42");
    CHECK(parse("-5") == "-5");
    CHECK(parse("+5") == "5");
    CHECK(parse("007") == "7");
    CHECK(parse("9223372036854775807") == "9223372036854775807");
    CHECK(parse("-9223372036854775808") == "-9223372036854775808");
    CHECK(parse("9223372036854775808") == "dec:9223372036854775808");
    CHECK(parse("-9223372036854775809") == "dec:-9223372036854775809");
    CHECK(parse("3.14") == "dec:3.14");
    CHECK(parse("-3.14") == "dec:-3.14");
    CHECK(parse("+3.14") == "dec:+3.14");
    CHECK(parse("-0.314e1") == "dbl:-0.314e1");
    CHECK(parse("1e-101") == "dbl:1e-101");
    CHECK(parse("1E+5") == "dbl:1E+5");
    CHECK(parse("INF") == "dbl:INF");
    CHECK(parse("-INF") == "dbl:-INF");
    CHECK(parse("NaN") == "dbl:NaN");
    CHECK(parse("Price lt -INF") == "(lt Price dbl:-INF)");
    CHECK(parse("INFO eq 1") == "(eq INFO 1)");
    CHECK(parse("-INFO") == "(neg INFO)");
    CHECK(parse("- 5") == "(neg 5)");
    CHECK(parse("--5") == "(neg -5)");
    CHECK(parse("1 sub -2") == "(sub 1 -2)");
    // invalid, with the offset where the input stops making sense
    CHECK(parse("42.") == "ERROR syntax @3: expected a digit after '.'");
    CHECK(error_at(".1") == "syntax @0");
    CHECK(error_at("-0.314e1e2") == "syntax @8");
    CHECK(parse("1e") == "ERROR syntax @2: expected the exponent's digits after 'e'");
    CHECK(error_at("1e+") == "syntax @3");
    CHECK(error_at("12abc") == "syntax @2");
    CHECK(error_at("inf") == "ok"); // a property named inf
    CHECK(error_at("+INF") == "syntax @0");
}

TEST_CASE("literals: strings") {
    CHECK(parse("'O''Neil'") == "'O''Neil'");
    CHECK(parse("''") == "''");
    CHECK(parse("''''") == "''''");
    CHECK(parse("'Say Hello,then go'") == "'Say Hello,then go'");
    CHECK(parse("'caf\xc3\xa9 \xe2\x82\xac'") == "'caf\xc3\xa9 \xe2\x82\xac'");
    CHECK(parse("'a and b eq c'") == "'a and b eq c'");
    CHECK(parse("'abc") == "ERROR syntax @0: unterminated string literal");
    CHECK(parse("name eq 'abc") == "ERROR syntax @8: unterminated string literal");
    CHECK(parse("name eq 'O'Neil'") == "ERROR syntax @11: expected an operator or the end of the expression");
    CHECK(error_at("'O'Neil'") == "syntax @3"); // OASIS FailAt 3
    const auto r = apiquery::parse_filter("'It''s'");
    REQUIRE(r);
    CHECK(r->text(r->root()) == "It's");
}

TEST_CASE("literals: dates, dateTimeOffsets, timeOfDay, checked for real") {
    CHECK(parse("2012-09-03") == "date:2012-09-03");
    CHECK(parse("0000-01-01") == "date:0000-01-01");
    CHECK(parse("-10000-04-01") == "date:-10000-04-01");
    CHECK(parse("2024-02-29") == "date:2024-02-29");
    CHECK(parse("2000-02-29") == "date:2000-02-29");
    CHECK(parse("2012-09-03T13:52Z") == "dto:2012-09-03T13:52Z");
    CHECK(parse("1972-06-30T23:59:60Z") == "dto:1972-06-30T23:59:60Z");
    CHECK(parse("2012-08-31T18:19:22.1Z") == "dto:2012-08-31T18:19:22.1Z");
    CHECK(parse("2012-09-03T14:53+02:00") == "dto:2012-09-03T14:53+02:00");
    CHECK(parse("2012-09-03T14:53-03:30") == "dto:2012-09-03T14:53-03:30");
    CHECK(parse("ReleaseDate gt 2013-05-24") == "(gt ReleaseDate date:2013-05-24)");
    CHECK(parse("11:22:33") == "tod:11:22:33");
    CHECK(parse("11:22") == "tod:11:22");
    CHECK(parse("07:59:59.999") == "tod:07:59:59.999");
    CHECK(parse("11:22:33.4444444") == "tod:11:22:33.4444444");
    CHECK(parse("23:59:60") == "tod:23:59:60");
    // invalid values: invalid_literal at the offending field
    CHECK(parse("2023-02-29") == "ERROR invalid_literal @8: invalid date: day out of range for the month");
    CHECK(error_at("1900-02-29") == "invalid_literal @8");
    CHECK(error_at("2012-13-01") == "invalid_literal @6");
    CHECK(error_at("2012-04-31") == "invalid_literal @8");
    CHECK(error_at("2012-00-10") == "invalid_literal @6");
    CHECK(error_at("2011-12-31T24:00Z") == "invalid_literal @12"); // OASIS FailAt 12
    CHECK(error_at("2011-12-31T24:00:00Z") == "invalid_literal @12");
    CHECK(error_at("2012-09-03T24:00-03:00") == "invalid_literal @12");
    CHECK(error_at("2012-09-03T13:60Z") == "invalid_literal @14");
    CHECK(error_at("2012-09-03T13:52") == "invalid_literal @16");
    CHECK(error_at("2012-09-03T13:52:61Z") == "invalid_literal @18");
    CHECK(error_at("24:00:00") == "invalid_literal @1"); // OASIS FailAt 1
    CHECK(error_at("12:60") == "invalid_literal @3");
    CHECK(error_at("12:30:00.") == "invalid_literal @9");
    CHECK(error_at("x eq 2012-9-03") == "invalid_literal @10");
    CHECK(error_at("x eq 2012-09-03T") == "invalid_literal @16");
    CHECK(error_at("2012-09-03x") == "syntax @10");
}

TEST_CASE("literals: T and Z in either case (\"T\", \"Z\" in the ABNF), kept as written, in 4.01 and 4.0") {
    apiquery::parse_options strict;
    strict.odata_4_0_strict = true;
    for (const auto& options : {apiquery::parse_options{}, strict}) {
        CHECK(parse("created_at ge 2025-01-01t00:00:00z", options) ==
              "(ge created_at dto:2025-01-01t00:00:00z)");
        CHECK(parse("2012-09-03t13:52Z", options) == "dto:2012-09-03t13:52Z");
        CHECK(parse("2012-09-03T13:52:01.5z", options) == "dto:2012-09-03T13:52:01.5z");
        CHECK(parse("2012-09-03t14:53+02:00", options) == "dto:2012-09-03t14:53+02:00");
        CHECK(parse("x in (2012-09-03t13:52z, 1)", options) == "(in x [dto:2012-09-03t13:52z 1])");
        CHECK(error_at("2011-12-31t24:00z", options) == "invalid_literal @12");
        CHECK(error_at("x eq 2012-09-03u13:52Z", options) == "syntax @15");
        CHECK(error_at("x eq 2012-09-03T13:52y", options) == "invalid_literal @21");
    }
}

TEST_CASE("literals: a one-digit month, day, hour or minute needs two digits") {
    CHECK(parse("created_at ge 2025-1-1") ==
          "ERROR invalid_literal @20: invalid date: month needs two digits (01-12)");
    CHECK(parse("x eq 2025-3-01") ==
          "ERROR invalid_literal @10: invalid date: month needs two digits (01-12)");
    CHECK(parse("x eq 2025-01-1") == "ERROR invalid_literal @14: invalid date: day needs two digits (01-31)");
    CHECK(parse("x eq 2025-01-01T1:00Z") ==
          "ERROR invalid_literal @17: invalid dateTimeOffset: hour needs two digits (00-23)");
    CHECK(parse("x eq 2025-01-01T10:5Z") ==
          "ERROR invalid_literal @20: invalid dateTimeOffset: minute needs two digits (00-59)");
    CHECK(parse("x eq 10:5") ==
          "ERROR invalid_literal @9: invalid timeOfDay: minute needs two digits (00-59)");
    CHECK(parse("x eq 2025-13-01") == "ERROR invalid_literal @11: invalid date: month must be 01-12");
}

TEST_CASE("literals: durations, GUIDs, enums") {
    CHECK(parse("duration'P12DT23H59M59.999999999999S'") == "dur:P12DT23H59M59.999999999999S");
    CHECK(parse("duration'-P6DT23H59M59.9999S'") == "dur:-P6DT23H59M59.9999S");
    CHECK(parse("Duration'PT1H'") == "dur:PT1H");
    CHECK(parse("duration eq duration'P1D'") == "(eq duration dur:P1D)");
    // a bare quoted duration is a string literal (its type comes from where it is used)
    CHECK(parse("d eq 'P12DT23H59M59.999999999999S'") == "(eq d 'P12DT23H59M59.999999999999S')");
    CHECK(parse("duration'P1Y'") == "ERROR invalid_literal @11: invalid duration: expected 'D' (a duration "
                                    "has days, hours, minutes and seconds "
                                    "only)");
    CHECK(error_at("duration'+P1D'") == "invalid_literal @9");
    CHECK(error_at("duration'P'") == "invalid_literal @10");
    // The letters of durationValue are case-insensitive ("P", "D", "T", "H", "M", "S" in the ABNF), in
    // both dialects; the text is kept as written.
    apiquery::parse_options strict;
    strict.odata_4_0_strict = true;
    for (const auto& options : {apiquery::parse_options{}, strict}) {
        CHECK(parse("duration'p1dt2h30m'", options) == "dur:p1dt2h30m");
        CHECK(parse("d eq duration'-Pt0.5s'", options) == "(eq d dur:-Pt0.5s)");
        CHECK(error_at("duration'p1y'", options) == "invalid_literal @11");
        CHECK(error_at("duration'pt1h1h'", options) == "invalid_literal @14");
    }
    CHECK(parse("DURATION'p1d'") == "dur:p1d");
    CHECK(parse("duration'P1D") == "ERROR syntax @8: unterminated duration literal");
    CHECK(parse("01234567-89ab-cdef-0123-456789abcdef") == "guid:01234567-89ab-cdef-0123-456789abcdef");
    CHECK(parse("ABCDEF01-89AB-CDEF-0123-456789ABCDEF") == "guid:ABCDEF01-89AB-CDEF-0123-456789ABCDEF");
    CHECK(parse("id eq deadbeef-0000-4000-8000-000000000000") ==
          "(eq id guid:deadbeef-0000-4000-8000-000000000000)");
    CHECK(error_at("01234567-89ab-cdef-456789abcdef") == "syntax @23"); // OASIS FailAt 23
    CHECK(error_at("01234g67-89ab-cdef-0123-456789abcdef") == "syntax @5");
    CHECK(parse("01234567-89ab-cdef-0123-456789abcdefa") ==
          "ERROR syntax @36: unexpected character after the GUID");
    CHECK(parse("01234567-89ab-cdef-0123-456789abcde") ==
          "ERROR syntax @35: expected a hexadecimal digit in the GUID");
    CHECK(error_at("x eq 01234567-89ab-cdef-0123-456789abcdeg") == "syntax @40");
    CHECK(error_at("01234567-89ab-cdxf-0123-456789abcdef") == "syntax @16");
    CHECK(parse("Sales.Pattern'Yellow'") == "enum:Sales.Pattern'Yellow'");
    CHECK(parse("style has Sales.Pattern'Yellow'") == "(has style enum:Sales.Pattern'Yellow')");
    CHECK(parse("style has Sales.Pattern'32'") == "(has style enum:Sales.Pattern'32')");
    CHECK(parse("style has Sales.Pattern'Red,Blue'") == "(has style enum:Sales.Pattern'Red,Blue')");
    CHECK(parse("A.B.C'x'") == "enum:A.B.C'x'");
    CHECK(parse("style eq 'Yellow'") == "(eq style 'Yellow')"); // the unqualified form is a string
    CHECK(parse("Sales.Pattern'Yellow") == "ERROR syntax @20: expected ''' to end the enumeration literal");
    CHECK(error_at("Sales.Pattern''") == "syntax @14");
    CHECK(error_at("Pattern'Yellow'") == "syntax @7");
    CHECK(error_at("binary'T0RhdGE'") == "unsupported @0");
    CHECK(error_at("geo.length(geography'SRID=0;LineString(142.1 64.1,3.14 2.78)')") == "unsupported @11");
}

TEST_CASE("paths, $it, $root, $this, aliases") {
    CHECK(parse("Address/Street eq 'Hugo'") == "(eq Address/Street 'Hugo')");
    CHECK(parse("$it/Address/City eq ShipTo/City") == "(eq $it/Address/City ShipTo/City)");
    CHECK(parse("endswith($it,'.com')") == "(endswith $it '.com')");
    CHECK(parse("$this eq 'Hugo'") == "(eq $this 'Hugo')");
    CHECK(parse("$root/SalesOrganizations") == "$root/SalesOrganizations");
    CHECK(parse("Address/Model.HomeAddress/Street") == "Address/Model.HomeAddress/Street");
    CHECK(parse("_x1/y_2") == "_x1/y_2");
    CHECK(parse("contains(@word,Title)") == "(contains @word Title)");
    CHECK(parse("Title eq @title") == "(eq Title @title)");
    const auto r = apiquery::parse_filter("$it/Address/Street");
    REQUIRE(r);
    std::vector<std::string> segs;
    for (auto s : r->segments(r->root()))
        segs.emplace_back(s);
    CHECK(segs == std::vector<std::string>{"$it", "Address", "Street"});
    CHECK(parse("a/") == "ERROR syntax @2: expected a property name after '/'");
    CHECK(parse("@") == "ERROR syntax @1: expected a parameter alias name after '@'");
    CHECK(parse("$root") == "ERROR syntax @5: expected '/' after $root");
    CHECK(error_at("$count gt 0") == "unsupported @0");
    CHECK(error_at("Products/$count gt 0") == "unsupported @9");
    CHECK(error_at("Price/@Measures.Currency eq 'EUR'") == "unsupported @6");
    CHECK(error_at("Items(1)") == "unknown_function @5");
    CHECK(error_at("a/Items(1)") == "unsupported @7");
    CHECK(parse("Model.Available") ==
          "ERROR syntax @15: expected ''' (an enumeration literal), '(' (a function call) "
          "or '/' after the qualified name");
    CHECK(error_at("a/Model.X") == "syntax @7");
}

TEST_CASE("identifiers: ASCII and the Unicode categories of the ABNF's note") {
    CHECK(parse("Stra\xc3\x9f"
                "e eq 'x'") == "(eq Stra\xc3\x9f"
                               "e 'x')");                                       // L
    CHECK(parse("\xe5\x90\x8d\xe5\x89\x8d/x") == "\xe5\x90\x8d\xe5\x89\x8d/x"); // Lo
    CHECK(parse("\xe2\x85\xa0") == "\xe2\x85\xa0");                             // U+2160, Nl
    CHECK(parse("x\xd9\xa0") == "x\xd9\xa0");                                   // U+0660, Nd after a letter
    CHECK(parse("e\xcc\x81") == "e\xcc\x81");                                   // U+0301, Mn after a letter
    CHECK(error_at("\xd9\xa0") == "syntax @0");                                 // Nd cannot start
    CHECK(error_at("\xcc\x81x") == "syntax @0");                                // Mn cannot start
    CHECK(error_at("x\xf0\x9f\x98\x80") == "syntax @1");                        // So is not allowed
    CHECK(error_at("a eq 1 and\xc3\xa9 b") == "syntax @7");                     // keyword boundary
    std::string name;
    for (int i = 0; i < 128; ++i)
        name += "\xc3\xa9";
    CHECK(parse(name) == name);
    CHECK(parse(name + "x") == "ERROR syntax @256: an identifier has at most 128 characters");
}

TEST_CASE("lambdas: any and all, range variables, nesting") {
    CHECK(parse("Items/any(d:d/Quantity gt 100)") == "(any Items d (gt d/Quantity 100))");
    CHECK(parse("Items/all(d:d/Quantity gt 100)") == "(all Items d (gt d/Quantity 100))");
    CHECK(parse("Products/any()") == "(any Products)");
    CHECK(parse("Products/any( )") == "(any Products)");
    CHECK(parse("Supplier/Products/any(lambda:true)") == "(any Supplier/Products lambda true)");
    CHECK(parse("Products/any(lambda:$it/Completed)") == "(any Products lambda $it/Completed)");
    CHECK(parse("Orders/any(o: o/Items/all(i: i/Price gt o/Min and i/Qty lt 5))") ==
          "(any Orders o (all o/Items i (and (gt i/Price o/Min) (lt i/Qty 5))))");
    CHECK(parse("Products/ANY(p:p/x)") == "(any Products p p/x)");
    CHECK(parse("not Items/any()") == "(not (any Items))");
    CHECK(parse("Items/any() and Tags/all(t:t eq 'x')") == "(and (any Items) (all Tags t (eq t 'x')))");
    CHECK(parse("Items/any(x)") == "ERROR syntax @11: expected ':' after the lambda variable");
    CHECK(parse("Items/any(x:)") == "ERROR syntax @12: expected a predicate after ':'");
    CHECK(parse("Items/any(x:true") == "ERROR syntax @16: expected ')' to end the lambda expression");
    CHECK(
        parse("Products/all()") ==
        "ERROR syntax @13: all() needs a lambda variable and a predicate, e.g. Items/all(i:i/Quantity gt 0)");
    CHECK(error_at("Items/any()/x") == "syntax @11");
    CHECK(parse("Items/any") == "Items/any"); // a property named any
    const auto r = apiquery::parse_filter("Items/any(d:d/Quantity gt 100)");
    REQUIRE(r);
    const auto root = r->root();
    CHECK(r->kind(root) == apiquery::node_kind::lambda);
    CHECK(r->text(root) == "d");
    CHECK(r->text(r->lambda_path(root)) == "Items");
}

TEST_CASE("in: literal lists, empty lists, collection operands") {
    CHECK(parse("Name in ('Milk', 'Cheese')") == "(in Name ['Milk' 'Cheese'])");
    CHECK(parse("Name in ( 'Milk' , 'Cheese' )") == "(in Name ['Milk' 'Cheese'])");
    CHECK(parse("FirstName in ()") == "(in FirstName [])");
    CHECK(parse("x in (1)") == "(in x [1])");
    CHECK(parse("x in (-1, 2.5, 1e3, null, true, 2012-01-01, 12:00, duration'P1D', Ns.E'A', "
                "01234567-89ab-cdef-0123-456789abcdef)") ==
          "(in x [-1 dec:2.5 dbl:1e3 null true date:2012-01-01 tod:12:00 dur:P1D enum:Ns.E'A' "
          "guid:01234567-89ab-cdef-0123-456789abcdef])");
    CHECK(parse("FirstName in (FirstName)") == "(in FirstName FirstName)");
    CHECK(parse("x in (1 add 2)") == "(in x (add 1 2))");
    CHECK(parse("x in Coll") == "(in x Coll)");
    CHECK(parse("x in @list") == "(in x @list)");
    CHECK(parse("x in (y in (1,2))") == "(in x (in y [1 2]))");
    CHECK(parse("x in (1,2) eq true") == "(eq (in x [1 2]) true)");
    CHECK(parse("FirstName in (FirstName,LastName)") ==
          "ERROR syntax @23: expected an operator or ')'"); // OASIS 23
    CHECK(parse("x in (1,a)") == "ERROR syntax @8: expected a literal (an 'in' list holds literals only)");
    CHECK(parse("x in (1,2") == "ERROR syntax @9: expected ',' or ')' in the 'in' list");
    CHECK(parse("x in (1,2 3)") == "ERROR syntax @10: expected ',' or ')' in the 'in' list");
    CHECK(error_at("EmailAddresses eq ('Miller','Smith')") == "syntax @27"); // OASIS 27
    CHECK(error_at("Name in [\"Milk\", \"Cheese\"]") == "unsupported @8");
}

TEST_CASE("whitespace: SP and HTAB between tokens, none around the expression") {
    CHECK(parse("a\teq\t1") == "(eq a 1)");
    CHECK(parse("a  eq   1") == "(eq a 1)");
    CHECK(parse("( true )") == "true");
    CHECK(parse("contains( a ,\t'b' )") == "(contains a 'b')");
    CHECK(parse(" a") == "ERROR syntax @0: unexpected whitespace at the start of the expression");
    CHECK(parse("a ") == "ERROR syntax @1: unexpected whitespace at the end of the expression");
    CHECK(parse("a\neq 1") == "ERROR syntax @1: expected an operator or the end of the expression");
    CHECK(parse("a eq(1)") == "ERROR syntax @4: expected a space after 'eq'");
    CHECK(parse("a and(b)") == "ERROR syntax @5: expected a space after 'and'");
}

TEST_CASE("operator keywords: whole words only, read once after an operand") {
    const std::string op_expected =
        "expected an operator (eq, ne, gt, ge, lt, le, has, in, add, sub, mul, div, "
        "divby, mod, and, or) or the end of the expression";
    // A keyword followed by an identifier character is a name (where a name can be).
    CHECK(parse("a eq eqx") == "(eq a eqx)");
    CHECK(parse("andy and b") == "(and andy b)");
    CHECK(parse("order or a") == "(or order a)");
    CHECK(parse("a or order") == "(or a order)");
    CHECK(parse("notable eq 1") == "(eq notable 1)");
    CHECK(parse("not notable") == "(not notable)");
    CHECK(parse("has_x has has_x") == "(has has_x has_x)");
    CHECK(parse("inx in (1)") == "(in inx [1])");
    CHECK(parse("a div by") == "(div a by)");
    CHECK(parse("a eq é") == "(eq a é)");
    CHECK(parse("a eqx b") == "ERROR syntax @2: " + op_expected);
    CHECK(parse("a in_x") == "ERROR syntax @2: " + op_expected);
    CHECK(parse("a eq1") == "ERROR syntax @2: " + op_expected);
    CHECK(parse("a divbyx b") == "ERROR syntax @2: " + op_expected);
    CHECK(parse("a eqé b") == "ERROR syntax @2: " + op_expected);
    CHECK(parse("a ordinal") == "ERROR syntax @2: " + op_expected);
    CHECK(parse("a eq b andy") == "ERROR syntax @7: " + op_expected);
    // White space: any run of SP and HTAB; an operator directly followed by `(` is an error there.
    CHECK(parse("a \t eq\t 1") == "(eq a 1)");
    CHECK(parse("a divby b") == "(divby a b)");
    CHECK(parse("a in(1,2)") == "ERROR syntax @4: expected a space after 'in'");
    CHECK(parse("a has(b)") == "ERROR syntax @5: expected a space after 'has'");
    CHECK(parse("a or(b)") == "ERROR syntax @4: expected a space after 'or'");
    CHECK(parse("a eq\t") == "ERROR syntax @5: expected an operand after 'eq'");
    CHECK(parse("a or") == "ERROR syntax @4: expected an operand after 'or'");
    CHECK(parse("a eq -") == "ERROR syntax @6: expected an operand after '-'");
    // Prefix operators take the primary level (has, in) into their operand, nothing else; the right
    // operand of has / in takes no prefix operator.
    CHECK(parse("- a has b") == "(neg (has a b))");
    CHECK(parse("not a has b eq c") == "(eq (not (has a b)) c)");
    CHECK(parse("-a mul b add c") == "(add (mul (neg a) b) c)");
    CHECK(parse("a add not b") == "(add a (not b))");
    CHECK(parse("a eq -b") == "(eq a (neg b))");
    CHECK(parse("a has -1") == "(has a -1)");
    CHECK(parse("a has -b") == "ERROR syntax @6: expected an operand after 'has'");
    CHECK(parse("a in -b") == "ERROR syntax @5: expected an operand after 'in'");
    CHECK(parse("a has not b") == "ERROR syntax @10: " + op_expected);
    CHECK(parse("a eq not") == "(eq a not)"); // a property named not
    CHECK(parse("NOT eq x") == "ERROR syntax @7: " + op_expected);
    apiquery::parse_options strict;
    strict.odata_4_0_strict = true;
    CHECK(parse("NOT eq x", strict) == "(eq NOT x)");
    CHECK(parse("a eQ b") == "(eq a b)");
    CHECK(parse("a eQ b", strict) == "ERROR syntax @2: " + op_expected);
    // Folding: left-associative within a level, tighter levels first, and / or n-ary.
    CHECK(parse("1 add 2 mul 3 in (4)") == "(add 1 (mul 2 (in 3 [4])))");
    CHECK(parse("a sub b div c gt d") == "(gt (sub a (div b c)) d)");
    CHECK(parse("x in y in z") == "(in (in x y) z)");
    CHECK(parse("a ne b or c ne d and e") == "(or (ne a b) (and (ne c d) e))");
    CHECK(parse("a or b and c or d and e and f") == "(or a (and b c) (and d e f))");
}

TEST_CASE("keywords: case-insensitive in 4.01, lower case only in 4.0 strict mode") {
    CHECK(parse("Name EQ 'Milk' AND Price LT 2.55") == "(and (eq Name 'Milk') (lt Price dec:2.55))");
    CHECK(parse("Name Eq 'Milk' OR Price Lt 2.55") == "(or (eq Name 'Milk') (lt Price dec:2.55))");
    CHECK(parse("NOT a") == "(not a)");
    CHECK(parse("a In (1) AND b HAS Ns.E'x'") == "(and (in a [1]) (has b enum:Ns.E'x'))");
    CHECK(parse("a MUL b DivBy c MOD d ADD e") == "(add (mod (divby (mul a b) c) d) e)");
    apiquery::parse_options strict;
    strict.odata_4_0_strict = true;
    CHECK(parse("Name eq 'Milk' and Price lt 2.55", strict) == "(and (eq Name 'Milk') (lt Price dec:2.55))");
    CHECK(parse("Name EQ 'Milk'", strict) == "ERROR syntax @5: expected an operator (eq, ne, gt, ge, lt, le, "
                                             "has, in, add, sub, mul, div, divby, mod, "
                                             "and, or) or the end of the expression");
    CHECK(error_at("a eq 1 AND b eq 2", strict) == "syntax @7");
    CHECK(parse("NOT a", strict) ==
          "ERROR syntax @4: expected an operator (eq, ne, gt, ge, lt, le, has, in, add, "
          "sub, mul, div, divby, mod, and, or) or the end of the expression");
    CHECK(parse("matchesPattern(a,'x')", strict) == "(matchesPattern a 'x')");
    CHECK(parse("matchespattern(a,'x')", strict) ==
          "ERROR unknown_function @14: unknown function 'matchespattern' (OData 4.0 function names are "
          "case-sensitive: matchesPattern)");
    CHECK(error_at("Contains(a,'b')", strict) == "unknown_function @8");
    CHECK(error_at("Items/ANY(x:true)", strict) == "unsupported @9");
    CHECK(parse("Items/any(x:true)", strict) == "(any Items x true)");
    CHECK(parse("duration'P1D'", strict) == "dur:P1D");
    CHECK(error_at("Duration'P1D'", strict) == "syntax @8");
    CHECK(parse("TRUE and null", strict) == "(and true null)"); // boolean literals stay case-insensitive
    CHECK(error_at("CAST(a,Edm.Int32)", strict) == "unknown_function @4");
}

TEST_CASE("error messages and positions") {
    CHECK(parse("") == "ERROR syntax @0: expected an expression");
    CHECK(parse("a eq") == "ERROR syntax @4: expected an operand after 'eq'");
    CHECK(parse("a eq ") == "ERROR syntax @5: expected an operand after 'eq'");
    CHECK(parse("a and") == "ERROR syntax @5: expected an operand after 'and'");
    CHECK(parse("a and )") == "ERROR syntax @6: expected an operand after 'and'");
    CHECK(parse("not") == "not"); // a property named not
    CHECK(parse("not ") == "ERROR syntax @4: expected an operand after 'not'");
    CHECK(parse("-") == "ERROR syntax @1: expected an operand after '-'");
    CHECK(parse("(a") == "ERROR syntax @2: expected an operator or ')'");
    CHECK(parse("()") == "ERROR syntax @1: expected an expression after '('");
    CHECK(parse("a)") == "ERROR syntax @1: unmatched ')'");
    CHECK(parse("a eqb") ==
          "ERROR syntax @2: expected an operator (eq, ne, gt, ge, lt, le, has, in, add, sub, mul, "
          "div, divby, mod, and, or) or the end of the expression");
    CHECK(parse("contains(a,") == "ERROR syntax @11: expected an argument after ','");
    CHECK(parse("contains(a b)") == "ERROR syntax @11: expected ',' or ')' in the argument list");
    CHECK(error_at("a eq 1 b") == "syntax @7");
    CHECK(error_at("'a' 'b'") == "syntax @4");
    CHECK(error_at("a eq =1") == "syntax @5");
    CHECK(error_at("Name in [\"Milk\"]") == "unsupported @8");
    const std::string long_name(129, 'x');
    CHECK(parse(long_name) == "ERROR syntax @128: an identifier has at most 128 characters");
    CHECK(parse(std::string(128, 'x')) == std::string(128, 'x'));
}

TEST_CASE("spans: byte offsets of every node, parentheses included") {
    const std::string text = "(a eq 'x') and contains(b,'y')";
    const auto r = apiquery::parse_filter(text);
    REQUIRE(r);
    const auto& ast = *r;
    const auto root = ast.root();
    CHECK(ast.span(root) == apiquery::source_span{0, 30});
    const auto kids = ast.children(root);
    CHECK(ast.span(kids[0]) == apiquery::source_span{0, 10});
    const auto eq = ast.children(kids[0]);
    CHECK(ast.span(eq[0]) == apiquery::source_span{1, 2});
    CHECK(ast.span(eq[1]) == apiquery::source_span{6, 9});
    CHECK(ast.span(kids[1]) == apiquery::source_span{15, 30});
    CHECK(ast.span(ast.children(kids[1])[1]) == apiquery::source_span{26, 29});
    for (auto id : ast.ids()) {
        const auto s = ast.span(id);
        CHECK(s.begin <= s.end);
        CHECK(s.end <= text.size());
    }
}

TEST_CASE("operator positions: the keyword of every operator, the first of a chain") {
    using apiquery::node_id;
    const auto op_at = [](std::string_view text, std::string_view keyword) {
        const auto r = apiquery::parse_filter(text);
        REQUIRE(r);
        // The operator node whose keyword is `keyword` (the first such node in storage order).
        for (node_id id : r->ids()) {
            const auto k = r->kind(id);
            if (k == apiquery::node_kind::literal || k == apiquery::node_kind::path)
                continue;
            const auto p = r->operator_position(id);
            if (text.substr(p, keyword.size()) == keyword)
                return std::size_t{p};
        }
        return std::string_view::npos;
    };
    CHECK(op_at("name eq 'a' or name eq 'b'", "or") == 12);
    CHECK(op_at("name eq 'a' or name eq 'b'", "eq") == 5);
    CHECK(op_at("a  eq\t1", "eq") == 3);
    CHECK(op_at("(a eq 1)  or\tb", "or") == 10);
    CHECK(op_at("(a or b) or c", "or") == 3); // flattened: the first keyword
    CHECK(op_at("c or (a or b)", "or") == 2);
    CHECK(op_at("a and b and c", "and") == 2);
    CHECK(op_at("x in (1,2)", "in") == 2);
    CHECK(op_at("x add 1 mul 2 eq 3", "mul") == 8);
    CHECK(op_at("e has Sales.Color'Red'", "has") == 2);
    CHECK(op_at("not a", "not") == 0);
    CHECK(op_at("tolower(a) eq 'x'", "tolower") == 0);
    CHECK(op_at("Items/any(i:i/q gt 1)", "any") == 6);
    CHECK(op_at("Items/all(i:i/q gt 1)", "all") == 6);
    CHECK(op_at("A/B/any()", "any") == 4);
}

namespace {
// Rebuilds the subtree at `id` creating each node's children right to left, so that the builder's
// order is not post-order and finish() has to walk instead of copy.
apiquery::node_id rebuild(const apiquery::filter_ast& ast, apiquery::node_id id,
                          apiquery::filter_ast_builder& b) {
    using namespace apiquery;
    const auto kids = ast.children(id);
    std::vector<node_id> made(kids.size());
    for (std::size_t i = kids.size(); i-- > 0;)
        made[i] = rebuild(ast, kids[i], b);
    switch (ast.kind(id)) {
    case node_kind::literal:
        switch (ast.literal_type(id)) {
        case literal_kind::null:
            return b.null_literal();
        case literal_kind::boolean:
            return b.bool_literal(ast.bool_value(id));
        case literal_kind::int_:
            return b.int_literal(ast.int_value(id));
        case literal_kind::enum_:
            return b.enum_literal(ast.enum_type(id), ast.text(id));
        default:
            return b.text_literal(ast.literal_type(id), ast.text(id));
        }
    case node_kind::path:
        return b.path(ast.text(id));
    case node_kind::alias:
        return b.alias(ast.text(id));
    case node_kind::type_name:
        return b.type_name(ast.text(id));
    case node_kind::binary:
        return b.binary(ast.binary_operator(id), made[0], made[1]);
    case node_kind::logical:
        return b.logical(ast.logical_operator(id), made);
    case node_kind::unary:
        return b.unary(ast.unary_operator(id), made[0]);
    case node_kind::in:
        return b.in(made[0], made[1]);
    case node_kind::list:
        return b.list(made);
    case node_kind::call:
        return b.call(ast.function(id), made);
    case node_kind::lambda:
        break;
    }
    return b.lambda(ast.lambda_operator(id), made[0], ast.text(id), made.size() > 1 ? made[1] : no_node);
}
} // namespace

TEST_CASE("finish: copying the parser's canonical order and walking another order give equal trees") {
    for (const char* text :
         {"a", "name eq 'x'", "a eq 1 and b eq 2 or not c", "(a and b) and (c or d or (e or f))",
          "contains(tolower(Name),'x') and substring(a,1,2) eq 'y'", "x in (1,2,3) and y in ()",
          "Items/any(i:i/Price gt 5 and Tags/all(t:t eq 'a')) and Tags/any()",
          "cast(a,Edm.Int32) add -b mul 2",
          "isof(NS.T) or style has NS.E'A,B' or d eq duration'P1D' or g eq "
          "01234567-89ab-cdef-0123-456789abcdef",
          "now() gt 2020-01-01T00:00Z and x eq null and y eq true and z eq -1.5e3 and w eq @p"}) {
        INFO(text);
        const auto parsed = apiquery::parse_filter(text);
        REQUIRE(parsed);
        apiquery::filter_ast_builder b;
        const auto copy = b.finish(rebuild(*parsed, parsed->root(), b));
        CHECK(copy == *parsed);
        CHECK(filter_test::sexpr(copy) == filter_test::sexpr(*parsed));
        for (auto id : copy.ids())
            for (auto c : copy.children(id))
                CHECK(static_cast<std::uint32_t>(c) < static_cast<std::uint32_t>(id));
    }
}

TEST_CASE("the AST's structural equality ignores spans") {
    const auto a = apiquery::parse_filter("a eq 1 and (b or c)");
    const auto b = apiquery::parse_filter("a  eq  1  and  ( b  or  c )");
    const auto c = apiquery::parse_filter("a eq 1 and b or c");
    REQUIRE(a);
    REQUIRE(b);
    REQUIRE(c);
    CHECK(*a == *b);
    CHECK_FALSE(*a == *c);
    CHECK(*apiquery::parse_filter("(a and b) and c") == *apiquery::parse_filter("a and b and c"));
    CHECK_FALSE(*apiquery::parse_filter("1") == *apiquery::parse_filter("1.0"));
    CHECK_FALSE(*apiquery::parse_filter("'a'") == *apiquery::parse_filter("'b'"));
}
