//! docs/REPRODUCTION.md: the gallery. Each figure with the paper's caption, what it
//! shows (with the key numbers from the generated data) and the command that made it.

use std::fmt::Write as _;

use crate::number::render;

/// The numbers the gallery quotes, taken from the generated figures.
pub struct Highlights {
    /// x* of Figure 1.
    pub cutoff: f64,
    /// The graded intervals of Figure 3.
    pub gap_intervals: Vec<(f64, f64)>,
    /// bar Pi_2 / (E(v) - c) for the uniform prior (the paper's 56 percent).
    pub share_two: f64,
    /// bar Pi_N, hat Pi_N and the first-price guarantee at the largest N of Figure 4.
    pub at_most_bidders: (u64, f64, f64, f64),
}

/// A share as a percentage with one decimal.
fn percent(share: f64) -> String {
    format!("{:.1} percent", 100.0 * share)
}

/// One gallery entry.
struct Entry {
    number: u32,
    section: &'static str,
    caption: &'static str,
    shows: String,
    data: &'static str,
    module: &'static str,
}

/// The gallery's markdown (without the generated-by comment).
pub fn markdown(h: &Highlights) -> String {
    let intervals: Vec<String> = h
        .gap_intervals
        .iter()
        .map(|&(a, b)| format!("[{}, {}]", render(a), render(b)))
        .collect();
    let entries = [
        Entry {
            number: 1,
            section: "Section 3.2",
            caption: "N = 2, v ∼ U[0, 1], and c = 0. The minmax value functions in the \
                      must-sell and can-keep cases coincide above x*. The fully-revealing \
                      value function (in blue) is equal to G₂.",
            shows: format!(
                "Left: the fully-revealing value function ŵ = H⁻¹ ∘ G₂ = G₂ (blue) and the \
                 minmax value function w̄, exponential on the graded interval [0, x*] (gray) \
                 and equal to ŵ above x* = {} (black). Right: the virtual values w − c − w′. \
                 The fully-revealing one is negative for small x; the graded one is 0 on \
                 [0, x*], where the seller is indifferent between selling and keeping the good.",
                render(h.cutoff)
            ),
            data: "x, hat_w, bar_w, hat_virtual_value, bar_virtual_value",
            module: "figure1.rs",
        },
        Entry {
            number: 2,
            section: "Section 3.4",
            caption: "The maxmin mechanism and transfer rule in the uniform case with N = 2.",
            shows: "Bidder 1's allocation q̄₁(m) (left) and transfer t̄₁(m) (right) in the \
                    maxmin mechanism for N = 2, v ∼ U[0, 1], c = 0, over message profiles \
                    (m₁, m₂) in [0, 5]², on a grid of spacing 0.1. While m₁ + m₂ < x* the \
                    bidder gets m₁/x*; above, the good is always sold and rationed in \
                    proportion to the messages (Section 4.4)."
                .to_string(),
            data: "m1, m2, bar_q1, bar_t1 (m₂ varies fastest)",
            module: "figure2.rs",
        },
        Entry {
            number: 3,
            section: "Section 4.1.4",
            caption: "Objects used in the construction of the solution for N = 2, a value \
                      that is uniform on [0, v̂] ∪ [v̂ + d, 1 + d] and a cost c. The cutoff x̂ \
                      is such that G₂(x̂) = v̂. The particular values used are v̂ = 0.95, \
                      d = 3, and c = 0.2.",
            shows: format!(
                "Top row: the gains functions γ̂ (gray; it jumps at x̂ where the support has \
                 its gap) and γ̄ (black), the integrated gains Γ̂ and Γ̄, and Γ̂ ∘ E⁻¹ with its \
                 concavification Γ̄ ∘ E⁻¹ against z = E(x) = x²/2. The graded intervals are \
                 {}. Bottom row: the aggregate supply Q̄ (and the must-sell Q̂ = 1), the \
                 allocation sensitivity μ̄ (flat on graded intervals, (N − 1)/x elsewhere, \
                 and μ̂ = (N − 1)/x), the value multiplier λ̄(v) (and the must-sell λ̂) \
                 and the premium aggregate excess growth Ξ̄ᵖ (and Ξ̂ᵖ): the panels Section \
                 4.1.4 describes, three on top and four below. Dashed vertical lines mark the ends of \
                 the graded intervals and x̂.",
                intervals.join(" and ")
            ),
            data: "panel, series, piece, x, y in long form: one row per point; `piece` \
                   numbers the stretches between jumps; x is the aggregate signal, except \
                   z = E(x) in `rescaled_integrated_gains` and the value v in \
                   `value_multiplier`",
            module: "figure3.rs",
        },
        Entry {
            number: 4,
            section: "Section 6.1",
            caption: "Comparing the maxmin mechanism to other auctions.",
            shows: {
                let (n, bar, hat, first) = h.at_most_bidders;
                format!(
                    "Profit guarantees for v ∼ U[0, 1] and c = 0, N = 1 to {n}: the optimal \
                     can-keep guarantee Π̄_N (dots) and must-sell guarantee Π̂_N (circles), \
                     the first-price auction's (N − 1)/(4N − 2) (gray dots), the best posted \
                     price's 1/8 (solid line), Du's (2018) mechanisms (white diamonds), the \
                     maxmin auction designed for H(v) = 1 − e⁻ᵛ when v is in fact uniform \
                     (asterisks, Proposition 7's bound E_H′[λ̄_N(v; H)]) and the ex ante \
                     value 0.5 (dashed). The can-keep guarantee lies above the must-sell one \
                     and both rise towards 0.5 (Proposition 6): Π̄₂ is {} of the surplus, and \
                     at N = {n} Π̄ = {}, Π̂ = {}, against {} for the first-price auction. \
                     The same numbers are in [tables/figure-4.md](tables/figure-4.md).",
                    percent(h.share_two),
                    render(bar),
                    render(hat),
                    render(first)
                )
            },
            data: "N, bar_Pi, hat_Pi, first_price, posted_price, du_2018, \
                   misspecified_exponential, ex_ante_value, and scaled_gap = \
                   √N (E[v] − Π̄_N) (Proposition 6)",
            module: "figure4.rs",
        },
    ];

    let mut out = String::from(
        "# Reproducing the paper\n\n\
         Every figure and table of Brooks and Du (2019) that this workspace reproduces,\n\
         regenerated from the library crates by one command:\n\n\
         ```sh\n\
         cargo xtask reproduce          # writes docs/figures, docs/tables and this file\n\
         cargo xtask reproduce --check  # regenerates in memory; fails naming any stale file\n\
         ```\n\n\
         Each figure's data is in the CSV beside it (a `#` comment line, then a header;\n\
         read it with `pandas.read_csv(path, comment=\"#\")` or skip the first line). The\n\
         SVG is drawn from exactly those numbers, rounded to ten significant digits.\n\
         `cargo test --workspace` runs the check, so a change that moves a figure fails CI\n\
         until the files are regenerated and committed; insta snapshots of the same data\n\
         live in `xtask/tests/snapshots/`.\n\n",
    );
    for e in &entries {
        let _ = write!(
            out,
            "## Figure {n}\n\n\
             ![Figure {n}](figures/figure-{n}.svg)\n\n\
             **The paper's caption ({section}).** {caption}\n\n\
             **What it shows.** {shows}\n\n\
             **Data.** [figures/figure-{n}.csv](figures/figure-{n}.csv): {data}.\n\n\
             **Made by** `cargo xtask reproduce` (`xtask/src/{module}`).\n\n",
            n = e.number,
            section = e.section,
            caption = e.caption,
            shows = e.shows,
            data = e.data,
            module = e.module,
        );
    }
    out.push_str(
        "## Tables\n\n\
         - [Figure 4's guarantees](tables/figure-4.md), N = 1 to 30 \
         (`xtask/src/figure4.rs`).\n\
         - [Graded intervals and guarantees](tables/graded-intervals.md) of the Figure 1 and \
         Figure 3 problems (`xtask/src/tables.rs`).\n\
         - [The paper's numerical claims](tables/paper-claims.md), each with our value \
         beside it (`xtask/src/tables.rs`).\n",
    );
    out
}
