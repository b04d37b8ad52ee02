//! The paper's lemmas as properties of what the grading builds, over generated
//! priors with atoms, gaps and segments (fixed seeds), plus independent
//! brute-force recomputations of the guarantees.

use arbitrary::{Arbitrary, Unstructured};
use maxmin_erlang::Erlang;
use maxmin_grading::{Case, Solution, solve};
use maxmin_numeric::integrate;
use maxmin_prior::Prior;
use rand::rngs::SmallRng;
use rand::{Rng, SeedableRng};

/// Generated priors, each with a number of bidders and a cost below its mean.
fn cases(seed: u64, count: usize) -> Vec<(Prior, u64, f64)> {
    cases_with_bidders(seed, count, &[1, 2, 3, 5, 12])
}

fn cases_with_bidders(seed: u64, count: usize, bidders: &[u64]) -> Vec<(Prior, u64, f64)> {
    let mut rng = SmallRng::seed_from_u64(seed);
    let mut out = Vec::new();
    while out.len() < count {
        let bytes: Vec<u8> = (0..256).map(|_| rng.random()).collect();
        let Ok(prior) = Prior::arbitrary(&mut Unstructured::new(&bytes)) else {
            continue;
        };
        if prior.is_degenerate() {
            continue;
        }
        let n = bidders[rng.random_range(0..bidders.len())];
        let c = prior.mean() * rng.random_range(0.0..0.9);
        out.push((prior, n, c));
    }
    out
}

/// A grid of aggregate signals covering the bulk and both tails of G_N, plus the
/// graded intervals' end points and points just inside and outside them.
fn signals(s: &Solution) -> Vec<f64> {
    let g = Erlang::new(s.bidders()).unwrap();
    let mut xs: Vec<f64> = (1..400)
        .map(|i| g.quantile(i as f64 / 400.0))
        .chain((1..30).map(|k| g.quantile(10f64.powi(-k))))
        .chain((1..30).map(|k| g.quantile_sf(10f64.powi(-k))))
        .collect();
    for i in s.graded_intervals() {
        for x in [i.start, i.end] {
            xs.extend([x, x * (1.0 - 1e-9), x * (1.0 + 1e-9)]);
        }
    }
    xs.retain(|x| x.is_finite() && *x >= 0.0);
    xs.sort_by(f64::total_cmp);
    xs
}

/// integral_0^inf f(x) g(x) dx by brute-force adaptive quadrature, with break points
/// at the prior's kinks (in signal units) and the graded end points.
fn brute_force(s: &Solution, g: &Erlang, f: impl Fn(f64) -> f64, upper: Option<f64>) -> f64 {
    let shape = Erlang::new(s.bidders()).unwrap();
    let mut cuts: Vec<f64> = s
        .prior()
        .breakpoints()
        .into_iter()
        .map(|a| shape.quantile(a))
        .collect();
    for i in s.graded_intervals() {
        cuts.extend([i.start, i.end]);
    }
    let top = upper.unwrap_or_else(|| shape.quantile_sf(1e-40));
    integrate(|x| f(x) * g.pdf(x), 0.0, top, &cuts, 0.0, 1e-13, 20000).value
}

fn scale(s: &Solution) -> f64 {
    s.prior().mean() + s.cost()
}

#[test]
fn lemma_2_the_prior_is_a_mean_preserving_spread_of_the_graded_values() {
    // Lemma 1's quantile criterion: integral_0^alpha (H^{-1} - F_w^{-1}) >= 0 with
    // equality at alpha = 1. With alpha = G_N(x) this reads bar Gamma(x) >= hat Gamma(x),
    // with equality at infinity and (by construction) at the graded end points.
    for (prior, n, c) in cases(2019, 60) {
        let s = solve(&prior, n, c).unwrap();
        let tol = 1e-11 * scale(&s);
        for x in signals(&s) {
            let gap = s.graded_integrated_gains(x) - s.integrated_gains(x);
            assert!(
                gap >= -tol,
                "{prior:?} N={n} c={c}: bar Gamma below hat Gamma by {gap} at {x}"
            );
        }
        for i in s.graded_intervals() {
            for x in [i.start, i.end] {
                let gap = s.graded_integrated_gains(x) - s.integrated_gains(x);
                assert!(
                    gap.abs() <= tol,
                    "{prior:?} N={n} c={c}: gap {gap} at end point {x}"
                );
            }
        }
    }
}

#[test]
fn lemma_2_checked_by_independent_quadrature_of_the_graded_value() {
    // integral_0^x bar w g_N, by brute-force quadrature of the graded value, must equal
    // the closed form of bar Gamma + c G_N, and at infinity E[v].
    for (prior, n, c) in cases(7, 25) {
        let s = solve(&prior, n, c).unwrap();
        let g = Erlang::new(n).unwrap();
        let total = brute_force(&s, &g, |x| s.graded_value(x), None);
        assert!(
            (total - prior.mean()).abs() < 1e-10 * scale(&s),
            "{prior:?} N={n} c={c}: E[bar w] = {} vs E[v] = {}",
            total,
            prior.mean()
        );
        for x in [g.quantile(0.1), g.quantile(0.5), g.quantile(0.9)] {
            let partial = brute_force(&s, &g, |y| s.graded_value(y), Some(x));
            let closed = s.graded_integrated_gains(x) + c * g.cdf(x);
            assert!(
                (partial - closed).abs() < 1e-10 * scale(&s),
                "{prior:?} N={n} c={c} x={x}: {partial} vs {closed}"
            );
        }
    }
}

#[test]
fn lemma_3_graded_gains_grow_at_most_exponentially() {
    // bar gamma(y) <= bar gamma(x) e^{y - x} for y >= x: bar gamma e^{-x} does not
    // increase. Checked on consecutive grid points, without forming e^{-x}.
    for (prior, n, c) in cases(3, 60) {
        let s = solve(&prior, n, c).unwrap();
        let xs = signals(&s);
        let tol = 1e-12 * scale(&s);
        for w in xs.windows(2) {
            let (x, y) = (w[0], w[1]);
            let lhs = s.graded_gains(y);
            let rhs = s.graded_gains(x) * (y - x).exp();
            assert!(
                lhs <= rhs + tol,
                "{prior:?} N={n} c={c}: {lhs} > {rhs} on [{x}, {y}]"
            );
        }
    }
}

#[test]
fn graded_gains_are_continuous_and_increasing() {
    // Lemma 2's first part, and the tangency at each end point: bar gamma(a) =
    // hat gamma(a) for a > 0 and bar gamma(b) = hat gamma(b).
    for (prior, n, c) in cases(11, 60) {
        let s = solve(&prior, n, c).unwrap();
        let tol = 1e-9 * scale(&s);
        for i in s.graded_intervals() {
            let ends = if i.start > 0.0 {
                vec![i.start, i.end]
            } else {
                vec![i.end]
            };
            for x in ends {
                let (bar, hat) = (s.graded_gains(x), s.fully_revealing_gains(x));
                assert!(
                    (bar - hat).abs() <= tol,
                    "{prior:?} N={n} c={c}: {bar} vs {hat} at {x}"
                );
            }
        }
        let xs = signals(&s);
        for w in xs.windows(2) {
            assert!(s.graded_gains(w[1]) >= s.graded_gains(w[0]) - 1e-12 * scale(&s));
        }
    }
}

#[test]
fn guarantees_agree_with_brute_force_quadrature_and_are_ordered() {
    for (prior, n, c) in cases(5, 40) {
        let s = solve(&prior, n, c).unwrap();
        assert_eq!(s.case(), Case::General);
        let tol = 1e-10 * scale(&s);
        if n >= 2 {
            let prev = Erlang::new(n - 1).unwrap();
            let bar = brute_force(&s, &prev, |x| s.graded_gains(x), None);
            assert!(
                (bar - s.profit_guarantee()).abs() < tol,
                "{prior:?} N={n} c={c}: brute force {} vs {}",
                bar,
                s.profit_guarantee()
            );
        } else {
            assert_eq!(s.profit_guarantee(), s.graded_gains(0.0));
        }
        assert!(s.must_sell_guarantee() <= s.profit_guarantee() + tol);
        assert!(s.profit_guarantee() <= s.ex_ante_gains() + tol);
        assert!(s.profit_guarantee() >= -tol);
    }
}

#[test]
fn generated_priors_always_solve_and_grade_inside_the_support() {
    // A stress test of the polish: atoms, gaps and kinks make graded intervals that
    // straddle jumps, end at kinks or are narrower than a sample cell.
    let mut inner = 0;
    for (prior, n, c) in cases_with_bidders(99, 600, &[1, 2, 3, 5, 12, 100, 1000]) {
        let s = solve(&prior, n, c).unwrap_or_else(|e| panic!("{prior:?} N={n} c={c}: {e}"));
        for w in s.graded_intervals().windows(2) {
            assert!(w[0].end < w[1].start, "{prior:?} N={n} c={c}: {w:?}");
        }
        for i in s.graded_intervals() {
            assert!(i.start < i.end && i.end.is_finite());
            inner += usize::from(i.start > 0.0);
        }
    }
    // The generator must exercise graded intervals away from 0, not only [0, x*].
    assert!(inner > 100, "only {inner} interior graded intervals");
}
