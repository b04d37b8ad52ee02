//! `maxmin asymptotics`: the guarantees bar Pi_N and hat Pi_N over a list of N,
//! their scaled gaps sqrt(N) (`E[v] - c` - Pi_N) and the limit constant they approach
//! (Proposition 6), and the bottom graded interval's end x_N against the limit
//! cutoff x* (Lemma 18).

use std::fmt::Write as _;
use std::io::IsTerminal as _;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use maxmin_asymptotics::{CentralLimit, GuaranteeRow, guarantee_sequence};
use maxmin_prior::Prior;
use serde_json::{Value, json};

use crate::mechanism::finite_or_string;
use crate::{BidderList, Cost, Format, parse_bidder_list, parse_prior, sig};

/// Sweeps over at least this many N show a progress bar (on a terminal only).
const PROGRESS_MIN_BIDDER_COUNT: usize = 200;

/// Arguments of `maxmin asymptotics`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The prior H of the common value (the SPEC grammar of `maxmin solve`).
    #[arg(long, value_name = "SPEC", value_parser = parse_prior)]
    prior: Prior,
    #[command(flatten)]
    cost: Cost,
    /// The numbers of bidders: a comma-separated list of integers and inclusive
    /// ranges, e.g. 1,2,5,10 or 1..1000,10000.
    #[arg(long, value_name = "N1,N2,...", value_parser = parse_bidder_list, allow_negative_numbers = true)]
    bidders: BidderList,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

/// Runs the command; the error is a one-line message for bad input.
pub(crate) fn run(args: &Args) -> Result<String, String> {
    let bidders = &args.bidders.0;
    let bar = (bidders.len() >= PROGRESS_MIN_BIDDER_COUNT && std::io::stderr().is_terminal())
        .then(|| progress_bar(bidders.len()));
    let rows = guarantee_sequence(&args.prior, args.cost.value, bidders, |_| {
        if let Some(bar) = &bar {
            bar.inc(1);
        }
    });
    if let Some(bar) = &bar {
        bar.finish_and_clear();
    }
    let rows = rows.map_err(|e| e.to_string())?;
    let limit = CentralLimit::new(&args.prior, args.cost.value).map_err(|e| e.to_string());
    Ok(match args.format {
        Format::Json => format!("{:#}\n", to_json(args, &rows, &limit)),
        Format::Table => to_table(args, &rows, &limit),
    })
}

fn progress_bar(total: usize) -> ProgressBar {
    let bar = ProgressBar::with_draw_target(Some(total as u64), ProgressDrawTarget::stderr());
    if let Ok(style) = ProgressStyle::with_template("solving {pos}/{len} [{bar:40}] {eta} left") {
        bar.set_style(style.progress_chars("=> "));
    }
    bar
}

/// Why x* is what it is, in words.
fn cutoff_note(cutoff: f64) -> &'static str {
    if cutoff == f64::NEG_INFINITY {
        "v > c almost surely: in the limit nothing is graded"
    } else {
        "positive probability of non-positive gains: the limit grades (-inf, x*]"
    }
}

fn to_json(args: &Args, rows: &[GuaranteeRow], limit: &Result<CentralLimit, String>) -> Value {
    let rows: Vec<Value> = rows
        .iter()
        .map(|r| {
            json!({
                "bidders": r.bidders,
                "profit_guarantee": r.profit_guarantee,
                "must_sell_guarantee": r.must_sell_guarantee,
                "ex_ante_gains": r.ex_ante_gains,
                "scaled_gap": r.scaled_gap,
                "must_sell_scaled_gap": r.must_sell_scaled_gap,
                "graded_end": r.graded_end.map(finite_or_string),
            })
        })
        .collect();
    let (gap, must_sell_gap, cutoff, note) = match limit {
        Ok(l) => (
            json!(l.scaled_gap()),
            json!(l.must_sell_scaled_gap()),
            finite_or_string(l.cutoff()),
            cutoff_note(l.cutoff()).to_string(),
        ),
        Err(reason) => (Value::Null, Value::Null, Value::Null, reason.clone()),
    };
    json!({
        "prior": args.prior.description(),
        "cost": args.cost.value,
        "rows": rows,
        "limit_scaled_gap": gap,
        "limit_must_sell_scaled_gap": must_sell_gap,
        "limit_cutoff": cutoff,
        "limit_note": note,
    })
}

fn to_table(args: &Args, rows: &[GuaranteeRow], limit: &Result<CentralLimit, String>) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "prior {}, cost c = {}, ex ante gains E[v] - c = {}",
        args.prior.description(),
        sig(args.cost.value),
        sig(args.prior.mean() - args.cost.value)
    );
    let _ = writeln!(
        out,
        "  {:>9} {:>16} {:>16} {:>16} {:>16} {:>16}",
        "N", "bar Pi_N", "hat Pi_N", "scaled gap", "must-sell gap", "x_N"
    );
    for r in rows {
        let _ = writeln!(
            out,
            "  {:>9} {:>16} {:>16} {:>16} {:>16} {:>16}",
            r.bidders,
            sig(r.profit_guarantee),
            sig(r.must_sell_guarantee),
            sig(r.scaled_gap),
            sig(r.must_sell_scaled_gap),
            r.graded_end.map_or("-".to_string(), sig)
        );
    }
    match limit {
        Ok(l) => {
            let _ = writeln!(
                out,
                "  {:>9} {:>16} {:>16} {:>16} {:>16} {:>16}",
                "limit",
                "",
                "",
                sig(l.scaled_gap()),
                sig(l.must_sell_scaled_gap()),
                sig(l.cutoff())
            );
            let _ = writeln!(
                out,
                "  x* = {}: {}",
                sig(l.cutoff()),
                cutoff_note(l.cutoff())
            );
        }
        Err(reason) => {
            let _ = writeln!(out, "  no many-bidder limit: {reason}");
        }
    }
    let _ = writeln!(
        out,
        "  scaled gap = sqrt(N) (E[v] - c - bar Pi_N), must-sell gap the same with hat Pi_N \
         (both tend to the limit row, Proposition 6); x_N = end of the graded interval at 0, \
         (x - (N - 1)) / sqrt(N - 1), tends to x* (Lemma 18)"
    );
    out
}
