//! The fully-revealing information structure (Section 3.2): the value function
//! hat w(x) = H^{-1}(G_N(x)), the gains function hat gamma = hat w - c and the
//! integrated gains hat Gamma(x) = integral_0^x hat gamma(y) g_N(y) dy.
//!
//! Everything is expressed through the prior's quantile function and its partial
//! integrals: with alpha = G_N(x), hat Gamma(x) = integral_0^alpha H^{-1}(u) du
//! - c alpha exactly, so no quadrature is needed.
//!
//! Two regimes keep their digits:
//! * below the median of G_N, in log form from ln G_N(x): hat Gamma is
//!   (v_lo - c) alpha plus the integral of H^{-1} - v_lo over [0, alpha], each term
//!   from its logarithm, so that the deep lower tail (alpha far below the smallest
//!   double) is resolved;
//! * above the median, from the upper tail 1 - G_N(x) and the prior's upper partial
//!   integral, so that increments in the upper tail are not differences of numbers
//!   close to `E[v] - c`.

use maxmin_erlang::{Erlang, ln_one_minus_exp};
use maxmin_prior::Prior;

use crate::signed_log::SignedLog;

/// The fully-revealing objects for one prior, number of bidders and cost.
#[derive(Debug, Clone)]
pub(crate) struct FullyRevealing {
    pub(crate) prior: Prior,
    /// The distribution G_N of the aggregate signal.
    pub(crate) erlang: Erlang,
    /// g_{N+1}, for E(x) = e^x g_{N+1}(x).
    pub(crate) next: Erlang,
    pub(crate) cost: f64,
    /// `E[v] - c`, the value of hat Gamma at infinity.
    pub(crate) ex_ante_gains: f64,
    /// v_lo - c, the gains at the bottom of the support.
    bottom_gains: SignedLog,
}

/// hat Gamma and E at one aggregate signal, in the representation that keeps their
/// digits there.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Sample {
    pub(crate) x: f64,
    /// ln g_{N+1}(x); ln E(x) = x + ln g_{N+1}(x).
    pub(crate) ln_next_pdf: f64,
    tail: Tail,
}

#[derive(Debug, Clone, Copy)]
enum Tail {
    /// Below the median: ln G_N(x) and ln integral_0^{G_N(x)} (H^{-1} - v_lo).
    Lower {
        ln_alpha: f64,
        ln_excess_partial: f64,
    },
    /// Above the median: the integral of (H^{-1} - c) over the upper tail
    /// [G_N(x), 1], so that hat Gamma(x) = `E[v] - c` - upper.
    Upper { upper: f64 },
}

impl FullyRevealing {
    pub(crate) fn new(prior: Prior, erlang: Erlang, next: Erlang, cost: f64) -> FullyRevealing {
        let ex_ante_gains = prior.mean() - cost;
        let bottom_gains = SignedLog::from_f64(prior.support().0 - cost);
        FullyRevealing {
            prior,
            erlang,
            next,
            cost,
            ex_ante_gains,
            bottom_gains,
        }
    }

    /// hat w(x) = H^{-1}(G_N(x)).
    pub(crate) fn value(&self, x: f64) -> f64 {
        let (p, q) = self.erlang.cdf_sf(x);
        if p <= 0.5 {
            self.prior.quantile(p)
        } else {
            self.prior.quantile_upper(q)
        }
    }

    /// hat w(x) - v_lo, from the prior's log-form excess below the median, so that
    /// it keeps its relative accuracy as x -> 0 (where hat w(x) - v_lo, formed by
    /// subtraction, would be rounding noise divided by a tiny number downstream).
    pub(crate) fn value_excess(&self, x: f64) -> f64 {
        let ln_alpha = self.erlang.ln_cdf(x);
        if ln_alpha <= -std::f64::consts::LN_2 {
            self.prior.ln_lower_excess(ln_alpha).exp()
        } else {
            self.value(x) - self.prior.support().0
        }
    }

    /// hat w'(x) = g_N(x) dH^{-1}/dalpha at alpha = G_N(x): 0 where hat w is flat
    /// (an atom), the right derivative at a kink.
    pub(crate) fn value_slope(&self, x: f64) -> f64 {
        let (p, q) = self.erlang.cdf_sf(x);
        let slope = if p <= 0.5 {
            self.prior.quantile_slope(p)
        } else {
            self.prior.quantile_slope_upper(q)
        };
        if slope == 0.0 {
            0.0
        } else {
            slope * self.erlang.pdf(x)
        }
    }

    /// hat gamma(x) = hat w(x) - c.
    pub(crate) fn gains(&self, x: f64) -> f64 {
        self.value(x) - self.cost
    }

    /// hat gamma(x) in log form: (v_lo - c) + (H^{-1}(G_N(x)) - v_lo) below the
    /// median, so that it keeps its digits where G_N(x) underflows.
    pub(crate) fn gains_log(&self, x: f64) -> SignedLog {
        let ln_alpha = self.erlang.ln_cdf(x);
        if ln_alpha <= -std::f64::consts::LN_2 {
            let excess = SignedLog::from_parts(1.0, self.prior.ln_lower_excess(ln_alpha));
            self.bottom_gains.add(excess)
        } else {
            SignedLog::from_f64(self.gains(x))
        }
    }

    /// hat Gamma(x) = integral_0^{G_N(x)} (H^{-1}(u) - c) du.
    pub(crate) fn integrated_gains(&self, x: f64) -> f64 {
        self.level(&self.sample(x)).to_f64()
    }

    /// The representation of hat Gamma and E at x.
    pub(crate) fn sample(&self, x: f64) -> Sample {
        let ln_next_pdf = self.next.ln_pdf(x);
        let ln_alpha = self.erlang.ln_cdf(x);
        let tail = if ln_alpha <= -std::f64::consts::LN_2 {
            Tail::Lower {
                ln_alpha,
                ln_excess_partial: self.prior.ln_lower_partial_excess(ln_alpha),
            }
        } else {
            let q = self.erlang.sf(x);
            Tail::Upper {
                upper: self.prior.upper_partial(q) - self.cost * q,
            }
        };
        Sample {
            x,
            ln_next_pdf,
            tail,
        }
    }

    /// hat Gamma at a sample.
    pub(crate) fn level(&self, s: &Sample) -> SignedLog {
        match s.tail {
            Tail::Lower {
                ln_alpha,
                ln_excess_partial,
            } => self
                .bottom_gains
                .shifted(ln_alpha)
                .add(SignedLog::from_parts(1.0, ln_excess_partial)),
            Tail::Upper { upper } => SignedLog::from_f64(self.ex_ante_gains - upper),
        }
    }

    /// hat Gamma(b) - hat Gamma(a), with the relative accuracy of the increment
    /// wherever both samples lie in the same tail.
    pub(crate) fn rise(&self, a: &Sample, b: &Sample) -> SignedLog {
        match (a.tail, b.tail) {
            (
                Tail::Lower {
                    ln_alpha: la,
                    ln_excess_partial: pa,
                },
                Tail::Lower {
                    ln_alpha: lb,
                    ln_excess_partial: pb,
                },
            ) => {
                // (v_lo - c) (alpha_b - alpha_a) + (excess_b - excess_a), each
                // difference taken in log form.
                let d_alpha = SignedLog::from_parts((lb - la).signum(), log_difference(lb, la));
                let d_excess = SignedLog::from_parts((pb - pa).signum(), log_difference(pb, pa));
                SignedLog::from_parts(
                    self.bottom_gains.sign * d_alpha.sign,
                    self.bottom_gains.ln + d_alpha.ln,
                )
                .add(d_excess)
            }
            (Tail::Upper { upper: ua }, Tail::Upper { upper: ub }) => SignedLog::from_f64(ua - ub),
            _ => self.level(b).sub(self.level(a)),
        }
    }

    /// ln((E(b) - E(a)) e^{-r}), without forming E.
    pub(crate) fn ln_run(&self, a: &Sample, b: &Sample, r: f64) -> f64 {
        let ln_eb = (b.x - r) + b.ln_next_pdf;
        let ln_ratio = (a.x - b.x) + (a.ln_next_pdf - b.ln_next_pdf);
        ln_eb + ln_one_minus_exp(ln_ratio.min(0.0))
    }

    /// The aggregate signals at which hat w has a kink or a jump: G_N^{-1} of the
    /// prior's break points, sorted.
    pub(crate) fn breakpoints(&self) -> Vec<f64> {
        let mut xs: Vec<f64> = self
            .prior
            .breakpoints()
            .into_iter()
            .map(|alpha| self.signal_at_level(alpha))
            .filter(|x| x.is_finite() && *x > 0.0)
            .collect();
        xs.sort_by(f64::total_cmp);
        xs.dedup();
        xs
    }

    /// G_N^{-1}(alpha), through the upper tail above the median (1 - alpha is
    /// exact there).
    pub(crate) fn signal_at_level(&self, alpha: f64) -> f64 {
        if alpha <= 0.5 {
            self.erlang.quantile(alpha)
        } else {
            self.erlang.quantile_sf(1.0 - alpha)
        }
    }
}

/// ln |e^{hi} - e^{lo}| for the larger and smaller of two logarithms, in either order.
fn log_difference(a: f64, b: f64) -> f64 {
    let (hi, lo) = if a >= b { (a, b) } else { (b, a) };
    if hi == f64::NEG_INFINITY {
        f64::NEG_INFINITY
    } else {
        hi + ln_one_minus_exp(lo - hi)
    }
}
