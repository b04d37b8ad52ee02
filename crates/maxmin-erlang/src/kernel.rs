//! Numerical building blocks: Loader's saddle-point pieces (`stirlerr`, `bd0`), the two
//! positive series for the smaller tail, a scaled complementary error function and
//! Temme's uniform asymptotic sum.

use special::Error as _;

use crate::tables::{STIRLERR, TEMME_COEFFS};

/// Relative size below which the remaining tail of a series is neglected.
const SERIES_TOL: f64 = 1e-17;

/// Loader's Stirling error `ln k! - (k + 1/2) ln k + k - ln sqrt(2 pi)` for `k >= 1`.
///
/// Small `k` come from a 60-digit table; larger `k` use the Stirling series, whose first
/// neglected term is below `3e-20` at `k = 16`, so the absolute error is at the rounding
/// level of the result.
pub(crate) fn stirlerr(k: u64) -> f64 {
    if k < 16 {
        return STIRLERR[k as usize - 1];
    }
    const S1: f64 = 1.0 / 12.0;
    const S2: f64 = 1.0 / 360.0;
    const S3: f64 = 1.0 / 1260.0;
    const S4: f64 = 1.0 / 1680.0;
    const S5: f64 = 1.0 / 1188.0;
    const S6: f64 = 691.0 / 360_360.0;
    const S7: f64 = 1.0 / 156.0;
    let r = 1.0 / k as f64;
    let r2 = r * r;
    r * (S1 - r2 * (S2 - r2 * (S3 - r2 * (S4 - r2 * (S5 - r2 * (S6 - r2 * S7))))))
}

/// `1/(2j + 1)` for `j = 1..=24`, so that the `atanh` series multiply instead of dividing.
const ODD_RECIPROCALS: [f64; 24] = {
    let mut out = [0.0; 24];
    let mut j = 0;
    while j < 24 {
        out[j] = 1.0 / (2 * j + 3) as f64;
        j += 1;
    }
    out
};

/// Knuth's TwoSum: `a + b = s + e` exactly.
fn two_sum(a: f64, b: f64) -> (f64, f64) {
    let s = a + b;
    let bb = s - a;
    (s, (a - (s - bb)) + (b - bb))
}

/// Dekker's product: `a b = p + e` exactly (no FMA, which would be a slow library call on
/// the baseline x86-64 target), for `|a|, |b| < 2^996`.
fn two_prod(a: f64, b: f64) -> (f64, f64) {
    fn split(a: f64) -> (f64, f64) {
        let c = 134_217_729.0 * a;
        let hi = c - (c - a);
        (hi, a - hi)
    }
    let p = a * b;
    let (ah, al) = split(a);
    let (bh, bl) = split(b);
    (p, ((ah * bh - p) + ah * bl + al * bh) + al * bl)
}

/// `ln(hi + lo)` for a positive normal `hi` and `|lo| <= ulp(hi)`, returned as an
/// unevaluated sum accurate to about `1e-19` relative (a thousandth of an ulp).
///
/// After the reduction `hi = 2^m f` with `f` in `[sqrt(1/2), sqrt(2))`,
/// `ln f = 2 atanh(w)` with `w = (f - 1)/(f + 1)`, `|w| < 0.172`. Only `m ln 2` and the
/// leading term `2w` need double-double precision: the rest, `2 (w^3/3 + w^5/5 + ...)`, is
/// below 1% of `2w` and its double rounding is what limits the accuracy.
fn ln_dd(hi: f64, lo: f64) -> (f64, f64) {
    // fdlibm's split of ln 2: LN2_HI has 32 trailing zero bits, so m * LN2_HI is exact.
    const LN2_HI: f64 = f64::from_bits(0x3fe6_2e42_fee0_0000);
    const LN2_LO: f64 = f64::from_bits(0x3dea_39ef_3579_3c76);
    let bits = hi.to_bits();
    let mut m = ((bits >> 52) & 0x7ff) as i32 - 1023;
    let mut f = f64::from_bits((bits & 0x000f_ffff_ffff_ffff) | 0x3ff0_0000_0000_0000);
    if f > std::f64::consts::SQRT_2 {
        f *= 0.5;
        m += 1;
    }
    let f_lo = lo * 2f64.powi(-m);
    // w = (f + f_lo - 1) / (f + f_lo + 1); f - 1 is exact.
    let (num, num_err) = two_sum(f - 1.0, f_lo);
    let (den, den_err) = two_sum(f, 1.0);
    let den_err = den_err + f_lo;
    let w = num / den;
    let (p, p_err) = two_prod(w, den);
    let w_lo = (((num - p) - p_err) + num_err - w * den_err) / den;
    let w2 = w * w;
    let mut series = 0.0;
    let mut power = w * w2;
    for inv in ODD_RECIPROCALS.iter().take(12) {
        series += power * inv;
        power *= w2;
    }
    let mf = f64::from(m);
    let (s, e) = two_sum(mf * LN2_HI, 2.0 * w);
    two_sum(s, e + mf * LN2_LO + 2.0 * w_lo + 2.0 * series)
}

/// `ln p` for `p > 0` as an unevaluated double-double sum (plain `ln` for subnormal `p`).
///
/// A quantile target `p = 1e-300` has `ln p ~ -690`, whose rounding to a double alone moves
/// the root by `EPSILON * 690 / n` relative; keeping the low part avoids that.
pub(crate) fn ln_dd_prob(p: f64) -> (f64, f64) {
    if p >= f64::MIN_POSITIVE {
        ln_dd(p, 0.0)
    } else {
        (p.ln(), 0.0)
    }
}

/// Loader's deviance `bd0(k, x) = k ln(k/x) + x - k >= 0` for `k >= 1` and finite `x > 0`,
/// returned as an unevaluated sum `hi + lo` accurate to a fraction of an ulp of `hi`.
///
/// This accuracy matters because `bd0` reaches several hundred in the tails, where its
/// absolute error becomes the relative error of the probability `exp(-bd0 ...)`.
///
/// Near `x = k` (within a factor 2) the difference `d = k - x` is exact and, with
/// `v = d/(k + x)`, the value is `d^2/(k + x) + 2k (v^3/3 + v^5/5 + ...)`: the leading term
/// is positive, the series is at most 8% of it, so nothing cancels however close `x` is to
/// `k`. The leading term is formed in double-double arithmetic and so is `2k v^3/3` once it
/// exceeds 1/2 (below that its plain rounding error is negligible); the remaining series
/// is a further factor `v^2 <= 1/9` smaller and needs only double precision.
///
/// Farther out the closed form `k ln(k/x) - d` is evaluated in double-double arithmetic (it
/// cancels by up to a factor of 2.4). Only when `k/x` over- or underflows (subnormal `x`,
/// or `x` near `f64::MAX` with a small `k`) is it evaluated in plain double precision; the
/// value then exceeds 700 and only its logarithmic use matters.
pub(crate) fn bd0(k: f64, x: f64) -> (f64, f64) {
    let d = k - x;
    if 3.0 * d.abs() <= k + x {
        let (s, s_err) = two_sum(k, x);
        let (p, p_err) = two_prod(d, d);
        let q = p / s;
        let (qs, qs_err) = two_prod(q, s);
        // One correction step: (p + p_err - q (s + s_err)) / s, with p - qs exact.
        let q_lo = (((p - qs) - qs_err) + p_err - q * s_err) / s;
        let v = d / s;
        let v2 = v * v;
        let k2 = 2.0 * k;
        let mut ej = k2 * v * v2;
        let first = ej / 3.0;
        let mut rest = 0.0;
        for inv in &ODD_RECIPROCALS[1..] {
            ej *= v2;
            let term = ej * inv;
            rest += term;
            if term.abs() <= 1e-17 * q {
                break;
            }
        }
        let (first, first_lo) = if first.abs() > 0.5 {
            // v = d/s to double-double, then 2k v^3 / 3 with exact products.
            let (p, p_err) = two_prod(v, s);
            let v_lo = (((d - p) - p_err) - v * s_err) / s;
            let (a, a_err) = two_prod(v, v);
            let a_lo = a_err + 2.0 * v * v_lo;
            let (b, b_err) = two_prod(a, v);
            let b_lo = (b_err + a * v_lo) + a_lo * v;
            let (c, c_err) = two_prod(k2, b);
            let c_lo = c_err + k2 * b_lo;
            let f = c / 3.0;
            let (p3, p3_err) = two_prod(f, 3.0);
            (f, (((c - p3) - p3_err) + c_lo) / 3.0)
        } else {
            (first, 0.0)
        };
        let (hi, lo) = two_sum(q, first);
        two_sum(hi, lo + q_lo + first_lo + rest)
    } else {
        let r = k / x;
        if !(r.is_finite() && r >= f64::MIN_POSITIVE) {
            // ln r is far from 0 here, so the difference of logarithms loses nothing relevant.
            return (k * (k.ln() - x.ln()) - d, 0.0);
        }
        // k/x = r + r_lo up to rounding of the tiny remainder. The product r x is formed
        // from r and x rescaled by the power of two 2^e near r (exactly), so that Dekker's
        // splitting cannot overflow even for r near f64::MAX.
        let e = ((r.to_bits() >> 52) & 0x7ff) as i64 - 1023;
        let scale = f64::from_bits(((e + 1023) as u64) << 52);
        let (p, p_err) = two_prod(r / scale, x * scale);
        let r_lo = ((k - p) - p_err) / x;
        let (l_hi, l_lo) = ln_dd(r, r_lo);
        let (kl, kl_err) = two_prod(k, l_hi);
        let (d_hi, d_lo) = two_sum(k, -x);
        let (s, e) = two_sum(kl, -d_hi);
        two_sum(s, e + kl_err + k * l_lo - d_lo)
    }
}

/// `exp(hi + lo)` for `|lo|` small, without rounding `hi + lo` first: when `hi` is several
/// hundred, that rounding alone would cost up to 256 ulps of relative error.
pub(crate) fn exp_sum(hi: f64, lo: f64) -> f64 {
    if hi.abs() < 700.0 {
        hi.exp() * lo.exp()
    } else {
        (hi + lo).exp()
    }
}

// Rational approximations of g(s) = ln(x erfc(x)) + x^2 + 0.5625 in s = 1/x^2, from FreeBSD's
// s_erf.c, which carries this notice:
//
// Copyright (C) 1993 by Sun Microsystems, Inc. All rights reserved.
// Developed at SunPro, a Sun Microsystems, Inc. business.
// Permission to use, copy, modify, and distribute this software is freely granted, provided
// that this notice is preserved.
//
// The first pair covers x in [1.25, 1/0.35] (|error| < 2^-62.6), the second x >= 1/0.35
// (|error| < 2^-61.5 up to x = 28; the approximant tends to g(0) = ln(1/sqrt(pi)) + 0.5625,
// the exact limit, so it stays accurate beyond, as the unit tests check at x = 1000).
const RA: [f64; 8] = [
    -0.009864944034847148,
    -0.6938585727071818,
    -10.558626225323291,
    -62.375332450326006,
    -162.39666946257347,
    -184.60509290671104,
    -81.2874355063066,
    -9.814329344169145,
];
const SA: [f64; 9] = [
    1.0,
    19.651271667439257,
    137.65775414351904,
    434.56587747522923,
    645.3872717332679,
    429.00814002756783,
    108.63500554177944,
    6.570249770319282,
    -0.0604244152148581,
];
const RB: [f64; 7] = [
    -0.0098649429247001,
    -0.799283237680523,
    -17.757954917754752,
    -160.63638485582192,
    -637.5664433683896,
    -1025.0951316110772,
    -483.5191916086514,
];
const SB: [f64; 8] = [
    1.0,
    30.33806074348246,
    325.7925129965739,
    1536.729586084437,
    3199.8582195085955,
    2553.0504064331644,
    474.52854120695537,
    -22.44095244658582,
];

/// Horner evaluation of `c[0] + c[1] x + c[2] x^2 + ...`.
fn horner(c: &[f64], x: f64) -> f64 {
    c.iter().rev().fold(0.0, |acc, &ci| acc * x + ci)
}

/// `erfc(z) e^(z^2) / 2` for `z >= 0`, to a few ulps.
///
/// Below 1.25 the product of `erfc` (the FreeBSD implementation, via `special`) and
/// `exp(z^2)` loses at most `z^2` ulps; above, the scaled value comes straight from the
/// rational approximation, so it never underflows.
pub(crate) fn half_erfcx(z: f64) -> f64 {
    if z < 1.25 {
        return 0.5 * z.compl_error() * (z * z).exp();
    }
    let s = 1.0 / (z * z);
    let g = if z < 1.0 / 0.35 {
        horner(&RA, s) / horner(&SA, s)
    } else {
        horner(&RB, s) / horner(&SB, s)
    };
    0.5 * (g - 0.5625).exp() / z
}

/// `sum_j prod_{i=1..j} x/(n+i)` for `x < n`, so that `P(n, x) = dpois(n, x) * sum`.
///
/// The ratios are below 1 and decrease, so the neglected tail after a term `t` is at most
/// `t r/(1 - r)` with `r` the next ratio; summation is compensated (Fast2Sum is exact here
/// because the running sum always exceeds the new term).
pub(crate) fn lower_series(n: f64, x: f64) -> f64 {
    let mut sum = 1.0;
    let mut comp = 0.0;
    let mut term = 1.0;
    let mut m = n;
    loop {
        m += 1.0;
        term *= x / m;
        let t = sum + term;
        comp += term - (t - sum);
        sum = t;
        if term * x <= SERIES_TOL * sum * (m + 1.0 - x) {
            return sum + comp;
        }
    }
}

/// `sum_{j=0}^{n-1} prod_{i=1..j} (n-i)/x` for `x >= n`, so that
/// `Q(n, x) = dpois(n, x) (n/x) * sum`; stopping and summation as in [`lower_series`].
pub(crate) fn upper_series(n: f64, x: f64) -> f64 {
    let mut sum = 1.0;
    let mut comp = 0.0;
    let mut term = 1.0;
    let mut m = n;
    loop {
        m -= 1.0;
        if m < 1.0 {
            return sum + comp;
        }
        term *= m / x;
        let t = sum + term;
        comp += term - (t - sum);
        sum = t;
        if term * (m - 1.0) <= SERIES_TOL * sum * (x - m + 1.0) {
            return sum + comp;
        }
    }
}

/// Temme's `S(eta) = sum_{k < terms} C_k(eta) a^-k` from the Taylor tables, `|eta| <= 0.6`.
pub(crate) fn temme_sum(eta: f64, inv_a: f64, terms: usize) -> f64 {
    TEMME_COEFFS[..terms]
        .iter()
        .rev()
        .fold(0.0, |acc, c| acc * inv_a + horner(c, eta))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rel(a: f64, b: f64) -> f64 {
        ((a - b) / b).abs()
    }

    #[test]
    fn stirlerr_table_meets_series() {
        // At the switch from the table to the series both agree to rounding level.
        let series_15 = {
            let r = 1.0 / 15.0_f64;
            let r2 = r * r;
            r * (1.0 / 12.0
                - r2 * (1.0 / 360.0
                    - r2 * (1.0 / 1260.0
                        - r2 * (1.0 / 1680.0
                            - r2 * (1.0 / 1188.0 - r2 * (691.0 / 360_360.0 - r2 / 156.0))))))
        };
        assert!(rel(series_15, stirlerr(15)) < 1e-14);
        // stirlerr(16) from mpmath at 60 digits.
        assert!(rel(stirlerr(16), 0.0052076559196096404) < 4.0 * f64::EPSILON);
    }

    #[test]
    fn bd0_matches_closed_form_and_is_zero_at_centre() {
        assert_eq!(bd0(7.0, 7.0), (0.0, 0.0));
        // k ln(k/x) + x - k split into the nearest double and the remainder, mpmath at 60
        // digits; hi + lo is accurate to a small fraction of an ulp.
        for (k, x, want_hi, want_lo) in [
            (100.0, 90.0, 0.5360515657826301, -1.2254085018933492e-17),
            (
                100_000.0,
                88737.3279114217,
                686.2831038059652,
                3.4739219631955576e-14,
            ),
        ] {
            let (hi, lo) = bd0(k, x);
            assert!(((hi - want_hi) + (lo - want_lo)).abs() < 0.1 * f64::EPSILON * want_hi);
        }
        // Far branch, subnormal x: 2 ln(2/x) + x - 2 with x = 5e-324.
        assert!(rel(bd0(2.0, 5e-324).0, 1488.2664382038824) < 4.0 * f64::EPSILON);
    }

    #[test]
    fn half_erfcx_matches_mpmath() {
        // erfc(z) exp(z^2) / 2 from mpmath at 60 digits.
        let cases = [
            (0.0, 0.5),
            (0.5, 0.30784517209646295),
            (1.25, 0.18391145822618055),
            (2.0, 0.12769783815525287),
            (3.0, 0.08950057559069498),
            (27.0, 0.01044080399521047),
            (1000.0, 0.0002820946507266938),
        ];
        for (z, want) in cases {
            assert!(rel(half_erfcx(z), want) < 8.0 * f64::EPSILON, "z = {z}");
        }
    }
}
