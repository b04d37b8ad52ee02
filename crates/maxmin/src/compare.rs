//! `maxmin compare`: the maxmin auction's guarantee next to those of the mechanisms
//! of Figure 4 (Section 6.1): the must-sell maxmin auction, the best posted price,
//! the first-price auction and Du's (2018) exponential mechanism.

use std::fmt::Write as _;

use maxmin_compare::{
    CompareError, ExponentialMechanism, PostedPrice, best_posted_price, du_exponential_mechanism,
    first_price_guarantee,
};
use maxmin_grading::Solution;
use serde_json::{Map, Value, json};

use crate::{Format, Problem, sig};

/// Arguments of `maxmin compare`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    #[command(flatten)]
    problem: Problem,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

/// The guarantees of every mechanism; a comparison mechanism whose formula does
/// not apply carries the reason instead.
struct Comparison {
    solution: Solution,
    posted: Result<PostedPrice, CompareError>,
    first_price: Result<f64, CompareError>,
    du: Result<ExponentialMechanism, CompareError>,
}

/// Runs the command; the error is a one-line message for bad input.
pub(crate) fn run(args: &Args) -> Result<String, String> {
    let p = &args.problem;
    let comparison = Comparison {
        solution: p.solve()?,
        posted: best_posted_price(&p.prior, p.cost.value),
        first_price: first_price_guarantee(&p.prior, p.bidders, p.cost.value),
        du: du_exponential_mechanism(&p.prior, p.bidders, p.cost.value),
    };
    Ok(match args.format {
        Format::Json => format!("{:#}\n", to_json(&comparison)),
        Format::Table => to_table(&comparison),
    })
}

/// The guarantee as a number, or null with the reason recorded.
fn guarantee_or_reason<T>(
    name: &str,
    result: &Result<T, CompareError>,
    guarantee: impl Fn(&T) -> f64,
    reasons: &mut Map<String, Value>,
) -> Value {
    match result {
        Ok(t) => json!(guarantee(t)),
        Err(e) => {
            reasons.insert(name.to_string(), json!(e.to_string()));
            Value::Null
        }
    }
}

fn to_json(c: &Comparison) -> Value {
    let s = &c.solution;
    let mut reasons = Map::new();
    let posted = guarantee_or_reason("posted_price", &c.posted, |p| p.guarantee, &mut reasons);
    let first = guarantee_or_reason("first_price", &c.first_price, |g| *g, &mut reasons);
    let du = guarantee_or_reason("du2018", &c.du, |d| d.guarantee, &mut reasons);
    json!({
        "prior": s.prior().description(),
        "bidders": s.bidders(),
        "cost": s.cost(),
        "ex_ante_gains": s.ex_ante_gains(),
        "maxmin": s.profit_guarantee(),
        "must_sell": s.must_sell_guarantee(),
        "posted_price": posted,
        "first_price": first,
        "du2018": du,
        "posted_price_details": c.posted.as_ref().ok().map(|p| json!({
            "price": p.price,
            "sale_probability": p.sale_probability,
        })),
        "du2018_parameters": c.du.as_ref().ok().map(|d| json!({
            "scale": d.scale,
            "top_marginal_price": d.top_marginal_price,
            "fee": d.fee,
        })),
        "reasons": reasons,
    })
}

fn to_table(c: &Comparison) -> String {
    let s = &c.solution;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "prior {}, N = {} bidders, cost c = {}: profit guarantees over all information \
         structures and equilibria",
        s.prior().description(),
        s.bidders(),
        sig(s.cost())
    );
    let line = |label: &str, value: String| format!("  {label:<44} {value}\n");
    let or_reason = |result: Result<String, &CompareError>| match result {
        Ok(text) => text,
        Err(e) => format!("not available: {e}"),
    };
    out += &line("maxmin auction (bar Pi)", sig(s.profit_guarantee()));
    out += &line(
        "must-sell maxmin auction (hat Pi)",
        sig(s.must_sell_guarantee()),
    );
    out += &line(
        "best posted price",
        or_reason(c.posted.as_ref().map(|p| match p.price {
            Some(price) => format!(
                "{}  (price {}, sold with probability {} in the worst case)",
                sig(p.guarantee),
                sig(price),
                sig(p.sale_probability)
            ),
            None => "0  (no price beats keeping the good)".to_string(),
        })),
    );
    out += &line(
        "first-price auction (Bergemann et al. 2017)",
        or_reason(c.first_price.as_ref().map(|g| sig(*g))),
    );
    out += &line(
        "Du (2018) exponential mechanism",
        or_reason(c.du.as_ref().map(|d| {
            format!(
                "{}  (A = {}, xbar = {}; guarantee by its duality certificate)",
                sig(d.guarantee),
                sig(d.scale),
                sig(d.top_marginal_price)
            )
        })),
    );
    out += &line("ex ante gains E[v] - c", sig(s.ex_ante_gains()));
    out
}
