//! The value multiplier bar lambda (19) and the premium aggregate excess growth
//! bar Xi^p (18), in a form that converges for unbounded priors and accounts for
//! jumps of hat w exactly.
//!
//! Write W(x) = hat w(x) - v_lo and Lambda(x) = bar mu(x) W(x) - bar lambda(hat w(x)),
//! so that bar Xi^p = Lambda + (v_lo - c) bar Q. Since bar lambda has slope
//! bar mu(G_N^{-1}(H(v))) in v (equation (19)), the W-terms cancel in dLambda and
//!
//!   Lambda(x) = -bar lambda(v_lo) + integral_{(0, x]} W d bar mu,
//!
//! where d bar mu is -(N-1)/y^2 dy off the graded intervals and an atom at each
//! jump of bar mu (the ends of the graded intervals); jumps of hat w (gaps in the
//! support) need no special care, since only the integral of W appears. For any v,
//! with x = G_N^{-1}(H(v)), bar lambda(v) = bar mu(x) (v - v_lo) - Lambda(x), which
//! is Step 1 of the proof of Proposition 2 with equality.
//!
//! The constant comes from (19) rewritten as bar lambda(v_lo) = bar Pi -
//! integral bar mu (1 - G_N) d hat w (the two integrals of (19) diverge separately
//! for unbounded priors; their difference does not), integrated by parts into an
//! ordinary integral of W.

use maxmin_erlang::Erlang;
use maxmin_grading::Solution;
use maxmin_numeric::{Chebyshev, integrate};

use crate::aggregate::Aggregate;

/// Panel budget of the Chebyshev table of the integral of W (N-1)/y^2.
const TABLE_PANELS: usize = 4000;
/// Relative tolerance of the Chebyshev table of W (N-1)/y^2 (a closed form).
const TABLE_TOLERANCE: f64 = 1e-14;
/// Relative tolerance of the one-off quadratures.
const QUADRATURE_TOLERANCE: f64 = 1e-14;
/// The tables reach this far into the upper tail of G_N (as in the grading layer).
pub(crate) const TAIL_LEVEL: f64 = 1e-40;

/// Lambda and everything needed to evaluate bar lambda and bar Xi^p.
#[derive(Debug, Clone)]
pub(crate) struct Excess {
    pub(crate) aggregate: Aggregate,
    v_lo: f64,
    cost: f64,
    /// P(x) = integral_0^x W(y) (N-1)/y^2 over the non-graded part of [0, x].
    p_table: Chebyshev,
    /// Where the table ends; beyond it P is continued by quadrature.
    x_table: f64,
    /// The jumps of bar mu weighted by W: (point, W(point) * jump, at the point?).
    jumps: Vec<(f64, f64, bool)>,
    /// bar lambda(v_lo).
    lambda_bottom: f64,
    /// Lambda(infinity), for bounded priors (None for unbounded ones).
    lambda_infinity: Option<f64>,
    /// The sample of hat w used by the slow path beyond the table.
    solution: Solution,
    n: f64,
}

impl Excess {
    /// Builds the tables for a solution and its guarantee (bar Pi for the maxmin
    /// mechanism, hat Pi with no graded intervals for the must-sell one).
    pub(crate) fn new(solution: &Solution, aggregate: Aggregate, guarantee: f64) -> Excess {
        let n_shape = solution.bidders();
        let n = n_shape as f64;
        let (v_lo, v_hi) = solution.prior().support();
        let erlang = Erlang::new(n_shape).expect("N is a valid shape");
        let x_top = erlang.quantile_sf(TAIL_LEVEL);
        // Convolutions reach up to twice the top of G_N.
        let x_table = 2.0 * x_top;
        let w = |x: f64| solution.fully_revealing_excess(x);
        let mut cuts = solution.signal_breakpoints();
        for i in &aggregate.intervals {
            cuts.extend([i.a, i.b]);
        }
        cuts.extend([
            erlang.quantile(1e-3),
            erlang.quantile(0.5),
            erlang.quantile_sf(1e-3),
            x_top,
        ]);
        let density = |y: f64| {
            if aggregate.is_graded(y) {
                0.0
            } else {
                w(y) * (n - 1.0) / (y * y)
            }
        };
        let p_table =
            Chebyshev::fit(density, 0.0, x_table, &cuts, TABLE_TOLERANCE, TABLE_PANELS).integral();
        let jumps = aggregate
            .jumps()
            .into_iter()
            .map(|(e, dmu, at)| (e, w(e) * dmu, at))
            .collect();

        // bar lambda(v_lo) = Pi - integral mu (1 - G) dW, by parts:
        // integral W [(N-1)/y^2 (1 - G) 1_nongraded + mu g_N] dy - sum W(e)(1 - G(e)) dmu(e).
        let scale = solution.prior().mean().abs() + solution.cost() + 1.0;
        let by_parts = integrate(
            |y| {
                let (_, q) = erlang.cdf_sf(y);
                let mu = aggregate.sensitivity(y);
                let tail = if aggregate.is_graded(y) {
                    0.0
                } else {
                    (n - 1.0) / (y * y) * q
                };
                let wy = w(y);
                if wy == 0.0 {
                    0.0
                } else {
                    wy * (tail + mu * erlang.pdf(y))
                }
            },
            0.0,
            x_top,
            &cuts,
            1e-16 * scale,
            QUADRATURE_TOLERANCE,
            TABLE_PANELS,
        );
        let atoms: f64 = aggregate
            .jumps()
            .into_iter()
            .map(|(e, dmu, _)| w(e) * erlang.sf(e) * dmu)
            .sum();
        let lambda_bottom = guarantee - (by_parts.value - atoms);

        let mut excess = Excess {
            aggregate,
            v_lo,
            cost: solution.cost(),
            p_table,
            x_table,
            jumps,
            lambda_bottom,
            lambda_infinity: None,
            solution: solution.clone(),
            n,
        };
        if v_hi.is_finite() {
            // Beyond the table W = v_hi - v_lo up to a tail below 1e-40 of G_N:
            // P(inf) = P(x_table) + (v_hi - v_lo)(N - 1)/x_table.
            let p_inf = excess.p_table.eval(x_table) + (v_hi - v_lo) * (n - 1.0) / x_table;
            let jumps_total: f64 = excess.jumps.iter().map(|j| j.1).sum();
            excess.lambda_infinity = Some(-lambda_bottom - p_inf + jumps_total);
        }
        excess
    }

    /// P(x) = integral_0^x W(y)(N-1)/y^2 over the non-graded part, continued past the
    /// table by quadrature.
    fn p(&self, x: f64) -> f64 {
        if x <= self.x_table {
            return self.p_table.eval(x);
        }
        let n = self.n;
        let rest = integrate(
            |y| self.solution.fully_revealing_excess(y) * (n - 1.0) / (y * y),
            self.x_table,
            x,
            &[],
            0.0,
            QUADRATURE_TOLERANCE,
            TABLE_PANELS,
        );
        self.p_table.eval(self.x_table) + rest.value
    }

    /// Lambda(x) = bar mu(x) W(x) - bar lambda(hat w(x)).
    pub(crate) fn lambda_term(&self, x: f64) -> f64 {
        if x == f64::INFINITY {
            return self.lambda_infinity.unwrap_or(f64::NEG_INFINITY);
        }
        let jumps: f64 = self
            .jumps
            .iter()
            .filter(|&&(e, _, at)| if at { e <= x } else { e < x })
            .map(|j| j.1)
            .sum();
        -self.lambda_bottom - self.p(x) + jumps
    }

    /// bar Xi^p(x) = Lambda(x) + (v_lo - c) bar Q(x), equation (18).
    pub(crate) fn premium_excess_growth(&self, x: f64) -> f64 {
        let supply = if x == f64::INFINITY {
            1.0
        } else {
            self.aggregate.supply(x)
        };
        self.lambda_term(x) + (self.v_lo - self.cost) * supply
    }

    /// bar lambda(v), equation (19), for v in the support's range.
    pub(crate) fn value_multiplier(&self, v: f64) -> f64 {
        if v <= self.v_lo {
            return self.lambda_bottom;
        }
        // x = G_N^{-1}(H(v)), through the upper tail where H(v) is close to 1.
        let prior = self.solution.prior();
        let erlang = Erlang::new(self.solution.bidders()).expect("valid shape");
        let alpha = prior.cdf(v);
        let x = if alpha <= 0.5 {
            erlang.quantile(alpha)
        } else {
            erlang.quantile_sf(prior.sf(v))
        };
        if x == f64::INFINITY {
            // v at or above the top of a bounded support: bar lambda(v_hi) - ...
            return -self.lambda_term(f64::INFINITY);
        }
        self.aggregate.sensitivity(x) * (v - self.v_lo) - self.lambda_term(x)
    }

    /// bar lambda(v_lo).
    pub(crate) fn lambda_bottom(&self) -> f64 {
        self.lambda_bottom
    }

    /// The support's lower end.
    pub(crate) fn v_lo(&self) -> f64 {
        self.v_lo
    }

    /// The break points of bar Xi^p: graded ends, and kinks and jumps of hat w.
    pub(crate) fn breakpoints(&self) -> Vec<f64> {
        let mut cuts = self.solution.signal_breakpoints();
        for i in &self.aggregate.intervals {
            cuts.extend([i.a, i.b]);
        }
        cuts.sort_by(f64::total_cmp);
        cuts.dedup();
        cuts
    }

    /// The limit of bar Xi^p at infinity, for bounded priors.
    pub(crate) fn premium_excess_growth_at_infinity(&self) -> Option<f64> {
        self.lambda_infinity.map(|l| l + self.v_lo - self.cost)
    }
}
