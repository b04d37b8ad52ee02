//! The Erlang distribution of the sum of `n` independent unit exponentials, accurate in
//! both tails and for every integer shape `1 <= n <= Erlang::MAX_SHAPE`.
//!
//! This is the distribution of Brooks & Du (2019), equations (13) and (14):
//!
//! * (13) density `g_n(x) = x^(n-1) e^(-x) / (n-1)!`,
//! * (14) CDF `G_n(x) = 1 - sum_{k<n} e^(-x) x^k / k!`, the regularized lower incomplete
//!   gamma function `P(n, x)`; the survival function `1 - G_n(x) = Q(n, x)`.
//!
//! The crate knows nothing about auctions. It evaluates these functions, their logarithms
//! and their inverses to within a few ulps, without ever forming `1 - P` or `1 - Q` from a
//! value near 1.
//!
//! ```
//! use maxmin_erlang::Erlang;
//!
//! let g = Erlang::new(30)?;
//! let (p, q) = g.cdf_sf(20.0);
//! assert!((p + q - 1.0).abs() <= 2.0 * f64::EPSILON);
//! // Deep upper tail: the inverse of the survival function at 1e-300. Rounding x ~ 814
//! // to a double moves sf(x) by up to x * EPSILON / 2 ~ 1e-13 relative.
//! let x = g.quantile_sf(1e-300);
//! assert!((g.sf(x) / 1e-300 - 1.0).abs() < 2e-13);
//! // Logarithms go where the values underflow.
//! assert!((g.quantile_ln_sf(-5000.0) - 5176.75465).abs() < 1e-5);
//! # Ok::<(), maxmin_erlang::ErlangError>(())
//! ```
//!
//! # Algorithm
//!
//! * Every evaluation first computes the logarithm of the *smaller* tail, `P` for `x < n`
//!   and `Q` for `x >= n`, so nothing underflows (`ln G_n(x) = -5000` is returned as such).
//!   The other tail is `-expm1(ln small)` and its logarithm `ln(1 - small)` (Maechler's
//!   `log1mexp`); neither cancels because the smaller tail is at most 0.64.
//! * Poisson probabilities `x^k e^(-x)/k!` use Loader's saddle-point form
//!   `exp(-stirlerr(k) - bd0(k, x)) / sqrt(2 pi k)`, which does not cancel near `x = k`.
//!   `bd0` reaches several hundred in the tails, and its absolute error becomes the relative
//!   error of the probability, so it is computed in double-double arithmetic (its leading
//!   terms near `x = k`, a double-double logarithm farther out) and exponentiated as
//!   `exp(hi) * exp(lo)` without rounding `hi + lo`. This is what keeps values near `1e-300`
//!   as accurate as values near 1/2.
//! * For `n < 20`, or `x` outside `0.515 n .. 1.72 n` (Temme's variable `|eta| > 0.6`),
//!   the smaller tail is a series of positive terms with decreasing ratios, summed with
//!   compensation: `P = dpois(n, x) sum_j x^j / ((n+1)...(n+j))` below the mean,
//!   `Q = dpois(n, x) (n/x) sum_j (n-1)...(n-j) / x^j` above it. At most about 70 terms
//!   (about 40 for `n < 20`).
//! * For `n >= 20` and `|eta| <= 0.6`, Temme's uniform asymptotic expansion
//!   `Q = erfc(eta sqrt(n/2))/2 + e^(-n eta^2/2) / sqrt(2 pi n) sum_k C_k(eta) n^-k`
//!   (with the sign of the sum flipped for `P`), written as `e^(-bd0(n, x))` times a
//!   bracket built on a scaled `erfc` that never underflows. The Taylor coefficients of the
//!   `C_k` were derived in exact rational arithmetic by `scripts/erlang_reference.py`; 11
//!   terms are used at `n = 20`, 3 at `n = 10^5`, so the cost is O(1) in `n`, and the
//!   truncation error is below `1e-17` relative.
//! * Quantiles solve `ln P(x) = ln p` or `ln Q(x) = ln q`, whichever target is at most
//!   1/2 (so `quantile(p)` for `p > 1/2` inverts the exact `1 - p` in the upper tail), by
//!   Halley's method in `ln x`. Both functions are concave in `ln x` with closed-form first
//!   and second derivatives. The iteration starts from the Wilson–Hilferty cube, the
//!   small-`x` power law or the large-`x` fixed point, keeps a bracket, and falls back to
//!   Newton and to bisection; it takes 2 to 4 evaluations. The target and the residual are
//!   carried in double-double, so `x` is found to about an ulp even where `ln p ~ -690`
//!   has an ulp of `1e-13`.
//!
//! # Domain
//!
//! Shapes `1 ..= Erlang::MAX_SHAPE` (`10^7`). All kernels are total: `x` is meant to be
//! `>= 0`; a negative `x` (including `-0.0`) is treated as `0`, NaN gives NaN, `+inf` gives
//! the limits. Quantile targets outside `[0, 1]` (or logarithmic targets above 0) give NaN.
//! No function panics on any `f64`.
//!
//! # Measured accuracy
//!
//! Maximum relative errors in units of `f64::EPSILON` (`2.2e-16`), against 60-digit mpmath
//! values: the committed references `tests/data/erlang_reference.csv` (746 rows: values
//! from `1e-300` to 1 in both tails, logarithms down to `-7e7`, quantiles from targets
//! `1e-300` to `1 - 1e-16` and logarithmic targets down to `-5000`) and a one-off sweep of
//! 300 random arguments per shape (90 for `n >= 3000`) over the same ranges:
//!
//! | n       | cdf, sf | ln_cdf, ln_sf | ln near 0 | pdf | ln_pdf | quantiles (all four) |
//! |---------|---------|---------------|-----------|-----|--------|----------------------|
//! | 1       | 0.5     | 0.5           | 0.8       | 0.4 | 0      | 0.5                  |
//! | 2       | 3.7     | 2.2           | 3.7       | 1.0 | 0.7    | 1.5                  |
//! | 30      | 3.4     | 1.3           | 3.7       | 1.9 | 0.7    | 0.9                  |
//! | 1000    | 12      | 0.7           | 12        | 6.9 | 0.9    | 0.7                  |
//! | 10^5    | 3.1     | 0.8           | 3.1       | 4.9 | 0.6    | 0.7                  |
//! | 10^6    | 3.7     | 0.5           | 3.7       | 2.2 | 0.6    | 0.6                  |
//! | 10^7    | 3.7     | 0.7           | 3.7       | 4.8 | 0.5    | 0.8                  |
//!
//! "ln near 0" is `ln T` where `T > 1/2`: there `ln T ~ -(1 - T)` and it inherits the
//! relative accuracy of the small complementary tail. Over all shapes swept (1, 2, 3, 5, 10,
//! 19, 20, 21, 25, 30, 40, 50, 100, 300, 1000, 3000, 10^4, 10^5, 10^6, 10^7) the worst cases
//! are 12 EPS for the tails and 10.5 EPS for the density; quantiles are within 1.5 EPS of
//! the exact root. The remaining weak spots are small: the parts kept in plain double
//! precision (the higher terms of the `bd0` series, the constant `ln sqrt(2 pi n)`, the
//! series sums) add up to about 12 ulps at `n ~ 1000` just outside Temme's band, and
//! values or quantiles below `f64::MIN_POSITIVE` (deep lower tails at small `n`) lose
//! digits to subnormal rounding.
//!
//! # Cost
//!
//! Release build on the development machine (2 cores, `benches/benches/erlang.rs`), per
//! call averaged over a fixed batch spanning both tails, at `n = 2, 30, 1000, 10^5`:
//! `cdf_sf` 70 to 120 ns, `ln_pdf` 15 to 31 ns, `quantile` and `quantile_sf` 0.27 to
//! 0.39 µs. No single quantile call was measured above 0.7 µs at any shape up to
//! `MAX_SHAPE`, and no `cdf_sf` call above 0.25 µs.

mod kernel;
mod tables;

use kernel::{
    bd0, exp_sum, half_erfcx, ln_dd_prob, lower_series, stirlerr, temme_sum, upper_series,
};
use tables::{TEMME_BOUNDS, TEMME_COEFFS, TEMME_ETA_MAX, TEMME_MIN_SHAPE};

/// `ln sqrt(2 pi)`.
const LN_SQRT_2PI: f64 = 0.918_938_533_204_672_8;

/// Invalid shape for an [`Erlang`] distribution.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ErlangError {
    /// The shape was 0; an Erlang distribution needs at least one exponential.
    #[error("Erlang shape must be at least 1, got 0 (valid range 1..={max})", max = Erlang::MAX_SHAPE)]
    ShapeZero,
    /// The shape exceeds [`Erlang::MAX_SHAPE`], beyond which accuracy is not verified.
    #[error("Erlang shape {shape} is too large (valid range 1..={max})")]
    ShapeTooLarge {
        /// The rejected shape.
        shape: u64,
        /// The largest accepted shape, [`Erlang::MAX_SHAPE`].
        max: u64,
    },
}

/// The Erlang distribution of shape `n`: the sum of `n` i.i.d. unit exponentials, with
/// density `g_n(x) = x^(n-1) e^(-x) / (n-1)!` and CDF `G_n(x) = P(n, x)` (Brooks & Du 2019,
/// eqs. 13–14).
///
/// Construction precomputes the shape-dependent constants, so evaluations are cheap; the
/// value is `Copy`. See the [crate documentation](crate) for algorithms and accuracy.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Erlang {
    /// The shape `n`.
    shape: u64,
    /// `n` as a float (exact: `n <= MAX_SHAPE < 2^53`).
    n: f64,
    /// `ln n`.
    ln_n: f64,
    /// `ln n!`, for the small-`x` quantile start.
    ln_factorial: f64,
    /// `stirlerr(n) + ln sqrt(2 pi n)`, so that `ln dpois(n, x) = -bd0(n, x) - this`.
    poisson_norm: f64,
    /// The same for `n - 1`, used by the density; 0 (unused) when `n = 1`.
    density_norm: f64,
    /// Number of Temme terms `C_0 .. C_{k-1}`; 0 when `n < TEMME_MIN_SHAPE`.
    temme_terms: usize,
    /// `sqrt(2/n)`, converting `sqrt(bd0)` into Temme's `|eta|`.
    sqrt_two_over_n: f64,
    /// `1/sqrt(2 pi n)`.
    inv_sqrt_two_pi_n: f64,
    /// `1/n`.
    inv_n: f64,
}

/// The smaller tail at some `x`, as returned by [`Erlang::tail`].
#[derive(Debug, Clone, Copy)]
struct Tail {
    /// `ln P(n, x)` if `!upper`, else `ln Q(n, x)`, as the unevaluated sum `ln_hi + ln_lo`
    /// (see [`exp_sum`]).
    ln_hi: f64,
    /// Low part of the logarithm of the small tail.
    ln_lo: f64,
    /// Whether the small tail is the upper one (`x >= n`).
    upper: bool,
    /// `ln(x g_n(x))`, the logarithmic derivative numerator used by the quantile solver.
    ln_x_density: f64,
}

impl Erlang {
    /// Largest supported shape, `10^7`.
    ///
    /// Nothing in the algorithms degrades at this size (Temme's expansion only gets more
    /// accurate), but accuracy is verified against high-precision references only up to
    /// here, so larger shapes are refused rather than silently trusted.
    pub const MAX_SHAPE: u64 = 10_000_000;

    /// The Erlang distribution of shape `shape`.
    ///
    /// # Errors
    ///
    /// [`ErlangError::ShapeZero`] for `shape == 0`, [`ErlangError::ShapeTooLarge`] for
    /// `shape > Erlang::MAX_SHAPE`.
    pub fn new(shape: u64) -> Result<Erlang, ErlangError> {
        if shape == 0 {
            return Err(ErlangError::ShapeZero);
        }
        if shape > Self::MAX_SHAPE {
            return Err(ErlangError::ShapeTooLarge {
                shape,
                max: Self::MAX_SHAPE,
            });
        }
        let n = shape as f64;
        let ln_n = n.ln();
        let density_norm = if shape > 1 {
            stirlerr(shape - 1) + LN_SQRT_2PI + 0.5 * (n - 1.0).ln()
        } else {
            0.0
        };
        // Keep Temme terms while the bound on the next neglected one is above 1e-17.
        let temme_terms = if shape >= TEMME_MIN_SHAPE {
            let mut k = 1;
            while k < TEMME_COEFFS.len() && TEMME_BOUNDS[k - 1] * n.powi(-(k as i32)) > 1e-17 {
                k += 1;
            }
            k
        } else {
            0
        };
        Ok(Erlang {
            shape,
            n,
            ln_n,
            ln_factorial: special::Gamma::ln_gamma(n + 1.0).0,
            poisson_norm: stirlerr(shape) + LN_SQRT_2PI + 0.5 * ln_n,
            density_norm,
            temme_terms,
            sqrt_two_over_n: (2.0 / n).sqrt(),
            inv_sqrt_two_pi_n: 1.0 / (2.0 * std::f64::consts::PI * n).sqrt(),
            inv_n: 1.0 / n,
        })
    }

    /// The shape `n`.
    pub fn shape(&self) -> u64 {
        self.shape
    }

    /// The smaller tail at a finite `x > 0`, for `n >= 2`.
    fn tail(&self, x: f64) -> Tail {
        let n = self.n;
        let (y_hi, y_lo) = bd0(n, x);
        let y = y_hi + y_lo;
        // ln dpois(n, x) = -y_hi + dpois_lo.
        let dpois_lo = -y_lo - self.poisson_norm;
        let upper = x >= n;
        // Temme's variable satisfies n eta^2 / 2 = bd0(n, x).
        let ln_lo = if self.temme_terms > 0 && y <= 0.5 * TEMME_ETA_MAX * TEMME_ETA_MAX * n {
            let z = y.sqrt();
            let eta = if upper { z } else { -z } * self.sqrt_two_over_n;
            let s = temme_sum(eta, self.inv_n, self.temme_terms) * self.inv_sqrt_two_pi_n;
            let bracket = if upper {
                half_erfcx(z) + s
            } else {
                half_erfcx(z) - s
            };
            bracket.ln() - y_lo
        } else if upper {
            dpois_lo + (n / x).ln() + upper_series(n, x).ln()
        } else {
            dpois_lo + lower_series(n, x).ln()
        };
        Tail {
            ln_hi: -y_hi,
            ln_lo,
            upper,
            ln_x_density: (dpois_lo + self.ln_n) - y_hi,
        }
    }

    /// Density `g_n(x) = x^(n-1) e^(-x) / (n-1)!`.
    ///
    /// At `x = 0` it is 1 for `n = 1` and 0 otherwise (negative `x` is treated as 0, so
    /// `pdf(-1.0)` is 1 for `n = 1`); 0 at `+inf`; NaN for NaN.
    ///
    /// Relative error measured below `11 * EPSILON` (`2.4e-15`) wherever `g >= 1e-300`,
    /// including the far tails: the exponent `-bd0` is carried in double-double.
    pub fn pdf(&self, x: f64) -> f64 {
        let (hi, lo) = self.ln_pdf_parts(x);
        exp_sum(hi, lo)
    }

    /// `ln g_n(x)`, `-inf` where the density is 0 (`x = 0` with `n > 1`, `x = +inf`).
    ///
    /// Accurate to about 1 ulp of the result (Loader's form, no cancellation; measured at most
    /// `0.9 * EPSILON` relative); NaN for NaN, negative `x` treated as 0.
    pub fn ln_pdf(&self, x: f64) -> f64 {
        let (hi, lo) = self.ln_pdf_parts(x);
        hi + lo
    }

    /// `ln g_n(x)` as an unevaluated sum, Loader's
    /// `-bd0(n-1, x) - stirlerr(n-1) - ln sqrt(2 pi (n-1))`.
    fn ln_pdf_parts(&self, x: f64) -> (f64, f64) {
        if x.is_nan() {
            return (f64::NAN, 0.0);
        }
        let x = x.max(0.0);
        if self.shape == 1 {
            return (-x, 0.0);
        }
        if x == 0.0 || x == f64::INFINITY {
            return (f64::NEG_INFINITY, 0.0);
        }
        let (hi, lo) = bd0(self.n - 1.0, x);
        (-hi, -lo - self.density_norm)
    }

    /// CDF `G_n(x) = P(n, x)`, the probability that the sum is at most `x`.
    ///
    /// 0 for `x <= 0`, 1 at `+inf`, NaN for NaN. Relative error measured below
    /// `12 * EPSILON` (`2.7e-15`) for every value from `1e-300` to 1, in both tails and at
    /// every shape; typically 2 to 4 ulps. Values below `1e-300` are returned as well (down
    /// to subnormals, with the precision those have); use [`Erlang::ln_cdf`] there.
    pub fn cdf(&self, x: f64) -> f64 {
        self.cdf_sf(x).0
    }

    /// Survival function `1 - G_n(x) = Q(n, x)`, computed directly (never as `1 - cdf`).
    ///
    /// 1 for `x <= 0`, 0 at `+inf`, NaN for NaN. Accuracy as for [`Erlang::cdf`].
    pub fn sf(&self, x: f64) -> f64 {
        self.cdf_sf(x).1
    }

    /// `(cdf(x), sf(x))` at the cost of one evaluation (one smaller tail, the other as its
    /// complement); each component is accurate in the relative sense, as for
    /// [`Erlang::cdf`].
    pub fn cdf_sf(&self, x: f64) -> (f64, f64) {
        if x.is_nan() {
            return (f64::NAN, f64::NAN);
        }
        if x <= 0.0 {
            return (0.0, 1.0);
        }
        if x == f64::INFINITY {
            return (1.0, 0.0);
        }
        if self.shape == 1 {
            return (-(-x).exp_m1(), (-x).exp());
        }
        let t = self.tail(x);
        let small = exp_sum(t.ln_hi, t.ln_lo);
        let large = -(t.ln_hi + t.ln_lo).exp_m1();
        if t.upper {
            (large, small)
        } else {
            (small, large)
        }
    }

    /// `ln G_n(x)`, accurate even where `G_n(x)` underflows (returns e.g. `-5000`).
    ///
    /// `-inf` for `x <= 0`, 0 at `+inf`, NaN for NaN. Relative error measured below
    /// `2.5 * EPSILON` where `G_n(x) <= 1/2` (logarithms down to `-7e7` checked); where
    /// `G_n(x)` is close to 1 the value is `~ -(1 - G_n(x))` and has the relative accuracy of
    /// [`Erlang::sf`] (below `12 * EPSILON`). It underflows to 0 only where `1 - G_n(x)`
    /// itself does.
    pub fn ln_cdf(&self, x: f64) -> f64 {
        self.ln_tails(x).0
    }

    /// `ln(1 - G_n(x))`, computed directly; accuracy as for [`Erlang::ln_cdf`] with the
    /// tails exchanged. 0 for `x <= 0`, `-inf` at `+inf`, NaN for NaN.
    pub fn ln_sf(&self, x: f64) -> f64 {
        self.ln_tails(x).1
    }

    /// `(ln cdf, ln sf)`.
    fn ln_tails(&self, x: f64) -> (f64, f64) {
        if x.is_nan() {
            return (f64::NAN, f64::NAN);
        }
        if x <= 0.0 {
            return (f64::NEG_INFINITY, 0.0);
        }
        if x == f64::INFINITY {
            return (0.0, f64::NEG_INFINITY);
        }
        if self.shape == 1 {
            return (ln_one_minus_exp(-x), -x);
        }
        let t = self.tail(x);
        let ln_small = t.ln_hi + t.ln_lo;
        // As in ln_one_minus_exp, but with the small tail itself from exp_sum.
        let other = if ln_small < -std::f64::consts::LN_2 {
            (-exp_sum(t.ln_hi, t.ln_lo)).ln_1p()
        } else {
            ln_one_minus_exp(ln_small)
        };
        if t.upper {
            (other, ln_small)
        } else {
            (ln_small, other)
        }
    }

    /// The `x` with `G_n(x) = p`, for `p` in `[0, 1]`: 0 at `p = 0`, `+inf` at `p = 1`, NaN
    /// for NaN or `p` outside `[0, 1]`.
    ///
    /// For `p > 1/2` the exact complement `1 - p` is inverted in the upper tail, so
    /// `quantile(p) == quantile_sf(1 - p)`. Measured relative error below `1.5 * EPSILON`
    /// (within about an ulp of the exact root) for `p` from `1e-300` to `1 - 1e-16` at every
    /// shape. Results below `f64::MIN_POSITIVE` (for example `n = 2`, `p < 1e-308`) are the
    /// small-`x` power law `x = (p n!)^(1/n)`, exact to double precision there, but lose digits
    /// to subnormal rounding or flush to 0. Cost: 2 to 4 evaluations of the tail, about
    /// 0.3 to 0.7 µs.
    pub fn quantile(&self, p: f64) -> f64 {
        if !(0.0..=1.0).contains(&p) {
            return f64::NAN;
        }
        if p == 0.0 {
            return 0.0;
        }
        if p == 1.0 {
            return f64::INFINITY;
        }
        if self.shape == 1 {
            // Inverting the smaller tail, as below, makes quantile(p) == quantile_sf(1 - p).
            return if p <= 0.5 {
                -(-p).ln_1p()
            } else {
                -(1.0 - p).ln()
            };
        }
        if p <= 0.5 {
            self.solve(false, ln_dd_prob(p))
        } else {
            self.solve(true, ln_dd_prob(1.0 - p))
        }
    }

    /// The `x` with `1 - G_n(x) = q`, for `q` in `[0, 1]`: `+inf` at `q = 0`, 0 at `q = 1`,
    /// NaN for NaN or `q` outside `[0, 1]`. Accuracy and cost as for [`Erlang::quantile`]
    /// (measured below `1.2 * EPSILON`); for `q > 1/2` it inverts the exact `1 - q` in the
    /// lower tail.
    pub fn quantile_sf(&self, q: f64) -> f64 {
        if !(0.0..=1.0).contains(&q) {
            return f64::NAN;
        }
        if q == 0.0 {
            return f64::INFINITY;
        }
        if q == 1.0 {
            return 0.0;
        }
        if self.shape == 1 {
            return if q <= 0.5 {
                -q.ln()
            } else {
                -(-(1.0 - q)).ln_1p()
            };
        }
        if q <= 0.5 {
            self.solve(true, ln_dd_prob(q))
        } else {
            self.solve(false, ln_dd_prob(1.0 - q))
        }
    }

    /// The `x` with `ln G_n(x) = ln_p`, for `ln_p <= 0`; reaches targets far below `1e-300`
    /// (`ln_p = -5000` and beyond, as long as the answer is a normal double).
    ///
    /// `+inf` at `ln_p = 0`, 0 at `-inf`, NaN for NaN or `ln_p > 0`. Accuracy as for
    /// [`Erlang::quantile`] (measured below `1.4 * EPSILON`, targets down to `-5000`). For
    /// `ln_p > -ln 2` the upper tail `ln(1 - e^ln_p)` is inverted instead, which keeps full
    /// relative accuracy in `x` for targets as close to 0 as `-1e-300`.
    pub fn quantile_ln_cdf(&self, ln_p: f64) -> f64 {
        if ln_p.is_nan() || ln_p > 0.0 {
            return f64::NAN;
        }
        if ln_p == 0.0 {
            return f64::INFINITY;
        }
        if ln_p == f64::NEG_INFINITY {
            return 0.0;
        }
        if self.shape == 1 {
            return -ln_one_minus_exp(ln_p);
        }
        if ln_p <= -std::f64::consts::LN_2 {
            self.solve(false, (ln_p, 0.0))
        } else {
            self.solve(true, (ln_one_minus_exp(ln_p), 0.0))
        }
    }

    /// The `x` with `ln(1 - G_n(x)) = ln_q`, for `ln_q <= 0`: 0 at `ln_q = 0`, `+inf` at
    /// `-inf`, NaN for NaN or `ln_q > 0`. Accuracy as for [`Erlang::quantile_sf`] (measured
    /// below `1 * EPSILON`, targets down to `-5000`). Targets below about `-1.8e308`, whose
    /// root exceeds the largest double, return `f64::MAX`.
    pub fn quantile_ln_sf(&self, ln_q: f64) -> f64 {
        if ln_q.is_nan() || ln_q > 0.0 {
            return f64::NAN;
        }
        if ln_q == 0.0 {
            return 0.0;
        }
        if ln_q == f64::NEG_INFINITY {
            return f64::INFINITY;
        }
        if self.shape == 1 {
            return -ln_q;
        }
        if ln_q <= -std::f64::consts::LN_2 {
            self.solve(true, (ln_q, 0.0))
        } else {
            self.solve(false, (ln_one_minus_exp(ln_q), 0.0))
        }
    }

    /// Solves `ln T(x) = target.0 + target.1` for `T = Q` (`upper`) or `T = P`, with a finite
    /// target at most `ln(1/2)` and `n >= 2`.
    ///
    /// The residual is formed as `(ln_hi - target.0) + (ln_lo - target.1)`, so near the root
    /// it is resolved far below the ulp of `ln T` (which is `1e-13` at `T = 1e-300`).
    ///
    /// In `t = ln x` both `ln P` and `ln Q` are concave and monotone with known derivatives
    /// `f' = +- x g / T` and `f'' = f' (n - x - f')`, so Halley's method converges cubically;
    /// a bracket of the root is kept, Halley steps with a large correction are replaced by
    /// Newton steps, and any step leaving the bracket by bisection.
    fn solve(&self, upper: bool, target: (f64, f64)) -> f64 {
        let n = self.n;
        let (mut x, mut lo) = self.initial_guess(upper, target.0 + target.1);
        if x < f64::MIN_POSITIVE {
            // Here P(x) = x^n/n! to double precision, so the power law is the answer.
            return x;
        }
        let mut hi = f64::INFINITY;
        for _ in 0..200 {
            let t = self.tail(x);
            let ln_small = t.ln_hi + t.ln_lo;
            let (ln_t, f) = if t.upper == upper {
                (ln_small, (t.ln_hi - target.0) + (t.ln_lo - target.1))
            } else {
                let ln_t = ln_one_minus_exp(ln_small);
                (ln_t, (ln_t - target.0) - target.1)
            };
            if f == 0.0 {
                return x;
            }
            // The root lies above x where f < 0 for P and where f > 0 for Q.
            if (f < 0.0) != upper {
                lo = x;
            } else {
                hi = x;
            }
            let slope = (t.ln_x_density - ln_t).exp();
            let df = if upper { -slope } else { slope };
            let newton = f / df;
            let denom = 1.0 - 0.5 * newton * (n - x - df);
            let step = if (0.5..=2.0).contains(&denom) {
                newton / denom
            } else {
                newton
            };
            let mut next = x * (-step).exp();
            let inside = next > lo && next < hi;
            // Halley's error after a step this small is of the order of its cube. A step
            // below the rounding level may land on x itself, now an end of the bracket.
            if step.abs() < 1e-10 && (inside || step.abs() < 4.0 * f64::EPSILON) {
                return if inside { next } else { x };
            }
            if !inside {
                next = if lo == 0.0 {
                    0.25 * hi.min(x)
                } else if hi == f64::INFINITY {
                    4.0 * lo
                } else {
                    lo.sqrt() * hi.sqrt()
                };
                if !(next > lo && next < hi) {
                    // The bracket is as narrow as doubles allow (or pinned at f64::MAX).
                    return x;
                }
            }
            x = next;
        }
        x
    }

    /// Starting point and a lower bound for [`Erlang::solve`].
    ///
    /// The start is the Wilson–Hilferty cube `n (1 - 1/(9n) + z/(3 sqrt n))^3` with the
    /// normal deviate `z` from Abramowitz & Stegun 26.2.23 (error below `4.5e-4`), which
    /// is good wherever the distribution is roughly normal. In the lower tail it is raised
    /// to at least the power law `x^n/n! = p`, which is a lower bound of the root because
    /// `P(n, x) <= x^n/n!`, and accurate when `x << n`. In the upper tail of a small shape it
    /// is refined by the fixed point of `ln Q ~ -x + (n-1) ln x - ln (n-1)! - ln(1 - (n-1)/x)`.
    fn initial_guess(&self, upper: bool, target: f64) -> (f64, f64) {
        let n = self.n;
        // Clamping keeps t^3 finite; such targets are far outside the normal regime anyway.
        let t = (-2.0 * target.max(-1e200)).sqrt();
        let z = t
            - (2.515517 + t * (0.802853 + t * 0.010328))
                / (1.0 + t * (1.432788 + t * (0.189269 + t * 0.001308)));
        let z = if upper { z } else { -z };
        let base = 1.0 - self.inv_n / 9.0 + z / (3.0 * n.sqrt());
        let wh = n * base.max(0.0).powi(3);
        if upper {
            let ln_gamma_n = self.ln_factorial - self.ln_n;
            let mut x = wh.clamp(n, f64::MAX);
            if x > 2.0 * n {
                // A contraction with factor (n-1)/x < 1/2; the geometric sum 1/(1 - (n-1)/x)
                // stands in for the series of Q.
                for _ in 0..4 {
                    x = (-target + (n - 1.0) * x.ln() - ln_gamma_n - (-(n - 1.0) / x).ln_1p())
                        .min(f64::MAX);
                }
            }
            (x, 0.0)
        } else {
            let power = ((target + self.ln_factorial) / n).exp();
            // The bound holds for the exact power law; its evaluation through exp of a
            // quotient of logarithms can be high by up to about 1e-13 relative.
            (wh.max(power), power * (1.0 - 1e-9))
        }
    }
}

/// `ln E_n(x) = ln(x^n / n!)`, the logarithm of `integral_0^x e^y g_n(y) dy = e^x g_{n+1}(x)`.
///
/// Defined for every `n >= 0` (`E_0 = 1`, so the result is 0 for `n = 0` at any `x >= 0`)
/// and `x >= 0`: `-inf` at `x = 0` for `n >= 1`, `+inf` at `x = +inf`, NaN for NaN, negative
/// `x` treated as 0. Computed as `n (1 + ln(x/n)) - stirlerr(n) - ln sqrt(2 pi n)`, whose
/// absolute error is a few ulps of `n (1 + |ln(x/n)|)`; it has no cancellation between
/// `n ln x` and `ln n!` at large `n`.
pub fn ln_scaled_power(n: u64, x: f64) -> f64 {
    if x.is_nan() {
        return f64::NAN;
    }
    if n == 0 {
        return 0.0;
    }
    let x = x.max(0.0);
    if x == 0.0 {
        return f64::NEG_INFINITY;
    }
    if x == f64::INFINITY {
        return f64::INFINITY;
    }
    let nf = n as f64;
    let r = x / nf;
    let ln_ratio = if (0.5..=2.0).contains(&r) {
        // x - n is exact here, and ln_1p keeps full relative accuracy near x = n.
        ((x - nf) / nf).ln_1p()
    } else if r.is_finite() && r >= f64::MIN_POSITIVE {
        r.ln()
    } else {
        x.ln() - nf.ln()
    };
    nf * (1.0 + ln_ratio) - (stirlerr(n) + LN_SQRT_2PI + 0.5 * nf.ln())
}

/// `ln(1 - e^a)` for `a <= 0`, accurate everywhere (Maechler's `log1mexp`: `ln(-expm1(a))`
/// for `a > -ln 2`, `ln_1p(-exp(a))` below).
///
/// `-inf` at `a = 0`, 0 at `-inf`, NaN for `a > 0` or NaN. Relative error a few ulps.
pub fn ln_one_minus_exp(a: f64) -> f64 {
    if a > -std::f64::consts::LN_2 {
        (-a.exp_m1()).ln()
    } else {
        (-a.exp()).ln_1p()
    }
}

/// `ln(e^a + e^b)` without overflow or underflow: `max + ln_1p(e^-|a-b|)`.
///
/// Either argument may be `-inf` (the result is then the other one); `+inf` gives `+inf`;
/// NaN gives NaN. Relative error a few ulps.
pub fn ln_add_exp(a: f64, b: f64) -> f64 {
    let (hi, lo) = if a >= b { (a, b) } else { (b, a) };
    if a.is_nan() || b.is_nan() {
        return f64::NAN;
    }
    if lo == f64::NEG_INFINITY || hi == f64::INFINITY {
        return hi;
    }
    hi + (lo - hi).exp().ln_1p()
}
