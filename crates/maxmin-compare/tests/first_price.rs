//! The first-price auction's guarantee against the paper's closed form for U[0,1],
//! against series and closed forms derived here for other priors, and against an
//! independent route: integrating the lowest winning bid's differential equation.

use maxmin_compare::{CompareError, first_price_guarantee};
use maxmin_prior::Prior;

#[test]
fn uniform_matches_the_papers_closed_form() {
    let prior = Prior::uniform(0.0, 1.0).unwrap();
    let ns = (1..=30).chain([100, 1000, 100_000, 9_999_999]);
    for n in ns {
        let value = first_price_guarantee(&prior, n, 0.0).unwrap();
        let nf = n as f64;
        let exact = (nf - 1.0) / (4.0 * nf - 2.0);
        assert!(
            (value - exact).abs() <= 1e-13 * exact.max(1e-300),
            "N = {n}: {value} vs {exact}"
        );
    }
}

#[test]
fn two_point_prior_matches_its_closed_form() {
    // v = 0 or 1 with probability 1/2: (N-1) integral_{1/2}^1 (u^{-1/N} - 1) du
    // = N (1 - 2^{-(N-1)/N}) - (N - 1)/2.
    let prior = Prior::discrete(&[(0.0, 0.5), (1.0, 0.5)]).unwrap();
    for n in [2_u64, 3, 7, 50, 10_000] {
        let nf = n as f64;
        let exact = nf * (1.0 - 2f64.powf(-(nf - 1.0) / nf)) - 0.5 * (nf - 1.0);
        let value = first_price_guarantee(&prior, n, 0.0).unwrap();
        assert!((value - exact).abs() < 1e-13, "N = {n}: {value} vs {exact}");
    }
}

#[test]
fn exponential_prior_matches_its_series() {
    // -ln(1 - u) = sum_k u^k / k, so the guarantee is
    // ((N - 1)/N) sum_k 1 / (k (k + 1 - 1/N) (k + 1)), whose tail beyond K is about
    // ((N - 1)/N) / (2 K^2).
    let prior = Prior::exponential(1.0).unwrap();
    for n in [2_u64, 5, 40] {
        let nf = n as f64;
        let k_max = 2_000_000_u64;
        let sum: f64 = (1..=k_max)
            .rev()
            .map(|k| {
                let k = k as f64;
                1.0 / (k * (k + 1.0 - 1.0 / nf) * (k + 1.0))
            })
            .sum();
        let kf = k_max as f64;
        let series = (nf - 1.0) / nf * (sum + 1.0 / (2.0 * kf * kf));
        let value = first_price_guarantee(&prior, n, 0.0).unwrap();
        assert!(
            (value - series).abs() < 1e-12,
            "N = {n}: {value} vs {series}"
        );
    }
}

/// The independent route: the lowest winning bid beta at quantile u solves
/// d beta / dt = ((N - 1)/N) (H^{-1}(e^t) - beta) in t = ln u, and revenue is
/// integral beta e^t dt. Classical RK4 on the pair, with the steps aligned to the
/// prior's break points so that each step sees a smooth quantile, from t = -80
/// (where beta = v_lo to within e^{-40}).
fn revenue_by_ode(prior: &Prior, n: u64) -> f64 {
    let kappa = (n as f64 - 1.0) / n as f64;
    let rhs = |t: f64, beta: f64| {
        let u = t.exp().min(1.0);
        let v = if u <= 0.5 {
            prior.quantile(u)
        } else {
            prior.quantile_upper(-t.exp_m1())
        };
        (kappa * (v - beta), beta * t.exp())
    };
    let mut stops: Vec<f64> = prior.breakpoints().iter().map(|a| a.ln()).collect();
    stops.push(0.0);
    stops.retain(|t| *t > -80.0);
    stops.sort_by(f64::total_cmp);
    let mut t = -80.0;
    let mut beta = prior.support().0;
    let mut revenue = 0.0;
    for stop in stops {
        let steps = ((stop - t) / 2e-3).ceil().max(1.0) as usize;
        let h = (stop - t) / steps as f64;
        for _ in 0..steps {
            // Evaluate just inside the piece so that a quantile jump at its end is not seen.
            let inside = |s: f64| s.clamp(t + 1e-13, stop - 1e-13);
            let (k1, r1) = rhs(inside(t), beta);
            let (k2, r2) = rhs(inside(t + 0.5 * h), beta + 0.5 * h * k1);
            let (k3, r3) = rhs(inside(t + 0.5 * h), beta + 0.5 * h * k2);
            let (k4, r4) = rhs(inside(t + h), beta + h * k3);
            beta += h / 6.0 * (k1 + 2.0 * k2 + 2.0 * k3 + k4);
            revenue += h / 6.0 * (r1 + 2.0 * r2 + 2.0 * r3 + r4);
            t += h;
        }
        t = stop;
    }
    revenue
}

#[test]
fn agrees_with_the_winning_bid_differential_equation() {
    let priors = [
        Prior::uniform(0.0, 1.0).unwrap(),
        Prior::intervals(&[(0.0, 0.95), (3.95, 4.0)]).unwrap(),
        Prior::discrete(&[(0.2, 0.3), (0.5, 0.2), (1.4, 0.5)]).unwrap(),
        Prior::piecewise_linear_cdf(&[(0.5, 0.0), (1.0, 0.7), (2.0, 1.0)]).unwrap(),
    ];
    for prior in &priors {
        for n in [2_u64, 3, 10] {
            let ode = revenue_by_ode(prior, n);
            let value = first_price_guarantee(prior, n, 0.0).unwrap();
            assert!(
                (value - ode).abs() < 1e-9,
                "{} N = {n}: {value} vs ODE {ode}",
                prior.description()
            );
        }
    }
}

#[test]
fn one_bidder_bids_zero() {
    let prior = Prior::uniform(1.0, 2.0).unwrap();
    assert_eq!(first_price_guarantee(&prior, 1, 0.0).unwrap(), 0.0);
}

#[test]
fn positive_cost_and_zero_bidders_are_errors() {
    let prior = Prior::uniform(0.0, 1.0).unwrap();
    let err = first_price_guarantee(&prior, 3, 0.25).unwrap_err();
    assert!(
        matches!(err, CompareError::CostNotSupported { cost, .. } if cost == 0.25),
        "{err}"
    );
    assert!(err.to_string().contains("c = 0.25"), "{err}");
    let err = first_price_guarantee(&prior, 0, 0.0).unwrap_err();
    assert!(
        matches!(err, CompareError::Bidders { bidders: 0, .. }),
        "{err}"
    );
    let err = first_price_guarantee(&prior, 2, -1.0).unwrap_err();
    assert!(matches!(err, CompareError::Cost { .. }), "{err}");
}
