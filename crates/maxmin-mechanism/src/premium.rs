//! The premium transfers of equation (17).
//!
//! Equation (17) averages over the N! orders of the bidders, but a term depends on
//! an order only through bidder i's set S of predecessors, which has probability
//! |S|! (N - 1 - |S|)! / N!. With F_r(y) = integral_0^inf bar Xi^p(y + x) g_r(x) dx,
//!
//!   bar t_i^p(m) = sum over S not containing i of w_{|S|} [F_{N-|S|}(m_S) - F_{N-|S|}(m_S + m_i)].
//!
//! Every subset U of the bidders then contributes F_{N-|U|}(m_U) to the bidders
//! outside it and -F_{N-|U|+1}(m_U) to those inside, so one pass over the 2^N
//! subsets, with two table look-ups each, gives all N transfers exactly ("exact"
//! means no sampling; F_r itself is a Chebyshev table accurate to about 1e-13).
//! Above [`MAX_EXACT_BIDDERS`] the orders are sampled instead, with a standard
//! error per bidder.

use std::sync::OnceLock;

use maxmin_erlang::Erlang;
use maxmin_numeric::{Chebyshev, integrate};
use rand::SeedableRng;
use rand::rngs::SmallRng;
use rand::seq::SliceRandom;

use crate::excess::{Excess, TAIL_LEVEL};

/// Up to this many bidders the sum over orders is exact (2^N subsets).
pub const MAX_EXACT_BIDDERS: usize = 20;
/// Orders sampled per evaluation above [`MAX_EXACT_BIDDERS`].
pub const SAMPLED_ORDERS: usize = 4000;
/// Seed of the sampled orders, so that results are reproducible.
const SAMPLING_SEED: u64 = 0x5eed_b0d5;
const TABLE_PANELS: usize = 2000;
const QUADRATURE_TOLERANCE: f64 = 1e-13;
/// The tables' tolerance sits above the quadrature's noise (see `Chebyshev::fit`).
const TABLE_TOLERANCE: f64 = 1e-12;

/// How the premium transfers were evaluated.
#[derive(Debug, Clone, PartialEq)]
pub enum Evaluation {
    /// The exact sum over all predecessor sets.
    Exact,
    /// A sample of orders of the bidders; each transfer carries a standard error.
    Sampled {
        /// Number of orders sampled.
        orders: usize,
        /// The standard error of each bidder's premium transfer.
        standard_errors: Vec<f64>,
    },
}

/// The convolutions F_r for r = 1..N, tabulated on first use.
#[derive(Debug)]
pub(crate) struct Premium {
    n: usize,
    tables: Vec<OnceLock<Chebyshev>>,
    y_table: f64,
    /// bar Xi^p at infinity (bounded priors).
    at_infinity: Option<f64>,
}

impl Premium {
    pub(crate) fn new(n: u64, excess: &Excess) -> Premium {
        let erlang = Erlang::new(n).expect("valid shape");
        Premium {
            n: n as usize,
            tables: (0..n).map(|_| OnceLock::new()).collect(),
            y_table: erlang.quantile_sf(TAIL_LEVEL),
            at_infinity: excess.premium_excess_growth_at_infinity(),
        }
    }

    /// F_r(y) = integral_0^inf bar Xi^p(y + x) g_r(x) dx (r >= 1).
    pub(crate) fn convolution(&self, excess: &Excess, r: usize, y: f64) -> f64 {
        if y == f64::INFINITY {
            return self.at_infinity.unwrap_or(f64::NEG_INFINITY);
        }
        if y > self.y_table {
            return direct(excess, r, y);
        }
        let table = self.tables[r - 1].get_or_init(|| {
            let mut cuts = excess.breakpoints();
            cuts.push(self.y_table);
            Chebyshev::fit(
                |y| direct(excess, r, y),
                0.0,
                self.y_table,
                &cuts,
                TABLE_TOLERANCE,
                TABLE_PANELS,
            )
        });
        table.eval(y)
    }

    /// All N premium transfers at a profile (finite or infinite messages).
    pub(crate) fn transfers(&self, excess: &Excess, m: &[f64]) -> (Vec<f64>, Evaluation) {
        if self.n <= MAX_EXACT_BIDDERS {
            (self.exact(excess, m), Evaluation::Exact)
        } else {
            self.sampled(excess, m)
        }
    }

    fn exact(&self, excess: &Excess, m: &[f64]) -> Vec<f64> {
        let n = self.n;
        // w_k = k! (N-1-k)! / N! = 1 / (N C(N-1, k)).
        let mut weights = vec![1.0 / n as f64; n];
        for k in 1..n {
            weights[k] = weights[k - 1] * k as f64 / (n - k) as f64;
        }
        let count = 1_usize << n;
        let mut sums = vec![0.0_f64; count];
        let mut out = vec![0.0_f64; n];
        for u in 1..count {
            let low = u.trailing_zeros() as usize;
            sums[u] = sums[u & (u - 1)] + m[low];
        }
        for (u, &y) in sums.iter().enumerate() {
            let k = u.count_ones() as usize;
            // Bidders outside U see U as their predecessors.
            if k < n {
                let a = weights[k] * self.convolution(excess, n - k, y);
                for (i, t) in out.iter_mut().enumerate() {
                    if u & (1 << i) == 0 {
                        *t += a;
                    }
                }
            }
            // Bidders inside U see U minus themselves as predecessors.
            if k >= 1 {
                let b = weights[k - 1] * self.convolution(excess, n - k + 1, y);
                for (i, t) in out.iter_mut().enumerate() {
                    if u & (1 << i) != 0 {
                        *t -= b;
                    }
                }
            }
        }
        out
    }

    fn sampled(&self, excess: &Excess, m: &[f64]) -> (Vec<f64>, Evaluation) {
        let n = self.n;
        let mut rng = SmallRng::seed_from_u64(SAMPLING_SEED);
        let mut order: Vec<usize> = (0..n).collect();
        let mut mean = vec![0.0_f64; n];
        let mut square = vec![0.0_f64; n];
        for _ in 0..SAMPLED_ORDERS {
            order.shuffle(&mut rng);
            let mut before = 0.0;
            for (position, &i) in order.iter().enumerate() {
                let r = n - position;
                let after = before + m[i];
                let term = self.convolution(excess, r, before) - self.convolution(excess, r, after);
                mean[i] += term;
                square[i] += term * term;
                before = after;
            }
        }
        let k = SAMPLED_ORDERS as f64;
        let errors = mean
            .iter_mut()
            .zip(&square)
            .map(|(s, q)| {
                *s /= k;
                ((q / k - *s * *s).max(0.0) / (k - 1.0)).sqrt()
            })
            .collect();
        (
            mean,
            Evaluation::Sampled {
                orders: SAMPLED_ORDERS,
                standard_errors: errors,
            },
        )
    }
}

/// F_r(y) by adaptive quadrature over u = y + x, with the break points of bar Xi^p.
fn direct(excess: &Excess, r: usize, y: f64) -> f64 {
    let g = Erlang::new(r as u64).expect("valid shape");
    let top = g.quantile_sf(TAIL_LEVEL);
    let mut cuts: Vec<f64> = excess.breakpoints();
    cuts.extend([
        y + g.quantile(1e-3),
        y + g.quantile(0.5),
        y + g.quantile_sf(1e-3),
    ]);
    let scale = excess.lambda_bottom().abs() + excess.v_lo() + 1.0;
    integrate(
        |u| excess.premium_excess_growth(u) * g.pdf(u - y),
        y,
        y + top,
        &cuts,
        1e-16 * scale,
        QUADRATURE_TOLERANCE,
        TABLE_PANELS,
    )
    .value
}
