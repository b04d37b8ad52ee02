//! The command-line program end to end: output formats, the trivial cases and the
//! error contract (exit status 2, one line on stderr naming the value).

mod common;

use common::{assert_bad_input, assert_bad_inputs, json, maxmin};

#[test]
fn solve_json_has_the_documented_keys() {
    let v = json(&[
        "solve",
        "--prior",
        "uniform:0,1",
        "--bidders",
        "2",
        "--format",
        "json",
    ]);
    for key in [
        "bidders",
        "cost",
        "profit_guarantee",
        "must_sell_guarantee",
        "ex_ante_gains",
        "graded_intervals",
    ] {
        assert!(v.get(key).is_some(), "missing {key}: {v}");
    }
    assert_eq!(v["bidders"], 2);
    assert_eq!(v["cost"], 0.0);
    let pi = v["profit_guarantee"].as_f64().unwrap();
    assert!((pi - 0.2805).abs() < 5e-5);
    assert!((v["must_sell_guarantee"].as_f64().unwrap() - 0.25).abs() < 1e-12);
    let intervals = v["graded_intervals"].as_array().unwrap();
    assert_eq!(intervals.len(), 1);
    assert_eq!(intervals[0][0], 0.0);
    assert!(v["single_crossing_cutoff"].as_f64().is_some());
}

#[test]
fn solve_table_is_for_people() {
    let out = maxmin(&["solve", "--prior", "uniform:0,1", "--bidders", "1"]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("0.2036321888"), "{text}");
    assert!(text.contains("of the ex ante gains"), "{text}");
    assert!(text.contains("x*"), "{text}");
}

#[test]
fn every_prior_family_solves() {
    let dir = std::env::temp_dir().join("maxmin-cli-test-samples");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("values.csv");
    std::fs::write(&path, "value,weight\n0.1,1\n0.5,1\n0.9,1\n0.7,1\n").unwrap();
    let samples = format!("samples:{}", path.display());
    for spec in [
        "uniform:0,1",
        "intervals:0,0.95,3.95,4",
        "discrete:0@0.5,1@0.5",
        "exponential:1",
        "pwl-cdf:0@0,1@0.5,3@1",
        samples.as_str(),
    ] {
        let v = json(&[
            "solve",
            "--prior",
            spec,
            "--bidders",
            "3",
            "--cost",
            "0.05",
            "--format",
            "json",
        ]);
        let pi = v["profit_guarantee"].as_f64().unwrap();
        assert!(pi.is_finite() && pi > 0.0, "{spec}: {v}");
    }
}

#[test]
fn trivial_cases_are_answers_not_errors() {
    let v = json(&[
        "solve",
        "--prior",
        "uniform:0,1",
        "--bidders",
        "2",
        "--cost",
        "0.8",
        "--format",
        "json",
    ]);
    assert_eq!(v["case"], "no_gains_from_trade");
    assert_eq!(v["profit_guarantee"], 0.0);
    let v = json(&[
        "solve",
        "--prior",
        "discrete:3@1",
        "--bidders",
        "2",
        "--cost",
        "1",
        "--format",
        "json",
    ]);
    assert_eq!(v["case"], "common_knowledge");
    assert_eq!(v["profit_guarantee"], 2.0);
}

#[test]
fn bad_input_exits_2_with_one_line_naming_the_value() {
    assert_bad_inputs(&[
        ("solve --prior uniform:0,1 --bidders 0", "'0'"),
        ("solve --prior uniform:0,1 --bidders -3", "'-3'"),
        ("solve --prior uniform:0,1 --bidders two", "'two'"),
        ("solve --prior uniform:0,1 --bidders 2 --cost -1", "'-1'"),
        ("solve --prior uniform:0,1 --bidders 2 --cost nan", "'nan'"),
        ("solve --prior uniform:1,0 --bidders 2", "1"),
        ("solve --prior gauss:0,1 --bidders 2", "gauss"),
        ("solve --prior discrete:0@0.5,1@0.4 --bidders 2", "0.9"),
        (
            "solve --prior samples:/nonexistent/values.txt --bidders 2",
            "/nonexistent/values.txt",
        ),
        ("solve --bidders 2", "--prior"),
        ("solve --prior uniform:0,1 --bidders 2 --format xml", "xml"),
    ]);
}

#[test]
fn mechanism_json_has_the_documented_keys() {
    let v = json(&[
        "mechanism",
        "--prior",
        "uniform:0,1",
        "--bidders",
        "3",
        "--bids",
        "0.5,1,2",
        "--format",
        "json",
    ]);
    for key in [
        "allocation",
        "transfers",
        "aggregate_supply",
        "allocation_sensitivity",
        "premium_excess_growth",
    ] {
        assert!(v.get(key).is_some(), "missing {key}: {v}");
    }
    let q: f64 = v["allocation"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_f64().unwrap())
        .sum();
    assert!((q - v["aggregate_supply"].as_f64().unwrap()).abs() < 1e-12);
    let must_sell = json(&[
        "mechanism",
        "--prior",
        "uniform:0,1",
        "--bidders",
        "2",
        "--bids",
        "0.1,0.2",
        "--must-sell",
        "--format",
        "json",
    ]);
    assert_eq!(must_sell["aggregate_supply"], 1.0);
    assert_eq!(must_sell["must_sell"], true);
}

#[test]
fn curves_json_and_csv_agree() {
    let args = [
        "curves",
        "--prior",
        "uniform:0,1",
        "--bidders",
        "2",
        "--cost",
        "0.1",
        "--at",
        "0.5,1,3",
    ];
    let mut with_json = args.to_vec();
    with_json.extend(["--format", "json"]);
    let v = json(&with_json);
    let rows = v.as_array().unwrap();
    assert_eq!(rows.len(), 3);
    for key in [
        "x",
        "hat_w",
        "bar_w",
        "bar_gamma",
        "aggregate_supply",
        "allocation_sensitivity",
        "value_multiplier",
        "premium_excess_growth",
    ] {
        assert!(rows[0].get(key).is_some(), "missing {key}");
    }
    let out = maxmin(&args);
    let csv = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 4);
    let cells: Vec<f64> = lines[2].split(',').map(|c| c.parse().unwrap()).collect();
    assert_eq!(cells[0], 1.0);
    assert_eq!(cells[2], rows[1]["bar_w"].as_f64().unwrap());
}

#[test]
fn mechanism_and_curves_reject_bad_input() {
    assert_bad_inputs(&[
        (
            "mechanism --prior uniform:0,1 --bidders 2 --bids 1,-2",
            "-2",
        ),
        (
            "mechanism --prior uniform:0,1 --bidders 2 --bids 1",
            "1 bids given for 2 bidders",
        ),
        (
            "mechanism --prior uniform:0,1 --bidders 2 --bids 1,nan",
            "NaN",
        ),
        (
            "mechanism --prior uniform:0,1 --bidders 2 --bids 1,x",
            "'x'",
        ),
        (
            "mechanism --prior exponential:1 --bidders 2 --bids 1,inf",
            "unbounded",
        ),
        ("curves --prior uniform:0,1 --bidders 2 --at 1,-3", "-3"),
    ]);
}

#[test]
fn verify_passes_and_reports_every_check() {
    let out = maxmin(&[
        "verify",
        "--prior",
        "uniform:0,1",
        "--bidders",
        "2",
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["passed"], true);
    let names: Vec<&str> = v["checks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    for name in [
        "lemma_7",
        "lemma_8",
        "lemma_9",
        "proposition_3",
        "dual_inequality",
    ] {
        assert!(names.contains(&name), "{names:?}");
    }
    assert_bad_input(
        &["verify", "--prior", "uniform:0,1", "--bidders", "x"],
        "'x'",
    );
}
