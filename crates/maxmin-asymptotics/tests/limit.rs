//! The central-limit objects of Section 6.2 against closed forms derived here
//! (U[0,1] with any cost below 1/2, the two-point prior) and against a second
//! route for the exponential prior (integration by parts).

use std::f64::consts::PI;

use maxmin_asymptotics::{AsymptoticsError, CentralLimit, normal};
use maxmin_prior::Prior;

/// For U[0,1] and 0 <= c < 1/2: hat Gamma_inf(x) = Phi^2/2 - c Phi vanishes at
/// Phi(x*) = 2c, and integral_{x*}^inf (Phi - c) x phi = Phi(x*) phi(x*) +
/// integral_{x*}^inf phi^2 - c phi(x*) = c phi(x*) + (1 - Phi(sqrt 2 x*)) / (2 sqrt pi)
/// (by parts: x phi dx = -d phi; and phi^2 = e^{-x^2} / (2 pi)).
fn uniform_limit(c: f64) -> (f64, f64) {
    if c == 0.0 {
        return (f64::NEG_INFINITY, 0.5 / PI.sqrt());
    }
    let x = normal::quantile(2.0 * c);
    let gap = c * normal::pdf(x) + normal::sf(std::f64::consts::SQRT_2 * x) / (2.0 * PI.sqrt());
    (x, gap)
}

#[test]
fn uniform_limits_match_their_closed_forms() {
    let prior = Prior::uniform(0.0, 1.0).unwrap();
    for c in [0.0, 0.1, 0.25, 0.4, 0.49] {
        let limit = CentralLimit::new(&prior, c).unwrap();
        let (cutoff, gap) = uniform_limit(c);
        if c == 0.0 {
            assert_eq!(limit.cutoff(), f64::NEG_INFINITY);
        } else {
            assert!(
                (limit.cutoff() - cutoff).abs() < 1e-13,
                "c = {c}: x* {}",
                limit.cutoff()
            );
        }
        assert!(
            (limit.scaled_gap() - gap).abs() < 1e-13,
            "c = {c}: {} vs {gap}",
            limit.scaled_gap()
        );
        // The cost drops out of the must-sell constant: 1 / (2 sqrt pi) for every c.
        assert!((limit.must_sell_scaled_gap() - 0.5 / PI.sqrt()).abs() < 1e-13);
        assert!(limit.scaled_gap() <= limit.must_sell_scaled_gap() + 1e-15);
    }
    // The known value: 1/(2 sqrt pi) = 0.2820947918.
    let limit = CentralLimit::new(&prior, 0.0).unwrap();
    assert!((limit.scaled_gap() - 0.2820947918).abs() < 1e-10);
}

#[test]
fn two_point_prior_matches_its_closed_form() {
    // v = 0 or 1 with probability 1/2. With c = 0, hat Gamma_inf = 0 up to Phi = 1/2,
    // so the largest root is x* = 0 and the gap is integral_0^inf x phi = phi(0).
    let prior = Prior::discrete(&[(0.0, 0.5), (1.0, 0.5)]).unwrap();
    let limit = CentralLimit::new(&prior, 0.0).unwrap();
    assert_eq!(limit.cutoff(), 0.0);
    assert!((limit.scaled_gap() - normal::pdf(0.0)).abs() < 1e-14);
    assert!((limit.must_sell_scaled_gap() - normal::pdf(0.0)).abs() < 1e-14);
    // With c = 0.2, hat Gamma_inf = 0.8 Phi - 1/2 above Phi = 1/2: Phi(x*) = 5/8, and
    // the gap is integral_{x*}^inf 0.8 x phi = 0.8 phi(x*).
    let limit = CentralLimit::new(&prior, 0.2).unwrap();
    let x = normal::quantile(0.625);
    assert!((limit.cutoff() - x).abs() < 1e-14, "{}", limit.cutoff());
    assert!((limit.scaled_gap() - 0.8 * normal::pdf(x)).abs() < 1e-14);
}

#[test]
fn gains_functions_are_consistent() {
    let prior = Prior::intervals(&[(0.0, 0.95), (3.95, 4.0)]).unwrap();
    let limit = CentralLimit::new(&prior, 0.2).unwrap();
    let x_star = limit.cutoff();
    assert!(x_star.is_finite());
    assert!(limit.integrated_gains(x_star).abs() < 1e-15);
    // hat Gamma_inf is the integral of hat gamma_inf phi: check by composite Simpson
    // between break points (Phi^{-1}(0.95), where the quantile jumps), with the end
    // samples taken just inside so that they see the limit from their own side.
    let jump = normal::quantile(0.95);
    let simpson = |a: f64, b: f64| {
        let m = 20_000;
        let h = (b - a) / m as f64;
        (0..=m)
            .map(|i| {
                let x = (a + i as f64 * h).clamp(a + 1e-12, b - 1e-12);
                let w = if i == 0 || i == m {
                    1.0
                } else if i % 2 == 1 {
                    4.0
                } else {
                    2.0
                };
                w * limit.gains(x) * normal::pdf(x)
            })
            .sum::<f64>()
            * h
            / 3.0
    };
    for x in [-1.0_f64, 0.5, 1.5, 3.0] {
        let mut total = simpson(-12.0, x.min(jump));
        if x > jump {
            total += simpson(jump, x);
        }
        assert!((limit.integrated_gains(x) - total).abs() < 1e-12, "x = {x}");
    }
    assert_eq!(limit.graded_gains(x_star - 0.1), 0.0);
    assert_eq!(limit.graded_gains(x_star + 0.1), limit.gains(x_star + 0.1));
    assert!((limit.gains(0.0) - (prior.quantile(0.5) - 0.2)).abs() < 1e-15);
}

#[test]
fn exponential_limit_agrees_with_integration_by_parts() {
    // integral -ln(1 - Phi(x)) x phi(x) dx = integral phi(x)^2 / (1 - Phi(x)) dx (by
    // parts, x phi dx = -d phi, d/dx -ln(1 - Phi) = phi / (1 - Phi)): a different
    // integrand, here by composite Simpson on [-40, 40].
    let prior = Prior::exponential(1.0).unwrap();
    let limit = CentralLimit::new(&prior, 0.0).unwrap();
    let m = 400_000;
    let (a, b) = (-40.0, 40.0);
    let h = (b - a) / m as f64;
    let by_parts = (0..=m)
        .map(|i| {
            let x = a + i as f64 * h;
            let w = if i == 0 || i == m {
                1.0
            } else if i % 2 == 1 {
                4.0
            } else {
                2.0
            };
            let f = normal::pdf(x) * normal::pdf(x) / normal::sf(x);
            w * if f.is_finite() { f } else { 0.0 }
        })
        .sum::<f64>()
        * h
        / 3.0;
    assert_eq!(limit.cutoff(), f64::NEG_INFINITY);
    assert!(
        (limit.scaled_gap() - by_parts).abs() < 1e-11,
        "{} vs {by_parts}",
        limit.scaled_gap()
    );
}

#[test]
fn no_gains_from_trade_and_bad_costs_are_errors() {
    let prior = Prior::uniform(0.0, 1.0).unwrap();
    let err = CentralLimit::new(&prior, 0.5).unwrap_err();
    assert!(
        matches!(err, AsymptoticsError::NoGainsFromTrade { gains } if gains == 0.0),
        "{err}"
    );
    let err = CentralLimit::new(&prior, -1.0).unwrap_err();
    assert!(
        matches!(err, AsymptoticsError::Cost { cost } if cost == -1.0),
        "{err}"
    );
}
