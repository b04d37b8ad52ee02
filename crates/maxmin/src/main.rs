//! `maxmin`: the maxmin auction of Brooks and Du (2019) from the command line.
//!
//! Every subcommand reads a prior SPEC, a number of bidders and a cost, and prints
//! a table for people or JSON for programs. Bad input of any kind ends with exit
//! status 2 and one line on standard error naming the offending value; this is
//! the only crate, with xtask, that prints.

mod asymptotics;
mod compare;
mod curves;
mod mechanism;
mod misspecified;
mod solve;
mod verify;

use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

/// Command-line arguments.
#[derive(Debug, Parser)]
#[command(
    name = "maxmin",
    version,
    about = "The maxmin auction and its profit guarantee for a common-value good \
             (Brooks and Du, Econometrica 2021)",
    long_about = None,
    allow_negative_numbers = true
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// The profit guarantee, the must-sell guarantee and the graded intervals of
    /// the minmax information structure.
    Solve(solve::Args),
    /// Allocations and transfers of the maxmin (or must-sell) mechanism at a bid
    /// profile.
    Mechanism(mechanism::Args),
    /// The functions behind the solution at chosen aggregate signals: hat w, bar w,
    /// bar gamma, bar Q, bar mu, bar lambda and bar Xi^p.
    Curves(curves::Args),
    /// The guarantees as the number of bidders grows: bar Pi_N, hat Pi_N, their
    /// scaled gaps and the limit they approach (Proposition 6).
    Asymptotics(asymptotics::Args),
    /// The guarantee of the mechanism designed for one prior when the value follows
    /// another (Propositions 7 and 8).
    Misspecified(misspecified::Args),
    /// The maxmin guarantee next to the mechanisms of Figure 4: must-sell, best
    /// posted price, first-price auction, Du's exponential mechanism.
    Compare(compare::Args),
    /// Checks the paper's theorems numerically on the mechanism built for the
    /// problem; exit status 0 when every check passes, 1 when one fails.
    Verify(verify::Args),
}

/// The problem every subcommand solves: a prior, a number of bidders and a cost.
#[derive(Debug, clap::Args)]
struct Problem {
    /// The prior H of the common value: uniform:A,B | intervals:A1,B1,A2,B2,... |
    /// discrete:V1@P1,V2@P2,... | exponential:RATE | pwl-cdf:V1@F1,V2@F2,... |
    /// samples:PATH (one value per line, or a CSV with a header whose first
    /// column holds the values).
    #[arg(long, value_name = "SPEC", value_parser = parse_prior)]
    prior: maxmin_prior::Prior,
    /// The number of bidders N.
    #[arg(long, value_name = "N", value_parser = parse_bidders, allow_negative_numbers = true)]
    bidders: u64,
    #[command(flatten)]
    cost: Cost,
}

/// The seller's production cost, as every subcommand takes it.
#[derive(Debug, clap::Args)]
struct Cost {
    /// The seller's production cost c.
    #[arg(
        long = "cost",
        value_name = "C",
        default_value = "0",
        value_parser = parse_cost,
        allow_negative_numbers = true
    )]
    value: f64,
}

impl Problem {
    fn solve(&self) -> Result<maxmin_grading::Solution, String> {
        maxmin_grading::solve(&self.prior, self.bidders, self.cost.value).map_err(|e| e.to_string())
    }
}

/// How results are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// Aligned text for people.
    Table,
    /// One JSON object for programs.
    Json,
}

/// Exit status for bad input (the same as clap's usage errors).
const BAD_INPUT: u8 = 2;
/// Exit status of `maxmin verify` when a check fails.
const CHECK_FAILED: u8 = 1;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => {
            if !err.use_stderr() {
                // --help and --version: print in full, succeed.
                let _ = err.print();
                return ExitCode::SUCCESS;
            }
            // One line: clap's message up to its usage hint, joined.
            let rendered = err.render().to_string();
            let line = rendered
                .lines()
                .take_while(|l| !l.starts_with("Usage:") && !l.starts_with("For more"))
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .collect::<Vec<_>>()
                .join(" ");
            eprintln!("{line} (see maxmin --help)");
            return ExitCode::from(BAD_INPUT);
        }
    };
    let result = match cli.command {
        Command::Solve(args) => solve::run(&args),
        Command::Mechanism(args) => mechanism::run(&args),
        Command::Curves(args) => curves::run(&args),
        Command::Asymptotics(args) => asymptotics::run(&args),
        Command::Misspecified(args) => misspecified::run(&args),
        Command::Compare(args) => compare::run(&args),
        Command::Verify(args) => match verify::run(&args) {
            Ok((text, passed)) => {
                print!("{text}");
                return if passed {
                    ExitCode::SUCCESS
                } else {
                    ExitCode::from(CHECK_FAILED)
                };
            }
            Err(message) => Err(message),
        },
    };
    match result {
        Ok(text) => {
            print!("{text}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(BAD_INPUT)
        }
    }
}

/// Parses `--bidders`: an integer from 1 up, with a message that names the value.
fn parse_bidders(text: &str) -> Result<u64, String> {
    match text.trim().parse::<u64>() {
        Ok(n) if (1..=maxmin_grading::MAX_BIDDERS).contains(&n) => Ok(n),
        _ => Err(format!(
            "'{text}' is not a valid number of bidders; use an integer from 1 to {}",
            maxmin_grading::MAX_BIDDERS
        )),
    }
}

/// Parses `--cost`: a finite number >= 0.
fn parse_cost(text: &str) -> Result<f64, String> {
    match text.trim().parse::<f64>() {
        Ok(c) if c.is_finite() && c >= 0.0 => Ok(c),
        _ => Err(format!(
            "'{text}' is not a valid cost; use a finite number >= 0"
        )),
    }
}

/// Parses `--prior` with the prior crate's SPEC grammar.
fn parse_prior(text: &str) -> Result<maxmin_prior::Prior, String> {
    maxmin_prior::Prior::parse(text).map_err(|e| e.to_string())
}

/// A comma-separated list of numbers, as one argument.
#[derive(Debug, Clone, PartialEq)]
struct Numbers(Vec<f64>);

/// Parses a comma-separated list of numbers (`inf` allowed); the range of each
/// value is checked where it is used, so that the message can say why.
fn parse_list(text: &str) -> Result<Numbers, String> {
    text.split(',')
        .map(|item| {
            item.trim()
                .parse::<f64>()
                .map_err(|_| format!("'{}' is not a number", item.trim()))
        })
        .collect::<Result<Vec<f64>, String>>()
        .map(Numbers)
}

/// A list of numbers of bidders, as one argument.
#[derive(Debug, Clone, PartialEq)]
struct BidderList(Vec<u64>);

/// The longest list of numbers of bidders `--bidders` accepts.
const MAX_BIDDER_LIST: usize = 1_000_000;

/// Parses a comma-separated list of numbers of bidders, each an integer or an
/// inclusive range A..B, every one from 1 up.
fn parse_bidder_list(text: &str) -> Result<BidderList, String> {
    let mut out = Vec::new();
    for item in text.split(',').map(str::trim) {
        let (lo, hi) = match item.split_once("..") {
            Some((a, b)) => (parse_bidders(a)?, parse_bidders(b)?),
            None => {
                let n = parse_bidders(item)?;
                (n, n)
            }
        };
        if lo > hi || out.len() as u64 + (hi - lo) >= MAX_BIDDER_LIST as u64 {
            return Err(format!(
                "'{item}' is not a valid range of bidders; use A..B with A <= B and at most \
                 {MAX_BIDDER_LIST} numbers in all"
            ));
        }
        out.extend(lo..=hi);
    }
    Ok(BidderList(out))
}

/// Ten significant digits, for tables.
fn sig(x: f64) -> String {
    if x == 0.0 || !x.is_finite() {
        return format!("{x}");
    }
    let digits = 10 - 1 - x.abs().log10().floor() as i32;
    if (0..=15).contains(&digits) {
        let s = format!("{x:.*}", digits as usize);
        if s.contains('.') {
            s.trim_end_matches('0').trim_end_matches('.').to_string()
        } else {
            s
        }
    } else {
        format!("{x:.9e}")
    }
}
