//! The central-limit objects of Section 6.2 and Appendix C (Lemmas 17 to 20, the
//! proof of Proposition 6).
//!
//! In central-limit units the aggregate signal tends to a standard normal, and
//!
//! * the fully-revealing gains function tends to hat gamma_inf^C(x) = H^{-1}(Phi(x)) - c
//!   (Lemma 17), whose integral against phi is hat Gamma_inf^C(x) =
//!   integral_0^{Phi(x)} (H^{-1}(u) - c) du, exactly, from the prior's partial
//!   quantile integrals;
//! * x* is the largest root of hat Gamma_inf^C, minus infinity when v > c almost
//!   surely (hat Gamma_inf^C is convex in Phi(x), zero at -inf and positive at
//!   +inf, so {hat Gamma_inf^C <= 0} is (-inf, x*]);
//! * the graded gains function tends to bar gamma_inf^C = 0 below x* and
//!   hat gamma_inf^C above (Lemma 20);
//! * sqrt(N) (E\[v\] - c - bar Pi_N) tends to integral bar gamma_inf^C(x) phi(x) x dx.
//!
//! The last is from the proof of Proposition 6: E\[v\] - c - bar Pi_{N+1} =
//! integral bar gamma_{N+1} (g_{N+1} - g_N), and with x = sqrt(N) y + N,
//! g_{N+1}(x) - g_N(x) = g_{N+1}(x) (1 - N/x) = g_{N+1}(x) sqrt(N) y / (sqrt(N) y + N),
//! so sqrt(N) times the gap is integral bar gamma^C g^C_{N+1}(y) N y / (sqrt(N) y + N) dy,
//! whose integrand tends to bar gamma_inf^C(y) phi(y) y (dominated convergence,
//! Lemmas 15, 16 and 20); sqrt(N + 1) / sqrt(N) -> 1 moves the limit to N bidders.
//! The must-sell gap has the same limit with hat gamma in place of bar gamma, where
//! the cost drops out because integral phi(x) x dx = 0. For U[0,1] and c = 0 both
//! are integral Phi phi x = integral phi^2 = 1 / (2 sqrt(pi)).
//!
//! The paper assumes a bounded support; for unbounded priors (the exponential) the
//! same integrals are computed, and converge, but the theorem does not cover them.

use maxmin_numeric::{find_root, integrate};
use maxmin_prior::Prior;

use crate::{AsymptoticsError, normal};

/// The integrals over x stop at +-X_MAX, where phi(x) |x| is below 1e-310.
const X_MAX: f64 = 38.0;
/// Relative tolerance of the limit integrals.
const RELATIVE_TOLERANCE: f64 = 1e-13;
/// Absolute tolerance of the limit integrals, relative to E|v| + c.
const ABSOLUTE_TOLERANCE: f64 = 1e-16;
/// An integral whose error estimate exceeds this (relative to E|v| + c) fails.
const FAILURE_TOLERANCE: f64 = 1e-9;
/// Panel budget of each integral, on top of one per break point.
const PANELS: usize = 4000;
/// Absolute tolerance of the root search for x*.
const CUTOFF_TOLERANCE: f64 = 1e-15;

/// The many-bidder limit of Section 6.2 for one prior and cost.
#[derive(Debug, Clone)]
pub struct CentralLimit {
    prior: Prior,
    cost: f64,
    gains: f64,
    cutoff: f64,
    scaled_gap: f64,
    must_sell_scaled_gap: f64,
}

impl CentralLimit {
    /// Computes x* and the limit constants for the prior and cost c >= 0.
    ///
    /// # Errors
    /// [`AsymptoticsError::Cost`] for an invalid cost;
    /// [`AsymptoticsError::NoGainsFromTrade`] when E\[v\] - c <= 0;
    /// [`AsymptoticsError::Numerical`] if a quadrature or the root search fails.
    pub fn new(prior: &Prior, cost: f64) -> Result<CentralLimit, AsymptoticsError> {
        if !(cost.is_finite() && cost >= 0.0) {
            return Err(AsymptoticsError::Cost { cost });
        }
        let gains = prior.mean() - cost;
        if gains <= 0.0 {
            return Err(AsymptoticsError::NoGainsFromTrade { gains });
        }
        let mut limit = CentralLimit {
            prior: prior.clone(),
            cost,
            gains,
            cutoff: f64::NEG_INFINITY,
            scaled_gap: 0.0,
            must_sell_scaled_gap: 0.0,
        };
        limit.cutoff = limit.find_cutoff()?;
        // integral_{x*}^inf (H^{-1}(Phi) - c) x phi = integral H^{-1}(Phi) x phi - c phi(x*).
        limit.scaled_gap =
            limit.weighted_quantile_integral(limit.cutoff)? - cost * normal::pdf(limit.cutoff);
        limit.must_sell_scaled_gap = limit.weighted_quantile_integral(f64::NEG_INFINITY)?;
        Ok(limit)
    }

    /// The cost c.
    pub fn cost(&self) -> f64 {
        self.cost
    }

    /// The limit fully-revealing gains hat gamma_inf^C(x) = H^{-1}(Phi(x)) - c
    /// (Lemma 17), with the quantile taken from the top for x > 0.
    #[doc(alias = "hat gamma_inf")]
    pub fn gains(&self, x: f64) -> f64 {
        self.quantile_at(x) - self.cost
    }

    /// The limit graded gains bar gamma_inf^C(x): 0 below x*, hat gamma_inf^C(x) from
    /// x* on (Lemma 20).
    #[doc(alias = "bar gamma_inf")]
    pub fn graded_gains(&self, x: f64) -> f64 {
        if x < self.cutoff { 0.0 } else { self.gains(x) }
    }

    /// The limit integrated gains hat Gamma_inf^C(x) = integral_{-inf}^x
    /// hat gamma_inf^C phi = integral_0^{Phi(x)} (H^{-1}(u) - c) du (Lemma 17), exact;
    /// from the top for x > 0.
    #[doc(alias = "hat Gamma_inf")]
    pub fn integrated_gains(&self, x: f64) -> f64 {
        if x <= 0.0 {
            let alpha = normal::cdf(x);
            self.prior.lower_partial(alpha) - self.cost * alpha
        } else {
            let beta = normal::sf(x);
            self.gains - (self.prior.upper_partial(beta) - self.cost * beta)
        }
    }

    /// The limit cutoff x*: the largest root of hat Gamma_inf^C, in central-limit
    /// units; minus infinity when v > c almost surely. Below it the limit graded
    /// gains vanish (Lemma 20), and x_N tends to it (Lemma 18).
    #[doc(alias = "x*")]
    pub fn cutoff(&self) -> f64 {
        self.cutoff
    }

    /// The limit of sqrt(N) (E\[v\] - c - bar Pi_N): integral bar gamma_inf^C(x) phi(x) x dx
    /// (proof of Proposition 6).
    pub fn scaled_gap(&self) -> f64 {
        self.scaled_gap
    }

    /// The limit of sqrt(N) (E\[v\] - c - hat Pi_N): integral hat gamma_inf^C(x) phi(x) x dx
    /// (the must-sell case of the proof of Proposition 6).
    pub fn must_sell_scaled_gap(&self) -> f64 {
        self.must_sell_scaled_gap
    }

    /// H^{-1}(Phi(x)), from the top for x > 0.
    fn quantile_at(&self, x: f64) -> f64 {
        if x <= 0.0 {
            self.prior.quantile(normal::cdf(x))
        } else {
            self.prior.quantile_upper(normal::sf(x))
        }
    }

    /// x*: -inf when H(c) = 0; otherwise the root of hat Gamma_inf^C above
    /// Phi^{-1}(H(c)), where hat Gamma_inf^C is at its minimum.
    fn find_cutoff(&self) -> Result<f64, AsymptoticsError> {
        let below = self.prior.cdf(self.cost);
        if below <= 0.0 {
            return Ok(f64::NEG_INFINITY);
        }
        let lo = if below <= 0.5 {
            normal::quantile(below)
        } else {
            normal::quantile_sf(self.prior.sf(self.cost))
        };
        let lo = lo.max(-X_MAX);
        // hat Gamma_inf is at its minimum at lo, mathematically <= 0; when that minimum
        // is 0 (all the mass at or below c sits at c) x* is lo itself.
        if self.integrated_gains(lo) >= 0.0 {
            return Ok(lo);
        }
        // Above lo hat Gamma_inf increases strictly, so the root is unique.
        let root = find_root(|x| self.integrated_gains(x), lo, X_MAX, CUTOFF_TOLERANCE);
        if root.bracketed {
            Ok(root.x)
        } else {
            Err(AsymptoticsError::Numerical {
                stage: "finding the limit cutoff x*",
                detail: format!(
                    "hat Gamma_inf does not change sign on [{lo}, {X_MAX}] (values {} and {})",
                    self.integrated_gains(lo),
                    self.integrated_gains(X_MAX)
                ),
            })
        }
    }

    /// integral_{from}^{inf} H^{-1}(Phi(x)) x phi(x) dx.
    fn weighted_quantile_integral(&self, from: f64) -> Result<f64, AsymptoticsError> {
        let lo = from.max(-X_MAX);
        let cuts: Vec<f64> = self
            .prior
            .breakpoints()
            .into_iter()
            .map(|a| {
                if a <= 0.5 {
                    normal::quantile(a)
                } else {
                    normal::quantile_sf(1.0 - a)
                }
            })
            .chain([0.0])
            .collect();
        let scale = self.prior.mean().abs() + self.cost;
        let r = integrate(
            |x| {
                let weight = x * normal::pdf(x);
                if weight == 0.0 {
                    0.0
                } else {
                    weight * self.quantile_at(x)
                }
            },
            lo,
            X_MAX,
            &cuts,
            ABSOLUTE_TOLERANCE * scale,
            RELATIVE_TOLERANCE,
            PANELS + cuts.len(),
        );
        if r.value.is_finite() && r.error <= FAILURE_TOLERANCE * scale {
            Ok(r.value)
        } else {
            Err(AsymptoticsError::Numerical {
                stage: "integrating the limit gains against x phi(x)",
                detail: format!(
                    "integral over [{lo}, {X_MAX}] = {} with error estimate {}",
                    r.value, r.error
                ),
            })
        }
    }
}
