//! `maxmin curves`: the functions behind the solution at chosen aggregate signals
//! x: hat w, bar w, bar gamma (Section 4.1.1), bar Q, bar mu, bar lambda(hat w(x))
//! and bar Xi^p (equations 15, 16, 18, 19).

use std::fmt::Write as _;

use clap::ValueEnum;
use maxmin_mechanism::Mechanism;
use serde_json::Value;

use crate::mechanism::finite_or_string;
use crate::{Numbers, Problem, parse_list};

/// Output formats of `maxmin curves`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum CurveFormat {
    /// Comma-separated values with a header line.
    Csv,
    /// A JSON array of objects.
    Json,
}

/// Arguments of `maxmin curves`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    #[command(flatten)]
    problem: Problem,
    /// Aggregate signals X1,X2,... (each >= 0) at which to evaluate.
    #[arg(long, value_name = "X1,X2,...", value_parser = parse_list, allow_negative_numbers = true)]
    at: Numbers,
    /// Output format.
    #[arg(long, value_enum, default_value_t = CurveFormat::Csv)]
    format: CurveFormat,
}

const COLUMNS: [&str; 8] = [
    "x",
    "hat_w",
    "bar_w",
    "bar_gamma",
    "aggregate_supply",
    "allocation_sensitivity",
    "value_multiplier",
    "premium_excess_growth",
];

/// Runs the command; the error is a one-line message for bad input.
pub(crate) fn run(args: &Args) -> Result<String, String> {
    if let Some(&x) = args.at.0.iter().find(|x| !(x.is_finite() && **x >= 0.0)) {
        return Err(format!(
            "aggregate signal {x} is not valid; use finite numbers >= 0"
        ));
    }
    let solution = args.problem.solve()?;
    let mechanism = Mechanism::maxmin(&solution);
    let rows: Vec<[Option<f64>; 8]> = args
        .at
        .0
        .iter()
        .map(|&x| {
            let hat_w = solution.fully_revealing_value(x);
            let mech = match &mechanism {
                Mechanism::Proportional(m) => Some((
                    m.aggregate_supply(x),
                    m.allocation_sensitivity(x),
                    m.value_multiplier(hat_w),
                    m.premium_excess_growth(x),
                )),
                _ => None,
            };
            [
                Some(x),
                Some(hat_w),
                Some(solution.graded_value(x)),
                Some(solution.graded_gains(x)),
                mech.map(|m| m.0),
                mech.map(|m| m.1),
                mech.map(|m| m.2),
                mech.map(|m| m.3),
            ]
        })
        .collect();
    Ok(match args.format {
        CurveFormat::Json => {
            let array: Vec<Value> = rows
                .iter()
                .map(|row| {
                    let mut object = serde_json::Map::new();
                    for (name, value) in COLUMNS.iter().zip(row) {
                        let v = value.map_or(Value::Null, finite_or_string);
                        object.insert((*name).to_string(), v);
                    }
                    Value::Object(object)
                })
                .collect();
            format!("{:#}\n", Value::Array(array))
        }
        CurveFormat::Csv => {
            let mut out = COLUMNS.join(",");
            out.push('\n');
            for row in &rows {
                let cells: Vec<String> = row
                    .iter()
                    .map(|v| v.map_or(String::new(), |x| format!("{x:?}")))
                    .collect();
                let _ = writeln!(out, "{}", cells.join(","));
            }
            out
        }
    })
}
