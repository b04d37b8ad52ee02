//! `maxmin verify`: the paper's theorems checked numerically on the maxmin
//! mechanism built for the problem (Lemmas 4, 7, 8, 9, Proposition 2 Step 1,
//! Proposition 3, equation (26) and the truthful profit); see
//! `maxmin_mechanism::verify`.

use std::fmt::Write as _;

use maxmin_mechanism::verify::{Report, verify};
use serde_json::json;

use crate::{Format, Problem, sig};

/// Arguments of `maxmin verify`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    #[command(flatten)]
    problem: Problem,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

/// Runs the checks: the report, and whether every check passed; the error is a
/// one-line message for bad input.
pub(crate) fn run(args: &Args) -> Result<(String, bool), String> {
    let solution = args.problem.solve()?;
    let report = verify(&solution);
    let text = match args.format {
        Format::Json => format!("{:#}\n", to_json(&report, &solution)),
        Format::Table => to_table(&report, &solution),
    };
    Ok((text, report.passed()))
}

fn to_json(report: &Report, solution: &maxmin_grading::Solution) -> serde_json::Value {
    let checks: Vec<serde_json::Value> = report
        .checks
        .iter()
        .map(|c| {
            json!({
                "name": c.name,
                "passed": c.passed,
                "residual": if c.residual.is_finite() { json!(c.residual) } else { json!(null) },
                "tolerance": c.tolerance,
                "description": c.description,
            })
        })
        .collect();
    let skipped: Vec<serde_json::Value> = report
        .skipped
        .iter()
        .map(|s| json!({ "name": s.name, "reason": s.reason }))
        .collect();
    json!({
        "prior": solution.prior().description(),
        "bidders": solution.bidders(),
        "cost": solution.cost(),
        "passed": report.passed(),
        "checks": checks,
        "skipped": skipped,
    })
}

fn to_table(report: &Report, solution: &maxmin_grading::Solution) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "verify: prior {}, N = {}, c = {}",
        solution.prior().description(),
        solution.bidders(),
        sig(solution.cost())
    );
    let _ = writeln!(
        out,
        "  {:<22} {:>6} {:>14} {:>14}",
        "check", "result", "residual", "tolerance"
    );
    for c in &report.checks {
        let _ = writeln!(
            out,
            "  {:<22} {:>6} {:>14} {:>14}",
            c.name,
            if c.passed { "pass" } else { "FAIL" },
            format!("{:.3e}", c.residual),
            format!("{:.3e}", c.tolerance)
        );
    }
    for s in &report.skipped {
        let _ = writeln!(out, "  {:<22} {:>6}  {}", s.name, "skip", s.reason);
    }
    let _ = writeln!(
        out,
        "{}",
        if report.passed() {
            "all checks passed"
        } else {
            "SOME CHECKS FAILED"
        }
    );
    out
}
