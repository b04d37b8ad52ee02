//! Closed forms for the exponential prior H(v) = 1 - exp(-rate v) on [0, inf).
//!
//! Each formula is written so that it keeps full relative accuracy where its argument
//! is tiny: `ln_1p` and `exp_m1` near the bottom of the support, and logarithms of the
//! tail probability itself (never of `1 - beta`) near the top.

/// Below this alpha the lower partial integral is summed as a power series, because
/// the closed form `alpha + (1 - alpha) ln(1 - alpha)` cancels to about `alpha^2 / 2`.
/// At the threshold the closed form loses only about three bits, and the series needs
/// about 25 terms.
const LOWER_PARTIAL_SERIES_THRESHOLD: f64 = 0.25;

/// The series for the lower partial integral stops when a term falls below this
/// fraction of the running sum.
const SERIES_RELATIVE_TOLERANCE: f64 = f64::EPSILON / 4.0;

/// H(v) = 1 - exp(-rate v) for v >= 0, zero below; NaN for NaN.
pub(crate) fn cdf(rate: f64, v: f64) -> f64 {
    if v.is_nan() {
        f64::NAN
    } else if v <= 0.0 {
        0.0
    } else {
        -(-rate * v).exp_m1()
    }
}

/// dH^{-1}/dalpha = 1 / (rate (1 - alpha)).
pub(crate) fn quantile_slope(rate: f64, alpha: f64) -> f64 {
    1.0 / (rate * (1.0 - alpha))
}

/// dH^{-1}/dalpha at 1 - beta: 1 / (rate beta), infinite at beta = 0.
pub(crate) fn quantile_slope_upper(rate: f64, beta: f64) -> f64 {
    1.0 / (rate * beta)
}

/// 1 - H(v) = exp(-rate v) for v >= 0, one below; NaN for NaN.
pub(crate) fn sf(rate: f64, v: f64) -> f64 {
    if v.is_nan() {
        f64::NAN
    } else if v <= 0.0 {
        1.0
    } else {
        (-rate * v).exp()
    }
}

/// H^{-1}(alpha) = -ln(1 - alpha) / rate for alpha in [0, 1]; infinite at alpha = 1.
pub(crate) fn quantile(rate: f64, alpha: f64) -> f64 {
    -(-alpha).ln_1p() / rate
}

/// H^{-1}(1 - beta) = -ln(beta) / rate for beta in [0, 1]; infinite at beta = 0.
pub(crate) fn quantile_upper(rate: f64, beta: f64) -> f64 {
    // `-ln(1)` is `-0.0`; the support starts at `+0.0`.
    (-beta.ln() / rate).max(0.0)
}

/// The integral of H^{-1} over [0, alpha]: (alpha + (1 - alpha) ln(1 - alpha)) / rate.
pub(crate) fn lower_partial(rate: f64, alpha: f64) -> f64 {
    if alpha >= 1.0 {
        return 1.0 / rate;
    }
    if alpha < LOWER_PARTIAL_SERIES_THRESHOLD {
        // alpha + (1 - alpha) ln(1 - alpha) = sum over k >= 2 of alpha^k / (k (k - 1)),
        // obtained by integrating -ln(1 - alpha) = sum alpha^k / k term by term.
        let mut power = alpha * alpha;
        let mut sum = 0.0;
        let mut k = 2.0_f64;
        loop {
            let term = power / (k * (k - 1.0));
            sum += term;
            if term <= SERIES_RELATIVE_TOLERANCE * sum {
                break;
            }
            power *= alpha;
            k += 1.0;
        }
        return sum / rate;
    }
    (alpha + (1.0 - alpha) * (-alpha).ln_1p()) / rate
}

/// The integral of H^{-1} over [1 - beta, 1]: beta (1 - ln beta) / rate.
pub(crate) fn upper_partial(rate: f64, beta: f64) -> f64 {
    if beta <= 0.0 {
        return 0.0;
    }
    beta * (1.0 - beta.ln()) / rate
}

/// Below this ln(alpha) the excess functions use their leading-order series, which
/// are exact to rounding there (the next terms are below 1e-13 relative).
const LN_SERIES_THRESHOLD: f64 = -30.0;

/// ln H^{-1}(alpha) for alpha = exp(ln_alpha) (the support starts at 0), for ln_alpha
/// far below the smallest double: -ln(1 - alpha) = alpha (1 + alpha/2 + alpha^2/3 + ...).
pub(crate) fn ln_lower_excess(rate: f64, ln_alpha: f64) -> f64 {
    if ln_alpha < LN_SERIES_THRESHOLD {
        let a = ln_alpha.exp();
        ln_alpha + (a / 2.0 + a * a / 3.0).ln_1p() - rate.ln()
    } else {
        quantile(rate, ln_alpha.exp()).ln()
    }
}

/// ln of the integral of H^{-1} over [0, alpha] for alpha = exp(ln_alpha), from the
/// series alpha^2/2 (1 + alpha/3 + alpha^2/6 + ...) in the deep tail.
pub(crate) fn ln_lower_partial_excess(rate: f64, ln_alpha: f64) -> f64 {
    if ln_alpha < LN_SERIES_THRESHOLD {
        let a = ln_alpha.exp();
        2.0 * ln_alpha - std::f64::consts::LN_2 + (a / 3.0 + a * a / 6.0).ln_1p() - rate.ln()
    } else {
        lower_partial(rate, ln_alpha.exp()).ln()
    }
}
