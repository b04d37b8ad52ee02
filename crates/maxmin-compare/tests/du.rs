//! Du's exponential mechanism: the one-bidder optimum against Du's closed
//! conditions, the approximate values of the reference table, and a brute-force
//! search over both parameters of the certificate written out literally (the
//! expectation by quadrature over v, the minimum over k by enumeration).

use maxmin_compare::{CompareError, DU_MAX_BIDDERS, du_certificate, du_exponential_mechanism};
use maxmin_prior::Prior;

/// E[min over k of (v (h_N - h_k) + k xbar)] for U[0,1], by composite Simpson over v
/// on a grid whose nodes include every kink j xbar, with the minimum enumerated.
fn literal_expectation_uniform(n: usize, xbar: f64) -> f64 {
    let harmonic: Vec<f64> = (0..=n)
        .scan(0.0, |h, k| {
            if k > 0 {
                *h += 1.0 / k as f64;
            }
            Some(*h)
        })
        .collect();
    let psi = |v: f64| {
        (0..=n)
            .map(|k| v * (harmonic[n] - harmonic[k]) + k as f64 * xbar)
            .fold(f64::INFINITY, f64::min)
    };
    let mut knots: Vec<f64> = (1..=n)
        .map(|j| j as f64 * xbar)
        .filter(|&a| a < 1.0)
        .collect();
    knots.insert(0, 0.0);
    knots.push(1.0);
    // psi is linear between kinks, so one Simpson panel per piece is exact.
    knots
        .windows(2)
        .map(|w| (w[1] - w[0]) / 6.0 * (psi(w[0]) + 4.0 * psi(0.5 * (w[0] + w[1])) + psi(w[1])))
        .sum()
}

fn literal_certificate_uniform(n: usize, a: f64, xbar: f64) -> f64 {
    a * (literal_expectation_uniform(n, xbar) - n as f64 * xbar * (-1.0 / a).exp())
}

#[test]
fn one_bidder_is_dus_random_posted_price() {
    // R = xbar (1 - xbar) and R (1 + ln(xbar / R)) = E[min(v, xbar)] = xbar - xbar^2 / 2,
    // solved in the reference table: xbar = 0.7153318630, R = 0.2036321888.
    let prior = Prior::uniform(0.0, 1.0).unwrap();
    let du = du_exponential_mechanism(&prior, 1, 0.0).unwrap();
    assert!((du.guarantee - 0.2036321888).abs() < 1e-10, "{du:?}");
    assert!(
        (du.top_marginal_price - 0.7153318630).abs() < 1e-6,
        "{du:?}"
    );
    // Du's two conditions at the reported parameters. The first is the optimality
    // condition in xbar, where the guarantee is flat, so xbar and with it the first
    // condition are accurate only to about the square root of the rounding error.
    let (r, x) = (du.guarantee, du.top_marginal_price);
    assert!((r - x * (1.0 - x)).abs() < 1e-7);
    assert!((r * (1.0 + (x / r).ln()) - (x - 0.5 * x * x)).abs() < 1e-12);
    // A = 1 / ln(xbar / R): the exponential transfer is Du's price distribution.
    assert!((du.scale - 1.0 / (x / r).ln()).abs() < 1e-9, "{du:?}");
}

#[test]
fn uniform_matches_the_approximate_reference_values() {
    let prior = Prior::uniform(0.0, 1.0).unwrap();
    for (n, approx) in [(2, 0.2715), (3, 0.3081), (10, 0.3879), (30, 0.4286)] {
        let du = du_exponential_mechanism(&prior, n, 0.0).unwrap();
        assert!(
            (du.guarantee - approx).abs() <= 5e-5 + 1e-12,
            "N = {n}: {du:?} vs about {approx}"
        );
    }
}

#[test]
fn two_point_prior_matches_the_reference_value() {
    // The reference table: Du's mechanism guarantees about 0.2405 for v = 0 or 1, N = 2.
    let prior = Prior::discrete(&[(0.0, 0.5), (1.0, 0.5)]).unwrap();
    let du = du_exponential_mechanism(&prior, 2, 0.0).unwrap();
    assert!((du.guarantee - 0.2405).abs() <= 5e-5, "{du:?}");
}

#[test]
fn optimum_beats_every_point_of_a_brute_force_grid_and_is_attained() {
    for n in [2_usize, 5] {
        let prior = Prior::uniform(0.0, 1.0).unwrap();
        let du = du_exponential_mechanism(&prior, n as u64, 0.0).unwrap();
        // The literal certificate at the reported parameters is the reported guarantee.
        let at = literal_certificate_uniform(n, du.scale, du.top_marginal_price);
        assert!((at - du.guarantee).abs() < 1e-12, "N = {n}: {at} vs {du:?}");
        let library =
            du_certificate(&prior, n as u64, 0.0, du.scale, du.top_marginal_price).unwrap();
        assert!((library - du.guarantee).abs() < 1e-12, "N = {n}");
        // No grid point does better; the best grid point is close.
        let mut grid_best = f64::NEG_INFINITY;
        for i in 1..=150 {
            let a = 0.02 * i as f64;
            for j in 1..=150 {
                let xbar = j as f64 / 150.0 / n as f64 * 1.5;
                grid_best = grid_best.max(literal_certificate_uniform(n, a, xbar));
            }
        }
        assert!(
            grid_best <= du.guarantee + 1e-12,
            "N = {n}: {grid_best} vs {du:?}"
        );
        assert!(
            du.guarantee - grid_best < 2e-3,
            "N = {n}: {grid_best} vs {du:?}"
        );
    }
}

#[test]
fn guarantee_grows_with_the_number_of_bidders_below_the_mean() {
    let prior = Prior::uniform(0.0, 1.0).unwrap();
    let mut last = 0.0;
    for n in 1..=30 {
        let g = du_exponential_mechanism(&prior, n, 0.0).unwrap().guarantee;
        assert!(g > last && g < 0.5, "N = {n}: {g} after {last}");
        last = g;
    }
    let many = du_exponential_mechanism(&prior, 10_000, 0.0)
        .unwrap()
        .guarantee;
    assert!(many > 0.48 && many < 0.5, "N = 10^4: {many}");
}

#[test]
fn unbounded_prior_is_supported() {
    // Values are unbounded above; the certificate's expectation converges all the same.
    let prior = Prior::exponential(1.0).unwrap();
    let du = du_exponential_mechanism(&prior, 3, 0.0).unwrap();
    assert!(du.guarantee > 0.0 && du.guarantee < 1.0, "{du:?}");
    let again = du_certificate(&prior, 3, 0.0, du.scale, du.top_marginal_price).unwrap();
    assert!((again - du.guarantee).abs() < 1e-12);
}

#[test]
fn invalid_inputs_are_errors_naming_the_value() {
    let prior = Prior::uniform(0.0, 1.0).unwrap();
    let err = du_exponential_mechanism(&prior, 2, 0.1).unwrap_err();
    assert!(
        matches!(err, CompareError::CostNotSupported { .. }),
        "{err}"
    );
    let err = du_exponential_mechanism(&prior, 0, 0.0).unwrap_err();
    assert!(
        matches!(err, CompareError::Bidders { bidders: 0, .. }),
        "{err}"
    );
    let err = du_exponential_mechanism(&prior, DU_MAX_BIDDERS + 1, 0.0).unwrap_err();
    assert!(
        err.to_string().contains(&(DU_MAX_BIDDERS + 1).to_string()),
        "{err}"
    );
    let err = du_certificate(&prior, 2, 0.0, -1.0, 0.5).unwrap_err();
    assert!(
        matches!(err, CompareError::Parameter { value, .. } if value == -1.0),
        "{err}"
    );
}
