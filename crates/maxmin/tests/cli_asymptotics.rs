//! `maxmin asymptotics`, `maxmin misspecified` and `maxmin compare` end to end: the
//! documented JSON keys, values checked against closed forms, the null-plus-reason
//! convention, and the error contract (exit status 2, one line naming the value).

use std::f64::consts::PI;
mod common;

use common::{assert_bad_inputs, json, maxmin};

fn number(v: &serde_json::Value, key: &str) -> f64 {
    v[key]
        .as_f64()
        .unwrap_or_else(|| panic!("{key} is not a number: {v}"))
}

#[test]
fn asymptotics_json_has_rows_and_the_limit() {
    let v = json(&[
        "asymptotics",
        "--prior",
        "uniform:0,1",
        "--bidders",
        "1..3,10,10000",
        "--format",
        "json",
    ]);
    let rows = v["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 5);
    for (row, n) in rows.iter().zip([1, 2, 3, 10, 10_000]) {
        for key in [
            "bidders",
            "profit_guarantee",
            "must_sell_guarantee",
            "ex_ante_gains",
            "scaled_gap",
        ] {
            assert!(row.get(key).is_some(), "missing {key}: {row}");
        }
        assert_eq!(row["bidders"], n);
        let expected =
            (n as f64).sqrt() * (number(row, "ex_ante_gains") - number(row, "profit_guarantee"));
        assert!((number(row, "scaled_gap") - expected).abs() < 1e-12);
    }
    assert!((number(&rows[0], "profit_guarantee") - 0.2036321888).abs() < 1e-10);
    assert!((number(&rows[1], "must_sell_guarantee") - 0.25).abs() < 1e-12);
    let limit = number(&v, "limit_scaled_gap");
    assert!((limit - 0.5 / PI.sqrt()).abs() < 1e-12, "{v}");
    assert!((number(&rows[4], "scaled_gap") - limit).abs() < 2e-5);
    assert_eq!(v["limit_cutoff"], "-inf");
}

#[test]
fn asymptotics_with_a_cost_inside_the_support_has_a_finite_cutoff() {
    let v = json(&[
        "asymptotics",
        "--prior",
        "uniform:0,1",
        "--cost",
        "0.4",
        "--bidders",
        "100000",
        "--format",
        "json",
    ]);
    // x* = Phi^{-1}(0.8) = 0.8416212336; x_N approaches it from above (Lemma 18).
    let cutoff = number(&v, "limit_cutoff");
    assert!((cutoff - 0.841_621_233_572_914_2).abs() < 1e-12, "{v}");
    let x_n = number(&v["rows"][0], "graded_end");
    assert!(x_n > cutoff && x_n - cutoff < 0.01, "{v}");
}

#[test]
fn asymptotics_table_and_the_trivial_limit() {
    let out = maxmin(&[
        "asymptotics",
        "--prior",
        "uniform:0,1",
        "--bidders",
        "2,100",
    ]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("limit") && text.contains("0.2820947918"),
        "{text}"
    );
    assert!(text.contains("0.2805179734"), "{text}");
    // No gains from trade: the rows are answers, the limit is null with its reason.
    let v = json(&[
        "asymptotics",
        "--prior",
        "uniform:0,1",
        "--cost",
        "0.7",
        "--bidders",
        "5",
        "--format",
        "json",
    ]);
    assert!(v["limit_scaled_gap"].is_null(), "{v}");
    assert!(
        v["limit_note"].as_str().unwrap().contains("not positive"),
        "{v}"
    );
    assert_eq!(number(&v["rows"][0], "profit_guarantee"), 0.0);
}

#[test]
fn long_sweeps_draw_no_progress_bar_when_stderr_is_not_a_terminal() {
    let v = json(&[
        "asymptotics",
        "--prior",
        "uniform:0,1",
        "--bidders",
        "1..250",
        "--format",
        "json",
    ]);
    assert_eq!(v["rows"].as_array().unwrap().len(), 250);
}

#[test]
fn misspecified_json_and_table() {
    // The design prior itself as the truth: Lemma 7, bar Pi_N.
    let v = json(&[
        "misspecified",
        "--design-prior",
        "uniform:0,1",
        "--true-prior",
        "uniform:0,1",
        "--bidders",
        "2",
        "--format",
        "json",
    ]);
    assert!((number(&v, "guarantee") - 0.2805179734).abs() < 1e-9, "{v}");
    assert!((number(&v, "true_optimal_guarantee") - 0.2805179734).abs() < 1e-9);
    // Figure 4's asterisks: designed for the exponential, run on U[0,1].
    let v = json(&[
        "misspecified",
        "--design-prior",
        "exponential:1",
        "--true-prior",
        "uniform:0,1",
        "--bidders",
        "10",
        "--at",
        "0,0.5,1",
        "--format",
        "json",
    ]);
    let g = number(&v, "guarantee");
    assert!(g > 0.0 && g < number(&v, "true_optimal_guarantee"), "{v}");
    let table = v["value_multipliers"].as_array().unwrap();
    assert_eq!(table.len(), 3);
    assert_eq!(table[2]["gains"], 1.0);
    let out = maxmin(&[
        "misspecified",
        "--design-prior",
        "exponential:1",
        "--true-prior",
        "uniform:0,1",
        "--bidders",
        "10",
    ]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("Proposition 7") && text.contains("0.4073058441"),
        "{text}"
    );
}

#[test]
fn compare_json_has_every_mechanism() {
    let v = json(&[
        "compare",
        "--prior",
        "uniform:0,1",
        "--bidders",
        "3",
        "--format",
        "json",
    ]);
    for key in [
        "maxmin",
        "must_sell",
        "posted_price",
        "first_price",
        "du2018",
    ] {
        assert!(v[key].as_f64().is_some(), "{key}: {v}");
    }
    assert!((number(&v, "posted_price") - 0.125).abs() < 1e-14);
    assert!((number(&v, "first_price") - 0.2).abs() < 1e-13);
    assert!((number(&v, "must_sell") - 0.3125).abs() < 1e-12);
    assert!((number(&v, "du2018") - 0.3081).abs() <= 5e-5);
    assert!(number(&v, "maxmin") > number(&v, "du2018"));
    assert!(v["reasons"].as_object().unwrap().is_empty());
}

#[test]
fn compare_with_a_cost_gives_null_and_a_reason() {
    let v = json(&[
        "compare",
        "--prior",
        "uniform:0,1",
        "--bidders",
        "2",
        "--cost",
        "0.1",
        "--format",
        "json",
    ]);
    assert!(v["first_price"].is_null() && v["du2018"].is_null(), "{v}");
    assert!(
        v["reasons"]["first_price"]
            .as_str()
            .unwrap()
            .contains("c = 0.1")
    );
    assert!(v["reasons"]["du2018"].as_str().is_some());
    // (1/2 - c)^2 / 2 at c = 0.1.
    assert!((number(&v, "posted_price") - 0.08).abs() < 1e-14);
    let out = maxmin(&[
        "compare",
        "--prior",
        "uniform:0,1",
        "--bidders",
        "2",
        "--cost",
        "0.1",
    ]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("not available"), "{text}");
}

#[test]
fn bad_input_exits_2_with_one_line_naming_the_value() {
    assert_bad_inputs(&[
        ("asymptotics --prior uniform:0,1 --bidders 3,0", "'0'"),
        ("asymptotics --prior uniform:0,1 --bidders 5..2", "'5..2'"),
        ("asymptotics --prior uniform:0,1 --bidders two", "'two'"),
        ("asymptotics --prior uniform:1,0 --bidders 2", "[1, 0]"),
        (
            "misspecified --design-prior uniform:0.5,1 --true-prior uniform:0,1 --bidders 3",
            "0.5",
        ),
        (
            "misspecified --design-prior uniform:0,1 --true-prior uniform:0,1 --bidders 3 --at -1",
            "'-1'",
        ),
        ("compare --prior uniform:0,1 --bidders 2 --cost -1", "'-1'"),
    ]);
}
