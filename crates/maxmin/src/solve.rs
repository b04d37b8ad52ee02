//! `maxmin solve`: bar Pi (equation 4), hat Pi (equation 28) and the graded
//! intervals of the minmax information structure (Section 4.1.1).

use std::fmt::Write as _;

use maxmin_grading::{Case, Solution};
use serde_json::json;

use crate::{Format, Problem, sig};

/// Arguments of `maxmin solve`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    #[command(flatten)]
    problem: Problem,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

/// Runs the command; the error is a one-line message for bad input.
pub(crate) fn run(args: &Args) -> Result<String, String> {
    let solution = args.problem.solve()?;
    Ok(match args.format {
        Format::Json => format!("{:#}\n", to_json(&solution)),
        Format::Table => to_table(&solution),
    })
}

fn share(solution: &Solution, value: f64) -> Option<f64> {
    let gains = solution.ex_ante_gains();
    (gains > 0.0).then(|| value / gains)
}

pub(crate) fn case_name(case: Case) -> &'static str {
    match case {
        Case::General => "general",
        Case::NoGainsFromTrade => "no_gains_from_trade",
        Case::CommonKnowledge => "common_knowledge",
    }
}

fn to_json(s: &Solution) -> serde_json::Value {
    let intervals: Vec<[f64; 2]> = s
        .graded_intervals()
        .iter()
        .map(|i| [i.start, i.end])
        .collect();
    json!({
        "prior": s.prior().description(),
        "bidders": s.bidders(),
        "cost": s.cost(),
        "case": case_name(s.case()),
        "case_reason": s.case().reason(),
        "profit_guarantee": s.profit_guarantee(),
        "must_sell_guarantee": s.must_sell_guarantee(),
        "ex_ante_gains": s.ex_ante_gains(),
        "profit_share_of_gains": share(s, s.profit_guarantee()),
        "graded_intervals": intervals,
        "single_crossing_cutoff": s.single_crossing_cutoff(),
        "estimated_error": s.estimated_error(),
    })
}

fn to_table(s: &Solution) -> String {
    let mut out = String::new();
    let percent = |v: f64| match share(s, v) {
        Some(r) => format!("  ({:.1}% of the ex ante gains)", 100.0 * r),
        None => String::new(),
    };
    let _ = writeln!(
        out,
        "prior {}, N = {} bidders, cost c = {}",
        s.prior().description(),
        s.bidders(),
        sig(s.cost())
    );
    if s.case() != Case::General {
        let _ = writeln!(out, "note: {}", s.case().reason());
    }
    let rows = [
        (
            "profit guarantee (bar Pi, can keep)",
            format!(
                "{}{}",
                sig(s.profit_guarantee()),
                percent(s.profit_guarantee())
            ),
        ),
        (
            "must-sell guarantee (hat Pi)",
            format!(
                "{}{}",
                sig(s.must_sell_guarantee()),
                percent(s.must_sell_guarantee())
            ),
        ),
        ("ex ante gains E[v] - c", sig(s.ex_ante_gains())),
        (
            "graded intervals (aggregate signal)",
            if s.graded_intervals().is_empty() {
                "none".to_string()
            } else {
                s.graded_intervals()
                    .iter()
                    .map(|i| format!("[{}, {}]", sig(i.start), sig(i.end)))
                    .collect::<Vec<_>>()
                    .join(" ")
            },
        ),
        (
            "single-crossing cutoff x*",
            match s.single_crossing_cutoff() {
                Some(x) => sig(x),
                None => "not single-crossing".to_string(),
            },
        ),
    ];
    for (label, value) in rows {
        let _ = writeln!(out, "  {label:<37} {value}");
    }
    out
}
