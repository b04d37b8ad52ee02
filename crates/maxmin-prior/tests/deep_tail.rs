//! The log-form excess functions, which the grading layer uses where G_N(x) is far
//! below the smallest double: closed forms in the deep tail, and agreement with the
//! ordinary quantile and partial integral where both can be computed.

use maxmin_prior::Prior;

fn close(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() <= tol * b.abs().max(1.0)
}

#[test]
fn deep_tail_closed_forms() {
    // Uniform on [2, 5]: H^{-1}(a) - 2 = 3a, integral = 3a^2/2.
    let u = Prior::uniform(2.0, 5.0).unwrap();
    for ln_a in [-1e5, -800.0, -50.0] {
        assert!(close(u.ln_lower_excess(ln_a), 3f64.ln() + ln_a, 1e-15));
        assert!(close(
            u.ln_lower_partial_excess(ln_a),
            1.5f64.ln() + 2.0 * ln_a,
            1e-15
        ));
    }
    // Exponential with rate 2: -ln(1-a)/2 ~ a/2; integral ~ a^2/4.
    let e = Prior::exponential(2.0).unwrap();
    for ln_a in [-1e5, -800.0, -50.0] {
        assert!(close(e.ln_lower_excess(ln_a), ln_a - 2f64.ln(), 1e-15));
        assert!(close(
            e.ln_lower_partial_excess(ln_a),
            2.0 * ln_a - 4f64.ln(),
            1e-15
        ));
    }
    // An atom at the bottom: no excess while alpha is inside it.
    let d = Prior::discrete(&[(1.0, 0.3), (4.0, 0.7)]).unwrap();
    assert_eq!(d.ln_lower_excess(-1e4), f64::NEG_INFINITY);
    assert_eq!(d.ln_lower_partial_excess(0.2f64.ln()), f64::NEG_INFINITY);
    assert!(close(d.ln_lower_excess(0.5f64.ln()), 3f64.ln(), 1e-15));
    assert!(close(
        d.ln_lower_partial_excess(0.5f64.ln()),
        (0.2f64 * 3.0).ln(),
        1e-14
    ));
}

#[test]
fn agrees_with_the_ordinary_functions_where_both_apply() {
    let priors = [
        Prior::uniform(0.5, 1.5).unwrap(),
        Prior::intervals(&[(0.0, 0.95), (3.95, 4.0)]).unwrap(),
        Prior::piecewise_linear_cdf(&[(1.0, 0.0), (2.0, 0.6), (5.0, 1.0)]).unwrap(),
        Prior::exponential(0.7).unwrap(),
        Prior::discrete(&[(0.0, 0.5), (1.0, 0.5)]).unwrap(),
    ];
    for prior in &priors {
        let lo = prior.support().0;
        for alpha in [1e-9, 1e-4, 0.01, 0.2, 0.5, 0.55, 0.9, 0.999] {
            let ln_a = f64::ln(alpha);
            let excess = prior.quantile(alpha) - lo;
            let partial = prior.lower_partial(alpha) - lo * alpha;
            assert!(
                close(prior.ln_lower_excess(ln_a).exp(), excess, 1e-12),
                "{prior:?} at {alpha}"
            );
            assert!(
                (prior.ln_lower_partial_excess(ln_a).exp() - partial).abs()
                    <= 1e-12 * partial.abs().max(1e-300) + 1e-16,
                "{prior:?} at {alpha}"
            );
        }
        assert!(prior.ln_lower_excess(0.5).is_nan());
        assert!(prior.ln_lower_partial_excess(f64::NAN).is_nan());
    }
}

#[test]
fn survival_function_complements_the_cdf_and_keeps_its_tail() {
    let priors = [
        Prior::uniform(0.5, 1.5).unwrap(),
        Prior::intervals(&[(0.0, 0.95), (3.95, 4.0)]).unwrap(),
        Prior::discrete(&[(0.0, 0.25), (1.0, 0.75)]).unwrap(),
        Prior::exponential(0.7).unwrap(),
    ];
    for prior in &priors {
        for v in [-1.0, 0.0, 0.3, 0.5, 0.95, 1.0, 1.2, 2.0, 3.99, 4.0, 10.0] {
            assert!(
                (prior.cdf(v) + prior.sf(v) - 1.0).abs() < 1e-15,
                "{prior:?} at {v}"
            );
        }
    }
    // Far in the exponential's tail, H rounds to 1 but 1 - H does not.
    let e = Prior::exponential(2.0).unwrap();
    assert_eq!(e.cdf(300.0), 1.0);
    assert!((e.sf(300.0) / (-600.0f64).exp() - 1.0).abs() < 1e-15);
    // The top of a bounded support, approached from below.
    let u = Prior::uniform(0.0, 1.0).unwrap();
    let v = 1.0 - 1e-12;
    // 1 - v is exact in floating point (Sterbenz); 1 - cdf(v) would keep ~4 digits.
    assert!((u.sf(v) - (1.0 - v)).abs() < 1e-27);
}

#[test]
fn quantile_slope_matches_finite_differences() {
    let priors = [
        Prior::uniform(0.5, 1.5).unwrap(),
        Prior::intervals(&[(0.0, 0.95), (3.95, 4.0)]).unwrap(),
        Prior::piecewise_linear_cdf(&[(1.0, 0.0), (2.0, 0.6), (5.0, 1.0)]).unwrap(),
        Prior::discrete(&[(0.0, 0.25), (1.0, 0.75)]).unwrap(),
        Prior::exponential(0.7).unwrap(),
    ];
    for prior in &priors {
        for alpha in [0.05, 0.3, 0.55, 0.8, 0.97] {
            let h = 1e-6;
            let fd = (prior.quantile(alpha + h) - prior.quantile(alpha - h)) / (2.0 * h);
            let slope = prior.quantile_slope(alpha);
            assert!(
                (fd - slope).abs() < 1e-6 * slope.max(1.0),
                "{prior:?} at {alpha}"
            );
            let upper = prior.quantile_slope_upper(1.0 - alpha);
            assert!(
                (upper - slope).abs() < 1e-9 * slope.max(1.0),
                "{prior:?} at {alpha}"
            );
        }
        assert!(prior.quantile_slope(1.5).is_nan());
    }
    // The exponential's slope from the top at beta = 1e-300.
    let e = Prior::exponential(2.0).unwrap();
    assert!((e.quantile_slope_upper(1e-300) * 2e-300 - 1.0).abs() < 1e-15);
}
