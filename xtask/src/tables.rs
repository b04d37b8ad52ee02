//! The markdown tables under docs/tables: the graded intervals and guarantees of the
//! Figure 1 and Figure 3 problems, and the paper's numerical claims with our values
//! beside them.

use maxmin_asymptotics::{CentralLimit, guarantee_sequence};
use maxmin_erlang::Erlang;
use maxmin_grading::{Solution, solve};

use crate::Result;
use crate::figure1::uniform_prior;
use crate::figure3::{self, gap_prior};
use crate::figure4::{self, Figure4};
use crate::number::{SIGNIFICANT_DIGITS, render, subscript};
use crate::table::{Cell, Table};

/// One problem of the graded-intervals table.
struct Problem {
    figure: &'static str,
    solution: Solution,
}

fn problems() -> Result<Vec<Problem>> {
    Ok(vec![
        Problem {
            figure: "Figures 1 and 2",
            solution: solve(&uniform_prior()?, 2, 0.0)?,
        },
        Problem {
            figure: "Figure 3",
            solution: solve(&gap_prior()?, figure3::BIDDERS, figure3::COST)?,
        },
    ])
}

/// docs/tables/graded-intervals.md: for each problem, the guarantees and the graded
/// intervals [a, b] with bar gamma at their ends.
pub fn graded_intervals() -> Result<String> {
    let problems = problems()?;
    let mut summary = Table::new(&[
        "figure",
        "prior H",
        "N",
        "c",
        "E[v] − c",
        "Π̄ (can keep)",
        "Π̂ (must sell)",
        "Π̄ / (E[v] − c)",
        "x* (single crossing)",
    ]);
    let mut intervals = Table::new(&["figure", "interval", "a", "b", "γ̄(a)", "γ̄(b)"]);
    for p in &problems {
        let s = &p.solution;
        summary.push(vec![
            p.figure.into(),
            s.prior().description().into(),
            s.bidders().into(),
            s.cost().into(),
            s.ex_ante_gains().into(),
            s.profit_guarantee().into(),
            s.must_sell_guarantee().into(),
            (s.profit_guarantee() / s.ex_ante_gains()).into(),
            s.single_crossing_cutoff()
                .map_or(Cell::from("not single-crossing"), Cell::from),
        ]);
        for (k, i) in s.graded_intervals().iter().enumerate() {
            intervals.push(vec![
                p.figure.into(),
                ((k + 1) as u64).into(),
                i.start.into(),
                i.end.into(),
                i.gains(i.start).into(),
                i.end_gains().into(),
            ]);
        }
    }
    Ok(format!(
        "# Graded intervals and guarantees\n\n\
         The problems of Figures 1 to 3, solved by `maxmin_grading::solve`. Signals are in\n\
         aggregate-signal units; on a graded interval [a, b] the graded gains function is\n\
         γ̄(x) = γ̄(b) e^(x − b) (Section 4.1.1).\n\n\
         ## Guarantees\n\n{}\n\
         ## Graded intervals\n\n{}",
        summary.to_markdown(),
        intervals.to_markdown()
    ))
}

/// A numerical claim of the paper (or of an independent reference computation) and the
/// workspace's value.
pub struct Claim {
    /// What is claimed.
    pub claim: String,
    /// Where (the paper's section, or the reference).
    pub source: &'static str,
    /// The paper's or the reference's value, as written there.
    pub stated: String,
    /// How our value is compared with the stated one.
    pub check: Check,
    /// Our value.
    pub ours: f64,
    /// The significant digits our value is shown with: all ten, or two for a value
    /// that is a small difference of two larger results (whose later digits would be
    /// the libraries' rounding noise).
    pub significant_digits: usize,
}

/// How a claim is compared with our value.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Check {
    /// The stated value is this number (to the digits the paper gives).
    Equals(f64),
    /// The paper states a lower bound.
    AtLeast(f64),
    /// The paper states a count or an exact end point, which ours must equal exactly.
    Exactly(f64),
    /// The paper gives the equation our value solves; this is its residual at our value.
    Solves(f64),
}

/// Differences below this are shown as such rather than as a number: they are the
/// last-ulp noise of the libraries' results, which the files must not depend on.
const AGREEMENT_FLOOR: f64 = 1e-12;

impl Check {
    fn describe(self, ours: f64) -> String {
        match self {
            Check::Equals(r) => {
                let d = (ours - r).abs();
                if d < AGREEMENT_FLOOR {
                    "difference < 1e-12".to_string()
                } else {
                    format!("difference {d:.1e}")
                }
            }
            Check::Exactly(r) if ours == r => "equal".to_string(),
            Check::Exactly(_) => "DIFFERS".to_string(),
            Check::Solves(residual) if residual.abs() < AGREEMENT_FLOOR => {
                "residual < 1e-12".to_string()
            }
            Check::Solves(residual) => format!("residual {:.1e}", residual.abs()),
            Check::AtLeast(bound) if ours >= bound => format!("holds (≥ {})", render(bound)),
            Check::AtLeast(bound) => format!("FAILS (< {})", render(bound)),
        }
    }
}

impl Claim {
    fn new(claim: &str, source: &'static str, stated: &str, check: Check, ours: f64) -> Claim {
        Claim {
            claim: claim.to_string(),
            source,
            stated: stated.to_string(),
            check,
            ours,
            significant_digits: SIGNIFICANT_DIGITS,
        }
    }

    /// The same claim with our value shown to two significant digits.
    fn coarse(self) -> Claim {
        Claim {
            significant_digits: 2,
            ..self
        }
    }

    fn ours_cell(&self) -> Cell {
        if self.significant_digits == SIGNIFICANT_DIGITS {
            Cell::Number(self.ours)
        } else {
            Cell::Text(format!("{:.*e}", self.significant_digits - 1, self.ours))
        }
    }
}

/// Every claim: those of Sections 1 to 4 from the grading layer, then those of
/// Section 6 from the Figure 4 data and the asymptotics layer.
pub fn claims(figure4: &Figure4) -> Result<Vec<Claim>> {
    let mut all = grading_claims()?;
    all.extend(section_6_claims(figure4)?);
    Ok(all)
}

/// The claims that need only the grading layer: the 56 percent, the cutoff x* for one
/// and two bidders, bar Pi_1, the must-sell closed form and the Figure 3 intervals.
fn grading_claims() -> Result<Vec<Claim>> {
    let uniform = uniform_prior()?;
    let one = solve(&uniform, 1, 0.0)?;
    let two = solve(&uniform, 2, 0.0)?;
    let cutoff = |s: &Solution| {
        s.single_crossing_cutoff()
            .ok_or("the uniform prior is single-crossing (Section 4.4)")
    };
    // The residual of Section 4.4's equation G_N(x*) - c = 2 g_{N+1}(x*) at our x*.
    let x_two = cutoff(&two)?;
    let residual = Erlang::new(2)?.cdf(x_two) - 2.0 * Erlang::new(3)?.pdf(x_two);
    let mut claims = vec![
        Claim::new(
            "share of the ex ante surplus guaranteed, Π̄₂ / (E[v] − c), v ~ U[0, 1], c = 0",
            "Introduction",
            "at least 56 percent",
            Check::AtLeast(0.56),
            two.profit_guarantee() / two.ex_ante_gains(),
        ),
        Claim::new(
            "Π̄₂, v ~ U[0, 1], c = 0",
            "independent computation (LP bounds [0.2772, 0.2849])",
            "0.2805 (four digits)",
            Check::Equals(0.2805),
            two.profit_guarantee(),
        ),
        Claim::new(
            "Π̄₁, v ~ U[0, 1], c = 0",
            "independent computation",
            "0.2036321888",
            Check::Equals(0.203_632_188_8),
            one.profit_guarantee(),
        ),
        Claim::new(
            "x*, N = 1 (graded interval [0, x*])",
            "independent computation: −ln(1 − 0.7153318630)",
            "1.2564312086",
            Check::Equals(1.256_431_208_6),
            cutoff(&one)?,
        ),
        Claim::new(
            "x*, N = 2 (graded interval [0, x*])",
            "Section 4.4: the root of G₂(x) − c = 2 g₃(x)",
            "the root",
            Check::Solves(residual),
            x_two,
        ),
    ];
    for (n, fraction, value) in [
        (1, "0 (= γ̂(0))", 0.0),
        (2, "1/4", 0.25),
        (3, "5/16", 0.3125),
        (4, "11/32", 0.34375),
        (5, "93/256", 0.363_281_25),
    ] {
        claims.push(Claim::new(
            &format!(
                "Π̂{} = 1/2 − C(2N−2, N−1)/2^(2N−1), v ~ U[0, 1], c = 0",
                subscript(n)
            ),
            "equation (28), closed form for the uniform prior",
            fraction,
            Check::Equals(value),
            solve(&uniform, n, 0.0)?.must_sell_guarantee(),
        ));
    }
    let gap = solve(&gap_prior()?, figure3::BIDDERS, figure3::COST)?;
    claims.push(Claim::new(
        "number of graded intervals, Figure 3 prior",
        "Section 4.1.4: [0, x₁] and [x₂, x₃]",
        "2",
        Check::Exactly(2.0),
        gap.graded_intervals().len() as f64,
    ));
    claims.push(Claim::new(
        "first graded interval starts at 0, Figure 3 prior",
        "Section 4.1.4",
        "0",
        Check::Exactly(0.0),
        gap.graded_intervals().first().map_or(f64::NAN, |i| i.start),
    ));
    Ok(claims)
}

/// The claims of Section 6.1 (Figure 4) and Proposition 6.
fn section_6_claims(f: &Figure4) -> Result<Vec<Claim>> {
    let row = |n: u64| {
        f.rows
            .iter()
            .find(|r| r.bidders == n)
            .ok_or("Figure 4 covers N = 1 to 30")
    };
    let steps = |value: fn(&figure4::Row) -> f64| {
        f.rows
            .windows(2)
            .map(|w| value(&w[1]) - value(&w[0]))
            .fold(f64::INFINITY, f64::min)
    };
    let smallest_lead = f
        .rows
        .iter()
        .map(|r| r.profit_guarantee - r.must_sell_guarantee)
        .fold(f64::INFINITY, f64::min);
    let uniform = uniform_prior()?;
    let limit = CentralLimit::new(&uniform, 0.0)?;
    let many = guarantee_sequence(&uniform, 0.0, &[MANY_BIDDERS], |_| {})?;
    let many = many.first().ok_or("one row per N")?;
    let constant = 0.5 / std::f64::consts::PI.sqrt();
    let last = figure4::MAX_BIDDERS;
    Ok(vec![
        Claim::new(
            "Π̄₃, v ~ U[0, 1], c = 0",
            "independent computation",
            "about 0.321",
            Check::Equals(0.321),
            row(3)?.profit_guarantee,
        ),
        Claim::new(
            "Du's (2018) guarantee for N = 1 equals Π̄₁ (his mechanism is optimal there)",
            "Section 6.1; independent computation of Π̄₁",
            "0.2036321888",
            Check::Equals(0.203_632_188_8),
            row(1)?.du,
        ),
        Claim::new(
            "first-price auction's guarantee (N − 1)/(4N − 2), N = 2",
            "Section 6.1 (Bergemann, Brooks and Morris 2017)",
            "1/6",
            Check::Equals(1.0 / 6.0),
            row(2)?.first_price,
        ),
        Claim::new(
            &format!("first-price auction's guarantee (N − 1)/(4N − 2), N = {last}"),
            "Section 6.1 (Bergemann, Brooks and Morris 2017)",
            "29/118",
            Check::Equals(29.0 / 118.0),
            row(last)?.first_price,
        ),
        Claim::new(
            "best posted price's guarantee",
            "Section 6.1, footnote 18",
            "1/8",
            Check::Equals(0.125),
            row(1)?.posted_price,
        ),
        Claim::new(
            "best posted price",
            "Section 6.1, footnote 18",
            "1/4",
            Check::Equals(0.25),
            f.posted_price,
        ),
        Claim::new(
            &format!("Π̄_N increases in N: smallest Π̄_(N+1) − Π̄_N, N = 1 to {last}"),
            "Section 6.1 (Figure 4)",
            "increasing",
            Check::AtLeast(0.0),
            steps(|r| r.profit_guarantee),
        ),
        Claim::new(
            &format!("Π̂_N increases in N: smallest Π̂_(N+1) − Π̂_N, N = 1 to {last}"),
            "Section 6.1 (Figure 4)",
            "increasing",
            Check::AtLeast(0.0),
            steps(|r| r.must_sell_guarantee),
        ),
        Claim::new(
            &format!("can keep above must sell: smallest Π̄_N − Π̂_N, N = 1 to {last}"),
            "Section 6.1 (Figure 4)",
            "≥ 0",
            Check::AtLeast(0.0),
            smallest_lead,
        )
        .coarse(),
        Claim::new(
            "limit of √N (E[v] − c − Π̄_N), v ~ U[0, 1], c = 0",
            "Proposition 6 (its proof)",
            "1/(2√π) = 0.2820947918",
            Check::Equals(constant),
            limit.scaled_gap(),
        ),
        Claim::new(
            "limit of √N (E[v] − c − Π̂_N), v ~ U[0, 1], c = 0",
            "Proposition 6 (its proof)",
            "1/(2√π) = 0.2820947918",
            Check::Equals(constant),
            limit.must_sell_scaled_gap(),
        ),
        Claim::new(
            "√N (E[v] − c − Π̄_N) at N = 10⁴ (the rate 1/√N of Proposition 6)",
            "Proposition 6",
            "→ 0.2820947918",
            Check::Equals(constant),
            many.scaled_gap,
        ),
    ])
}

/// The N at which the claims table shows the scaled gap of Proposition 6 approaching
/// its limit.
const MANY_BIDDERS: u64 = 10_000;

/// docs/tables/paper-claims.md: every claim with the stated value and ours.
pub fn paper_claims(claims: &[Claim]) -> String {
    let mut t = Table::new(&["claim", "source", "paper or reference", "ours", "agreement"]);
    for c in claims {
        t.push(vec![
            c.claim.as_str().into(),
            c.source.into(),
            c.stated.as_str().into(),
            c.ours_cell(),
            c.check.describe(c.ours).into(),
        ]);
    }
    format!(
        "# The paper's numerical claims\n\n\
         Each value the paper states, or that an independent computation from the paper's\n\
         definitions (made outside this workspace) gives, beside the value the libraries\n\
         compute. Values the paper rounds differ from ours in their last digit.\n\n{}",
        t.to_markdown()
    )
}
