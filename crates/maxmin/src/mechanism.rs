//! `maxmin mechanism`: allocations and transfers of the maxmin mechanism
//! (Section 4.1.2; the must-sell mechanism of Section 4.3 with `--must-sell`) at
//! one bid profile.

use std::fmt::Write as _;

use maxmin_mechanism::{Evaluation, Mechanism};
use serde_json::{Value, json};

use crate::{Format, Numbers, Problem, parse_list, sig};

/// Arguments of `maxmin mechanism`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    #[command(flatten)]
    problem: Problem,
    /// The bids (messages) M1,M2,...,MN in aggregate-signal units, each >= 0 or inf
    /// (for one bidder: a willingness to pay).
    #[arg(long, value_name = "M1,M2,...", value_parser = parse_list, allow_negative_numbers = true)]
    bids: Numbers,
    /// The must-sell mechanism of Section 4.3 instead of the maxmin mechanism.
    #[arg(long)]
    must_sell: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

/// Runs the command; the error is a one-line message for bad input.
pub(crate) fn run(args: &Args) -> Result<String, String> {
    let solution = args.problem.solve()?;
    let mechanism = if args.must_sell {
        Mechanism::must_sell(&solution)
    } else {
        Mechanism::maxmin(&solution)
    };
    let outcome = mechanism.outcome(&args.bids.0).map_err(|e| e.to_string())?;
    let total: f64 = args.bids.0.iter().sum();
    let (kind, supply, sensitivity, excess) = match &mechanism {
        Mechanism::Proportional(m) => (
            "proportional",
            Some(m.aggregate_supply(total)),
            Some(m.allocation_sensitivity(total)),
            Some(m.premium_excess_growth(total)),
        ),
        Mechanism::PostedPrice(_) => ("random_posted_price", None, None, None),
        Mechanism::NoSale => ("no_sale", None, None, None),
    };
    let errors = match &outcome.evaluation {
        Evaluation::Exact => None,
        Evaluation::Sampled {
            standard_errors, ..
        } => Some(standard_errors.clone()),
    };
    Ok(match args.format {
        Format::Json => {
            let value = json!({
                "bidders": solution.bidders(),
                "cost": solution.cost(),
                "must_sell": args.must_sell,
                "mechanism": kind,
                "bids": args.bids.0.iter().map(|&b| finite_or_string(b)).collect::<Vec<_>>(),
                "allocation": outcome.allocation,
                "transfers": outcome.transfers,
                "aggregate_supply": supply,
                "allocation_sensitivity": sensitivity.map(finite_or_string),
                "premium_excess_growth": excess,
                "evaluation": if errors.is_some() { "sampled" } else { "exact" },
                "transfer_standard_errors": errors,
            });
            format!("{value:#}\n")
        }
        Format::Table => {
            let mut out = String::new();
            let _ = writeln!(
                out,
                "{} mechanism, prior {}, N = {}, c = {}",
                if args.must_sell {
                    "must-sell"
                } else {
                    "maxmin"
                },
                solution.prior().description(),
                solution.bidders(),
                sig(solution.cost())
            );
            if let (Some(q), Some(mu), Some(xi)) = (supply, sensitivity, excess) {
                let _ = writeln!(
                    out,
                    "  aggregate bid {}: supply bar Q = {}, sensitivity bar mu = {}, premium excess growth = {}",
                    sig(total),
                    sig(q),
                    sig(mu),
                    sig(xi)
                );
            } else {
                let _ = writeln!(out, "  ({kind})");
            }
            let _ = writeln!(
                out,
                "  {:>7} {:>16} {:>16} {:>16}",
                "bidder", "bid", "allocation", "transfer"
            );
            for (i, ((b, q), t)) in args
                .bids
                .0
                .iter()
                .zip(&outcome.allocation)
                .zip(&outcome.transfers)
                .enumerate()
            {
                let error = match &errors {
                    Some(e) => format!(" ± {}", sig(e[i])),
                    None => String::new(),
                };
                let _ = writeln!(
                    out,
                    "  {:>7} {:>16} {:>16} {:>16}{error}",
                    i + 1,
                    sig(*b),
                    sig(*q),
                    sig(*t)
                );
            }
            out
        }
    })
}

/// JSON has no infinity: infinite values are written as the string "inf".
pub(crate) fn finite_or_string(x: f64) -> Value {
    if x.is_finite() {
        json!(x)
    } else if x > 0.0 {
        json!("inf")
    } else {
        json!("-inf")
    }
}
