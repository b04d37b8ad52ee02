//! Guarantee sequences bar Pi_N and hat Pi_N over lists of N (Proposition 6),
//! solved in parallel, with the scaled gaps sqrt(N) (E\[v\] - c - Pi_N) whose limit
//! [`CentralLimit`](crate::CentralLimit) computes, and the end x_N of the bottom
//! graded interval in central-limit units (Lemma 18).

use std::sync::atomic::{AtomicUsize, Ordering};

use maxmin_grading::{Solution, solve};
use maxmin_prior::Prior;
use rayon::prelude::*;

use crate::AsymptoticsError;

/// One N of a guarantee sequence.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GuaranteeRow {
    /// The number of bidders N.
    pub bidders: u64,
    /// bar Pi_N, the optimal (can-keep) profit guarantee (equation (4)).
    pub profit_guarantee: f64,
    /// hat Pi_N, the optimal must-sell guarantee (equation (28)).
    pub must_sell_guarantee: f64,
    /// The ex ante gains from trade E\[v\] - c.
    pub ex_ante_gains: f64,
    /// sqrt(N) (E\[v\] - c - bar Pi_N), which tends to
    /// [`CentralLimit::scaled_gap`](crate::CentralLimit::scaled_gap) (proof of Proposition 6).
    pub scaled_gap: f64,
    /// sqrt(N) (E\[v\] - c - hat Pi_N), which tends to
    /// [`CentralLimit::must_sell_scaled_gap`](crate::CentralLimit::must_sell_scaled_gap).
    pub must_sell_scaled_gap: f64,
    /// x_N of Lemma 18: the end of the graded interval starting at 0, in the
    /// central-limit units of Appendix C, (x - (N - 1)) / sqrt(N - 1); -sqrt(N - 1)
    /// when no graded interval starts at 0. `None` for N = 1, where the units are
    /// undefined. Tends to the limit cutoff x* (Lemma 18).
    pub graded_end: Option<f64>,
}

impl GuaranteeRow {
    /// The row for a solved grading problem.
    pub fn from_solution(solution: &Solution) -> GuaranteeRow {
        let n = solution.bidders();
        let root = (n as f64).sqrt();
        let gains = solution.ex_ante_gains();
        GuaranteeRow {
            bidders: n,
            profit_guarantee: solution.profit_guarantee(),
            must_sell_guarantee: solution.must_sell_guarantee(),
            ex_ante_gains: gains,
            scaled_gap: root * (gains - solution.profit_guarantee()),
            must_sell_scaled_gap: root * (gains - solution.must_sell_guarantee()),
            graded_end: graded_end(solution),
        }
    }
}

/// Solves the grading problem for every N in `bidders` (in parallel, on rayon's
/// global pool) and returns the rows in the order given. `progress` is called with
/// the number of N finished so far after each one finishes, from worker threads.
///
/// # Errors
/// [`AsymptoticsError::NoBidders`] for an empty list, and the first
/// [`AsymptoticsError::Grading`] error met (an N out of range, an invalid cost, a
/// numerical failure).
#[doc(alias = "Proposition 6")]
pub fn guarantee_sequence<F>(
    prior: &Prior,
    cost: f64,
    bidders: &[u64],
    progress: F,
) -> Result<Vec<GuaranteeRow>, AsymptoticsError>
where
    F: Fn(usize) + Sync,
{
    if bidders.is_empty() {
        return Err(AsymptoticsError::NoBidders);
    }
    let finished = AtomicUsize::new(0);
    bidders
        .par_iter()
        .map(|&n| {
            let row = solve(prior, n, cost).map(|s| GuaranteeRow::from_solution(&s));
            progress(finished.fetch_add(1, Ordering::Relaxed) + 1);
            row.map_err(AsymptoticsError::from)
        })
        .collect()
}

/// The aggregate signal x in the central-limit units of Section 6.2,
/// (x - N) / sqrt(N): the sum of the N signals s_i^C = (s_i - 1) / sqrt(N).
#[doc(alias = "normalised aggregate signal")]
pub fn normalised_signal(x: f64, bidders: u64) -> f64 {
    let n = bidders as f64;
    (x - n) / n.sqrt()
}

/// The aggregate signal x in the units of Appendix C (footnote 20),
/// (x - (N - 1)) / sqrt(N - 1), in which Lemma 18 defines x_N; NaN for N = 1.
pub fn appendix_signal(x: f64, bidders: u64) -> f64 {
    let m = bidders as f64 - 1.0;
    if m == 0.0 {
        return f64::NAN;
    }
    (x - m) / m.sqrt()
}

/// x_N of Lemma 18 for a solved problem: the right end of the graded interval
/// [0, b] in Appendix C units, or -sqrt(N - 1) when nothing is graded at 0; `None`
/// for N = 1.
pub fn graded_end(solution: &Solution) -> Option<f64> {
    let n = solution.bidders();
    if n < 2 {
        return None;
    }
    let end = match solution.graded_intervals().first() {
        Some(i) if i.start == 0.0 => i.end,
        _ => 0.0,
    };
    Some(appendix_signal(end, n))
}
