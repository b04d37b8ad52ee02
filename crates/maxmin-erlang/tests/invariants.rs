//! Structural checks that need no reference data: monotonicity, complementarity, round
//! trips through the quantiles, the density against CDF differences, the recurrence in
//! the shape, agreement with `special` where it is accurate, the error variants and the
//! behaviour on special `f64` inputs.

use maxmin_erlang::{Erlang, ErlangError, ln_add_exp, ln_one_minus_exp, ln_scaled_power};

const EPS: f64 = f64::EPSILON;

/// Slack for comparisons between two independently rounded evaluations, each accurate to a
/// few ulps (the measured worst case is under 10 EPS; see the crate documentation).
const TOL_PAIR: f64 = 16.0 * EPS;
/// `cdf + sf - 1` where both are at least 1/4.
const TOL_COMPLEMENT: f64 = 2.0 * EPS;
/// Simpson's rule with 4000 panels against `cdf(b) - cdf(a)`, relative to the difference.
const TOL_SIMPSON: f64 = 1e-11;
/// `special`'s lower P is good to about 1e-14 for small shapes.
const TOL_SPECIAL: f64 = 1e-13;

/// Shapes around every algorithmic switch (series below 20, Temme from 20) and up to the
/// largest supported one.
const SHAPES: [u64; 12] = [
    1,
    2,
    3,
    7,
    19,
    20,
    21,
    30,
    1000,
    100_000,
    1_000_000,
    Erlang::MAX_SHAPE,
];

fn erlang(n: u64) -> Erlang {
    Erlang::new(n).expect("valid shape")
}

/// A deterministic grid of arguments: geometric from `1e-300` to `1e300` plus a dense
/// linear stretch over `[0.4 n, 2 n]`, which contains the switches between the lower
/// series, Temme's expansion (`0.52 n .. 1.72 n`) and the upper series.
fn grid(n: u64) -> Vec<f64> {
    let nf = n as f64;
    let mut xs: Vec<f64> = (0..=600)
        .map(|i| 10f64.powf(-300.0 + f64::from(i)))
        .collect();
    xs.extend((0..=4000).map(|i| nf * (0.4 + 1.6 * f64::from(i) / 4000.0)));
    xs.extend([
        nf,
        f64::from_bits(nf.to_bits() - 1),
        f64::from_bits(nf.to_bits() + 1),
    ]);
    xs.sort_by(f64::total_cmp);
    xs.dedup();
    xs
}

#[test]
fn cdf_is_monotone_and_sf_antitone() {
    for n in SHAPES {
        let d = erlang(n);
        let xs = grid(n);
        for w in xs.windows(2) {
            let (c0, s0) = d.cdf_sf(w[0]);
            let (c1, s1) = d.cdf_sf(w[1]);
            assert!(
                c1 >= c0 * (1.0 - TOL_PAIR),
                "cdf decreases at n={n}, x={:e}",
                w[1]
            );
            assert!(
                s1 <= s0 * (1.0 + TOL_PAIR),
                "sf increases at n={n}, x={:e}",
                w[1]
            );
            assert!(d.ln_cdf(w[1]) >= d.ln_cdf(w[0]) - TOL_PAIR * d.ln_cdf(w[0]).abs());
            assert!(d.ln_sf(w[1]) <= d.ln_sf(w[0]) + TOL_PAIR * d.ln_sf(w[0]).abs());
        }
    }
}

#[test]
fn cdf_plus_sf_is_one() {
    for n in SHAPES {
        let d = erlang(n);
        for x in grid(n) {
            let (c, s) = d.cdf_sf(x);
            assert_eq!((c, s), (d.cdf(x), d.sf(x)));
            if c >= 0.25 && s >= 0.25 {
                assert!(
                    (c + s - 1.0).abs() <= TOL_COMPLEMENT,
                    "n={n} x={x:e}: {c} + {s}"
                );
            }
        }
    }
}

#[test]
fn logarithms_match_values() {
    for n in SHAPES {
        let d = erlang(n);
        for x in grid(n) {
            let (c, s) = d.cdf_sf(x);
            for (v, lv) in [(c, d.ln_cdf(x)), (s, d.ln_sf(x)), (d.pdf(x), d.ln_pdf(x))] {
                if v > 1e-300 {
                    assert!(
                        (lv.exp() - v).abs() <= TOL_PAIR * v * (1.0 + lv.abs()),
                        "n={n} x={x:e}"
                    );
                }
            }
        }
    }
}

/// Relative tolerance of a round trip `x -> T(x) -> x`: the rounding of the intermediate
/// (relative, or absolute in its logarithm) divided by the sensitivity `|d ln T / d ln x|`.
fn round_trip_tol(d: &Erlang, x: f64, ln_t: f64) -> f64 {
    let sensitivity = (x.ln() + d.ln_pdf(x) - ln_t).exp();
    TOL_PAIR + (TOL_PAIR + 0.5 * EPS * ln_t.abs()) / sensitivity
}

#[test]
fn quantiles_invert_the_tails() {
    for n in SHAPES {
        let d = erlang(n);
        for x in grid(n).into_iter().filter(|&x| x > 1e-290 && x < 1e290) {
            let (c, s) = d.cdf_sf(x);
            let (lc, ls) = (d.ln_cdf(x), d.ln_sf(x));
            // Each tail is inverted where it is the smaller one, so the target keeps its digits.
            if lc <= -std::f64::consts::LN_2 {
                let tol = round_trip_tol(&d, x, lc);
                let back = d.quantile_ln_cdf(lc);
                assert!(
                    (back - x).abs() <= tol * x,
                    "ln_cdf round trip n={n} x={x:e}: {back:e}"
                );
                if c > 1e-300 {
                    let back = d.quantile(c);
                    assert!(
                        (back - x).abs() <= tol * x,
                        "cdf round trip n={n} x={x:e}: {back:e}"
                    );
                }
            }
            if ls <= -std::f64::consts::LN_2 {
                let tol = round_trip_tol(&d, x, ls);
                let back = d.quantile_ln_sf(ls);
                assert!(
                    (back - x).abs() <= tol * x,
                    "ln_sf round trip n={n} x={x:e}: {back:e}"
                );
                if s > 1e-300 {
                    let back = d.quantile_sf(s);
                    assert!(
                        (back - x).abs() <= tol * x,
                        "sf round trip n={n} x={x:e}: {back:e}"
                    );
                }
            }
        }
    }
}

#[test]
fn quantile_targets_near_one_use_the_exact_complement() {
    for n in SHAPES {
        let d = erlang(n);
        for q in [1e-300, 1e-100, 1e-16, 1e-10, 0.01, 0.3] {
            let p = 1.0 - q;
            let q_exact = 1.0 - p;
            assert_eq!(d.quantile(p), d.quantile_sf(q_exact), "n={n} q={q:e}");
            assert_eq!(d.quantile_sf(p), d.quantile(q_exact), "n={n} q={q:e}");
        }
        // The logarithmic forms agree with the plain ones.
        for p in [1e-250, 1e-20, 0.2, 0.5] {
            let x = d.quantile(p);
            assert!((d.quantile_ln_cdf(p.ln()) - x).abs() <= 1e-12 * x);
            let x = d.quantile_sf(p);
            assert!((d.quantile_ln_sf(p.ln()) - x).abs() <= 1e-12 * x);
        }
    }
}

#[test]
fn quantiles_are_monotone_in_the_target() {
    // Log-spaced targets from 1e-300 up to 1/2 and mirrored towards 1, crossing the switch
    // between inverting the lower and the upper tail at 1/2.
    let mut ps: Vec<f64> = (0..=600)
        .map(|i| 10f64.powf(-300.0 + 0.5 * f64::from(i)))
        .collect();
    ps.retain(|&p| p <= 0.5);
    let upper: Vec<f64> = ps.iter().rev().map(|&p| 1.0 - p).collect();
    ps.extend(upper);
    for n in SHAPES {
        let d = erlang(n);
        for w in ps.windows(2) {
            let (a, b) = (d.quantile(w[0]), d.quantile(w[1]));
            assert!(
                b >= a * (1.0 - TOL_PAIR),
                "quantile decreases at n={n}, p={:e}",
                w[1]
            );
            let (a, b) = (d.quantile_sf(w[0]), d.quantile_sf(w[1]));
            assert!(
                b <= a * (1.0 + TOL_PAIR),
                "quantile_sf increases at n={n}, q={:e}",
                w[1]
            );
        }
    }
}

#[test]
fn arbitrary_bit_patterns_never_panic() {
    // A fixed xorshift stream of raw f64 bit patterns (NaNs, infinities, subnormals and
    // everything else); the outputs must stay in their ranges.
    let mut state = 0x9e37_79b9_7f4a_7c15_u64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        f64::from_bits(state)
    };
    for n in [1, 2, 19, 20, 1000, Erlang::MAX_SHAPE] {
        let d = erlang(n);
        for _ in 0..3000 {
            let v = next();
            let (c, s) = d.cdf_sf(v);
            assert!(v.is_nan() || ((0.0..=1.0).contains(&c) && (0.0..=1.0).contains(&s)));
            assert!(v.is_nan() || (d.ln_cdf(v) <= 0.0 && d.ln_sf(v) <= 0.0 && d.pdf(v) >= 0.0));
            let _ = d.ln_pdf(v);
            let p = v.abs().fract();
            for x in [
                d.quantile(p),
                d.quantile_sf(p),
                d.quantile_ln_cdf(-v.abs()),
                d.quantile_ln_sf(-v.abs()),
            ] {
                assert!(x >= 0.0 || v.is_nan(), "n={n} v={v:e}");
            }
            for x in [
                d.quantile(v),
                d.quantile_sf(v),
                d.quantile_ln_cdf(v),
                d.quantile_ln_sf(v),
            ] {
                assert!(x >= 0.0 || x.is_nan());
            }
            let _ = (
                ln_scaled_power(n, v),
                ln_one_minus_exp(v),
                ln_add_exp(v, next()),
            );
        }
    }
}

#[test]
fn density_integrates_to_cdf_differences() {
    for n in [1, 2, 5, 19, 20, 30, 1000, 100_000, 1_000_000] {
        let d = erlang(n);
        for (pa, pb) in [
            (1e-12, 1e-6),
            (0.01, 0.3),
            (0.3, 0.7),
            (0.6, 0.99),
            (1.0 - 1e-6, 1.0 - 1e-12),
        ] {
            let (a, b) = (d.quantile(pa), d.quantile(pb));
            let panels = 4000;
            let h = (b - a) / f64::from(panels);
            let simpson: f64 = (0..=panels)
                .map(|i| {
                    let w = if i == 0 || i == panels {
                        1.0
                    } else if i % 2 == 1 {
                        4.0
                    } else {
                        2.0
                    };
                    w * d.pdf(a + h * f64::from(i))
                })
                .sum::<f64>()
                * h
                / 3.0;
            // Take the difference on the side where it does not cancel.
            let diff = if pb <= 0.5 {
                d.cdf(b) - d.cdf(a)
            } else {
                d.sf(a) - d.sf(b)
            };
            assert!(
                (simpson - diff).abs() <= TOL_SIMPSON * diff,
                "n={n} [{a:e}, {b:e}]: {simpson:e} vs {diff:e}"
            );
        }
    }
}

#[test]
fn shape_recurrence_holds_across_algorithm_switches() {
    // G_{n+1}(x) = G_n(x) - g_{n+1}(x), i.e. Q_{n+1} = Q_n + g_{n+1}: checked in the upper
    // tail form, where all terms are positive, and in the lower form where P_{n+1} is not much
    // smaller than P_n (so the subtraction does not cancel).
    let shapes: Vec<u64> = (1..=40)
        .chain([99, 999, 99_999, 999_999, Erlang::MAX_SHAPE - 1])
        .collect();
    for n in shapes {
        let (d, e) = (erlang(n), erlang(n + 1));
        for x in grid(n) {
            let g = e.pdf(x);
            let (p_n, q_n) = d.cdf_sf(x);
            let (p_m, q_m) = e.cdf_sf(x);
            if q_m > 1e-290 {
                assert!(
                    (q_m - (q_n + g)).abs() <= TOL_PAIR * q_m,
                    "Q recurrence n={n} x={x:e}"
                );
            }
            if p_n > 1e-290 && p_m >= 0.25 * p_n {
                assert!(
                    (p_m - (p_n - g)).abs() <= 4.0 * TOL_PAIR * p_n,
                    "P recurrence n={n} x={x:e}"
                );
            }
        }
    }
}

#[test]
fn agrees_with_special_for_small_shapes() {
    use special::Gamma;
    for n in [1_u64, 2, 3, 5, 10, 20, 30] {
        let d = erlang(n);
        for i in 1..=400 {
            let x = n as f64 * f64::from(i) / 100.0;
            let want = x.inc_gamma(n as f64);
            let got = d.cdf(x);
            if want > 1e-200 {
                assert!(
                    (got - want).abs() <= TOL_SPECIAL * want,
                    "n={n} x={x}: {got:e} vs {want:e}"
                );
            }
        }
    }
}

#[test]
fn shape_errors() {
    assert_eq!(Erlang::new(0), Err(ErlangError::ShapeZero));
    let too_large = Erlang::MAX_SHAPE + 1;
    assert_eq!(
        Erlang::new(too_large),
        Err(ErlangError::ShapeTooLarge {
            shape: too_large,
            max: Erlang::MAX_SHAPE
        })
    );
    assert_eq!(
        Erlang::new(u64::MAX),
        Err(ErlangError::ShapeTooLarge {
            shape: u64::MAX,
            max: Erlang::MAX_SHAPE
        })
    );
    assert_eq!(erlang(Erlang::MAX_SHAPE).shape(), Erlang::MAX_SHAPE);
    assert_eq!(erlang(1).shape(), 1);
    let msg = ErlangError::ShapeTooLarge {
        shape: too_large,
        max: Erlang::MAX_SHAPE,
    }
    .to_string();
    assert!(
        msg.contains("10000001") && msg.contains("1..=10000000"),
        "{msg}"
    );
    assert!(ErlangError::ShapeZero.to_string().contains("1..=10000000"));
}

#[test]
fn special_arguments() {
    let nan = f64::NAN;
    let inf = f64::INFINITY;
    for n in SHAPES {
        let d = erlang(n);
        // NaN in, NaN out.
        assert!(d.cdf(nan).is_nan() && d.sf(nan).is_nan() && d.pdf(nan).is_nan());
        assert!(d.ln_cdf(nan).is_nan() && d.ln_sf(nan).is_nan() && d.ln_pdf(nan).is_nan());
        for f in [
            Erlang::quantile,
            Erlang::quantile_sf,
            Erlang::quantile_ln_cdf,
            Erlang::quantile_ln_sf,
        ] {
            assert!(f(&d, nan).is_nan());
        }
        // Negative x (and -0) behave as x = 0.
        for x in [-0.0, -1e-300, -1.0, -inf] {
            assert_eq!(d.cdf_sf(x), (0.0, 1.0));
            assert_eq!((d.ln_cdf(x), d.ln_sf(x)), (f64::NEG_INFINITY, 0.0));
            assert_eq!(d.pdf(x), d.pdf(0.0));
            assert_eq!(d.ln_pdf(x), d.ln_pdf(0.0));
        }
        let at_zero = if n == 1 { 1.0 } else { 0.0 };
        assert_eq!(d.pdf(0.0), at_zero);
        assert_eq!(d.cdf_sf(inf), (1.0, 0.0));
        assert_eq!((d.ln_cdf(inf), d.ln_sf(inf)), (0.0, f64::NEG_INFINITY));
        assert_eq!((d.pdf(inf), d.ln_pdf(inf)), (0.0, f64::NEG_INFINITY));
        // Probabilities outside [0, 1] and positive logarithms are NaN; the end points map to
        // the ends of the support.
        for p in [-1e-300, -1.0, 1.0 + EPS, inf, -inf] {
            assert!(d.quantile(p).is_nan() && d.quantile_sf(p).is_nan());
        }
        for lp in [1e-300, 1.0, inf] {
            assert!(d.quantile_ln_cdf(lp).is_nan() && d.quantile_ln_sf(lp).is_nan());
        }
        assert_eq!((d.quantile(0.0), d.quantile(1.0)), (0.0, inf));
        assert_eq!((d.quantile_sf(0.0), d.quantile_sf(1.0)), (inf, 0.0));
        assert_eq!(
            (d.quantile_ln_cdf(f64::NEG_INFINITY), d.quantile_ln_cdf(0.0)),
            (0.0, inf)
        );
        assert_eq!(
            (d.quantile_ln_sf(f64::NEG_INFINITY), d.quantile_ln_sf(0.0)),
            (inf, 0.0)
        );
        // Extreme but valid inputs give finite, ordered answers and never panic.
        for x in [5e-324, f64::MIN_POSITIVE, 1e-300, 1e300, f64::MAX] {
            let (c, s) = d.cdf_sf(x);
            assert!(
                (0.0..=1.0).contains(&c) && (0.0..=1.0).contains(&s),
                "n={n} x={x:e}"
            );
            assert!(d.ln_cdf(x) <= 0.0 && d.ln_sf(x) <= 0.0 && !d.ln_pdf(x).is_nan());
        }
        for p in [5e-324, f64::MIN_POSITIVE, 1e-300, 0.5, 1.0 - EPS / 2.0] {
            let (x, y) = (d.quantile(p), d.quantile_sf(p));
            assert!(
                x >= 0.0 && y >= 0.0 && !x.is_nan() && !y.is_nan(),
                "n={n} p={p:e}"
            );
        }
        for lp in [-f64::MAX, -1e300, -1e6, -1e-300, -5e-324] {
            let (x, y) = (d.quantile_ln_cdf(lp), d.quantile_ln_sf(lp));
            assert!(
                x >= 0.0 && y >= 0.0 && !x.is_nan() && !y.is_nan(),
                "n={n} ln p={lp:e}"
            );
        }
    }
}

#[test]
fn helper_functions() {
    // ln_scaled_power(n, x) = ln(x^n/n!) = x + ln g_{n+1}(x).
    for n in [1_u64, 2, 30, 1000, 100_000] {
        let d = erlang(n + 1);
        for x in [1e-200, 0.5, n as f64, 3.0 * n as f64, 1e200] {
            let want = x + d.ln_pdf(x);
            let got = ln_scaled_power(n, x);
            assert!(
                (got - want).abs() <= TOL_PAIR * (want.abs() + x),
                "n={n} x={x:e}"
            );
        }
        assert_eq!(ln_scaled_power(n, 0.0), f64::NEG_INFINITY);
        assert_eq!(ln_scaled_power(n, -1.0), f64::NEG_INFINITY);
        assert_eq!(ln_scaled_power(n, f64::INFINITY), f64::INFINITY);
    }
    assert_eq!(ln_scaled_power(0, 0.0), 0.0);
    assert_eq!(ln_scaled_power(0, 7.0), 0.0);
    assert!(ln_scaled_power(3, f64::NAN).is_nan());
    // ln(3^2/2) exactly.
    assert!((ln_scaled_power(2, 3.0) - 4.5f64.ln()).abs() <= 2.0 * EPS);

    // ln(1 - e^a) on both sides of the switch at -ln 2, and its limits.
    for a in [
        -1e-300,
        -1e-10,
        -0.5,
        -std::f64::consts::LN_2,
        -1.0,
        -40.0,
        -800.0,
    ] {
        let want = if a > -1.0 {
            (-a.exp_m1()).ln()
        } else {
            (-a.exp()).ln_1p()
        };
        assert!((ln_one_minus_exp(a) - want).abs() <= 2.0 * EPS * want.abs());
    }
    assert!((ln_one_minus_exp(-1e-300) - (-1e-300f64).exp_m1().abs().ln()).abs() < 1e-12);
    assert_eq!(ln_one_minus_exp(0.0), f64::NEG_INFINITY);
    assert_eq!(ln_one_minus_exp(f64::NEG_INFINITY), 0.0);
    assert!(ln_one_minus_exp(1.0).is_nan() && ln_one_minus_exp(f64::NAN).is_nan());

    // ln(e^a + e^b).
    assert!((ln_add_exp(0.0, 0.0) - std::f64::consts::LN_2).abs() <= EPS);
    assert!((ln_add_exp(1000.0, 1000.0) - (1000.0 + std::f64::consts::LN_2)).abs() <= 1000.0 * EPS);
    assert!(
        (ln_add_exp(-1000.0, -1001.0) - (-1000.0 + (-1f64).exp().ln_1p())).abs() <= 1000.0 * EPS
    );
    assert_eq!(ln_add_exp(f64::NEG_INFINITY, 3.0), 3.0);
    assert_eq!(ln_add_exp(3.0, f64::NEG_INFINITY), 3.0);
    assert_eq!(
        ln_add_exp(f64::NEG_INFINITY, f64::NEG_INFINITY),
        f64::NEG_INFINITY
    );
    assert_eq!(ln_add_exp(f64::INFINITY, 1.0), f64::INFINITY);
    assert!(ln_add_exp(f64::NAN, 1.0).is_nan() && ln_add_exp(1.0, f64::NAN).is_nan());
}
