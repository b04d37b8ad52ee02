//! `maxmin misspecified`: the guarantee of the maxmin mechanism designed for one
//! prior when the value follows another (Proposition 7), and its value multipliers
//! bar lambda_N(v; H) against v - c (Proposition 8).

use std::fmt::Write as _;

use maxmin_asymptotics::DesignedMechanism;
use maxmin_grading::solve;
use maxmin_prior::Prior;
use serde_json::json;

use crate::mechanism::finite_or_string;
use crate::{Cost, Format, Numbers, parse_bidders, parse_list, parse_prior, sig};

/// Arguments of `maxmin misspecified`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The prior H the mechanism is designed for (the SPEC grammar of `maxmin solve`).
    #[arg(long, value_name = "SPEC", value_parser = parse_prior)]
    design_prior: Prior,
    /// The prior H' the value actually follows.
    #[arg(long, value_name = "SPEC", value_parser = parse_prior)]
    true_prior: Prior,
    /// The number of bidders N.
    #[arg(long, value_name = "N", value_parser = parse_bidders, allow_negative_numbers = true)]
    bidders: u64,
    #[command(flatten)]
    cost: Cost,
    /// Values V1,V2,... (each >= 0) at which to tabulate bar lambda_N(v; H) against
    /// v - c.
    #[arg(long, value_name = "V1,V2,...", value_parser = parse_list, allow_negative_numbers = true)]
    at: Option<Numbers>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

/// Runs the command; the error is a one-line message for bad input.
pub(crate) fn run(args: &Args) -> Result<String, String> {
    let values = args.at.as_ref().map_or(&[][..], |n| &n.0[..]);
    if let Some(&v) = values.iter().find(|v| !(v.is_finite() && **v >= 0.0)) {
        return Err(format!(
            "'{v}' is not a valid value for --at; use finite numbers >= 0"
        ));
    }
    let designed = DesignedMechanism::new(&args.design_prior, args.bidders, args.cost.value)
        .map_err(|e| e.to_string())?;
    let guarantee = designed
        .guarantee_under(&args.true_prior)
        .map_err(|e| e.to_string())?;
    let optimal = solve(&args.true_prior, args.bidders, args.cost.value)
        .map_err(|e| e.to_string())?
        .profit_guarantee();
    let design_guarantee = designed.solution().profit_guarantee();
    let true_gains = args.true_prior.mean() - args.cost.value;
    let multipliers: Vec<(f64, f64)> = values
        .iter()
        .map(|&v| (v, designed.value_multiplier(v)))
        .collect();
    Ok(match args.format {
        Format::Json => {
            let table: Vec<_> = multipliers
                .iter()
                .map(|&(v, l)| {
                    json!({"value": v, "multiplier": finite_or_string(l), "gains": v - args.cost.value})
                })
                .collect();
            let value = json!({
                "design_prior": args.design_prior.description(),
                "true_prior": args.true_prior.description(),
                "bidders": args.bidders,
                "cost": args.cost.value,
                "guarantee": guarantee,
                "design_guarantee": design_guarantee,
                "true_optimal_guarantee": optimal,
                "true_ex_ante_gains": true_gains,
                "value_multipliers": table,
            });
            format!("{value:#}\n")
        }
        Format::Table => {
            let mut out = String::new();
            let _ = writeln!(
                out,
                "maxmin mechanism designed for {}, value distributed as {}; N = {}, c = {}",
                args.design_prior.description(),
                args.true_prior.description(),
                args.bidders,
                sig(args.cost.value)
            );
            let rows = [
                ("guarantee (Proposition 7, bar Pi_N(H, H'))", guarantee),
                (
                    "guarantee under the design prior (bar Pi_N(H))",
                    design_guarantee,
                ),
                (
                    "best guarantee under the true prior (bar Pi_N(H'))",
                    optimal,
                ),
                ("ex ante gains under the true prior", true_gains),
            ];
            for (label, value) in rows {
                let _ = writeln!(out, "  {label:<52} {}", sig(value));
            }
            if !multipliers.is_empty() {
                let _ = writeln!(
                    out,
                    "  value multipliers (Proposition 8: bar lambda_N(v; H) -> v - c as N grows)"
                );
                let _ = writeln!(
                    out,
                    "  {:>16} {:>20} {:>16}",
                    "v", "bar lambda_N(v; H)", "v - c"
                );
                for (v, l) in multipliers {
                    let _ = writeln!(
                        out,
                        "  {:>16} {:>20} {:>16}",
                        sig(v),
                        sig(l),
                        sig(v - args.cost.value)
                    );
                }
            }
            out
        }
    })
}
