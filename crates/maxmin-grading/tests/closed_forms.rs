//! The general grading algorithm against closed forms and published values.

use maxmin_erlang::Erlang;
use maxmin_grading::{Case, GradingError, solve};
use maxmin_numeric::{find_root, integrate};
use maxmin_prior::Prior;

fn uniform() -> Prior {
    Prior::uniform(0.0, 1.0).unwrap()
}

fn rel(a: f64, b: f64) -> f64 {
    ((a - b) / b).abs()
}

/// The single-crossing cutoff for U[0,1], re-derived for c > 0 (Section 4.4).
///
/// On [0, x*] the graded gains are k e^x with k = (G_N(x*) - c) e^{-x*}, and the
/// integrated gains must agree at x*: integral_0^{x*} (G_N - c) g_N = G^2/2 - c G,
/// while k E(x*) = (G - c) g_{N+1}(x*). Hence G (G - 2c) = 2 (G - c) g_{N+1}(x*).
/// (The paper writes (G - c)^2 / 2 on the left, which is only right for c = 0.)
fn uniform_cutoff(n: u64, c: f64) -> f64 {
    let g = Erlang::new(n).unwrap();
    let next = Erlang::new(n + 1).unwrap();
    let h = |x: f64| {
        let big = g.cdf(x);
        big * (big - 2.0 * c) - 2.0 * (big - c) * next.pdf(x)
    };
    // h < 0 near 0 (G_N > g_{N+1} there) and h -> 1 - 2c > 0 at infinity.
    let lo = g.quantile(1e-12);
    let hi = g.quantile_sf(1e-12);
    let root = find_root(h, lo, hi, 0.0);
    assert!(root.bracketed, "no sign change for N = {n}, c = {c}");
    root.x
}

/// bar Pi for U[0,1] from the cutoff: (G_N(x*) - c) g_N(x*) + integral_{x*}^inf (G_N - c) g_{N-1}.
fn uniform_guarantee(n: u64, c: f64, x_star: f64) -> f64 {
    let g = Erlang::new(n).unwrap();
    if n == 1 {
        return (g.cdf(x_star) - c) * (-x_star).exp();
    }
    let prev = Erlang::new(n - 1).unwrap();
    let top = g.quantile_sf(1e-40);
    let tail = integrate(
        |x| (g.cdf(x) - c) * prev.pdf(x),
        x_star,
        top,
        &[g.quantile(0.5)],
        0.0,
        1e-14,
        5000,
    );
    (g.cdf(x_star) - c) * g.pdf(x_star) + tail.value
}

#[test]
fn uniform_prior_matches_its_single_crossing_closed_form() {
    for n in [1, 2, 3, 5, 10, 30] {
        for c in [0.0, 0.1, 0.2, 0.45] {
            let s = solve(&uniform(), n, c).unwrap();
            let x_star = uniform_cutoff(n, c);
            let cutoff = s
                .single_crossing_cutoff()
                .unwrap_or_else(|| panic!("U[0,1] is single-crossing (N = {n}, c = {c})"));
            assert!(
                rel(cutoff, x_star) < 1e-12,
                "N = {n}, c = {c}: cutoff {cutoff} vs closed form {x_star}"
            );
            let [interval] = s.graded_intervals() else {
                panic!(
                    "one graded interval expected, got {:?}",
                    s.graded_intervals()
                );
            };
            assert_eq!(interval.start, 0.0);
            let pi = uniform_guarantee(n, c, x_star);
            assert!(
                rel(s.profit_guarantee(), pi) < 1e-11,
                "N = {n}, c = {c}: bar Pi {} vs closed form {pi}",
                s.profit_guarantee()
            );
        }
    }
}

#[test]
fn the_paper_cutoff_equation_is_wrong_for_positive_cost() {
    // The paper's (G - c)^2 / 2 = (G - c) g_{N+1} gives G - c = 2 g_{N+1}; its root
    // differs from the true cutoff once c > 0, and our grading follows the truth.
    let (n, c) = (2, 0.2);
    let g = Erlang::new(n).unwrap();
    let next = Erlang::new(n + 1).unwrap();
    let paper = find_root(
        |x| g.cdf(x) - c - 2.0 * next.pdf(x),
        g.quantile(1e-3),
        g.quantile_sf(1e-12),
        0.0,
    )
    .x;
    let cutoff = solve(&uniform(), n, c)
        .unwrap()
        .single_crossing_cutoff()
        .unwrap();
    assert!(rel(cutoff, uniform_cutoff(n, c)) < 1e-12);
    assert!(rel(cutoff, paper) > 1e-3, "{cutoff} vs paper's {paper}");
}

#[test]
fn known_values_for_the_uniform_prior() {
    // ../shared/reference/known-values.md
    let s = solve(&uniform(), 1, 0.0).unwrap();
    assert!((s.profit_guarantee() - 0.203_632_188_8).abs() < 1e-10);
    assert!((s.single_crossing_cutoff().unwrap() - 1.256_431_208_6).abs() < 1e-10);
    assert_eq!(s.must_sell_guarantee(), 0.0);
    let s = solve(&uniform(), 2, 0.0).unwrap();
    assert!((s.profit_guarantee() - 0.2805).abs() < 5e-5);
    assert!((0.2772..=0.2849).contains(&s.profit_guarantee()));
    assert!((s.profit_guarantee() / 0.5 - 0.56).abs() < 0.005);
    let s = solve(&uniform(), 3, 0.0).unwrap();
    assert!((s.profit_guarantee() - 0.321).abs() < 1e-3);
}

#[test]
fn known_value_for_the_two_point_prior() {
    let prior = Prior::discrete(&[(0.0, 0.5), (1.0, 0.5)]).unwrap();
    let s = solve(&prior, 2, 0.0).unwrap();
    assert!(
        (s.profit_guarantee() - 0.253).abs() < 1e-3,
        "{}",
        s.profit_guarantee()
    );
}

/// hat Pi_N = 1/2 - C(2N-2, N-1) / 2^(2N-1) for U[0,1] and c = 0, N >= 2, with the
/// ratio built by r_1 = 1/2, r_{N+1} = r_N (2N - 1) / (2N).
fn uniform_must_sell(n: u64) -> f64 {
    let mut r = 0.5;
    for k in 1..n {
        r *= (2 * k - 1) as f64 / (2 * k) as f64;
    }
    0.5 - r
}

#[test]
fn must_sell_guarantee_matches_its_closed_form_up_to_many_bidders() {
    assert_eq!(uniform_must_sell(2), 0.25);
    assert_eq!(uniform_must_sell(3), 5.0 / 16.0);
    for n in [2, 3, 4, 10, 100, 1000, 100_000] {
        let s = solve(&uniform(), n, 0.0).unwrap();
        let exact = uniform_must_sell(n);
        assert!(
            rel(s.must_sell_guarantee(), exact) < 1e-11,
            "N = {n}: hat Pi {} vs {exact}",
            s.must_sell_guarantee()
        );
    }
}

#[test]
fn figure_3_prior_has_two_graded_intervals() {
    // Uniform on [0, 0.95] U [3.95, 4], c = 0.2, N = 2 (Section 4.1.4).
    let prior = Prior::intervals(&[(0.0, 0.95), (3.95, 4.0)]).unwrap();
    let s = solve(&prior, 2, 0.2).unwrap();
    let intervals = s.graded_intervals();
    assert_eq!(intervals.len(), 2, "{intervals:?}");
    assert_eq!(intervals[0].start, 0.0);
    let x_hat = Erlang::new(2).unwrap().quantile(0.95);
    assert!(intervals[1].contains(x_hat), "{intervals:?} vs {x_hat}");
    assert!(intervals[0].end < intervals[1].start);
    assert!(s.single_crossing_cutoff().is_none());
}

#[test]
fn many_bidders_approach_the_limit_at_rate_one_over_root_n() {
    // Proposition 6: sqrt(N) (1/2 - bar Pi_N) -> 1/(2 sqrt(pi)) = 0.2820947918.
    let n = 100_000;
    let s = solve(&uniform(), n, 0.0).unwrap();
    assert!(s.profit_guarantee().is_finite());
    let scaled = (n as f64).sqrt() * (0.5 - s.profit_guarantee());
    assert!((scaled - 0.282_094_791_8).abs() < 5e-3, "{scaled}");
    // The bottom graded interval now ends where G_N is about e^{-19000}, so the two
    // guarantees agree to every digit a double holds.
    assert!(s.profit_guarantee() >= s.must_sell_guarantee());
}

#[test]
fn bottom_graded_interval_is_resolved_deep_in_the_lower_tail() {
    // For U[0,1] and c = 0 the cutoff solves G_N(x)/2 = g_{N+1}(x) (Section 4.4),
    // near N/2 where G_N(x) underflows for large N; in logs,
    // ln G_N(x) - ln 2 = ln g_{N+1}(x), which the Erlang layer evaluates directly.
    for n in [100, 1000, 10_000, 100_000] {
        let g = Erlang::new(n).unwrap();
        let next = Erlang::new(n + 1).unwrap();
        let h = |x: f64| g.ln_cdf(x) - std::f64::consts::LN_2 - next.ln_pdf(x);
        let root = find_root(h, 0.3 * n as f64, 0.7 * n as f64, 0.0);
        assert!(root.bracketed);
        let s = solve(&uniform(), n, 0.0).unwrap();
        let [interval] = s.graded_intervals() else {
            panic!("N = {n}: {:?}", s.graded_intervals());
        };
        assert_eq!(interval.start, 0.0);
        assert!(
            rel(interval.end, root.x) < 1e-12,
            "N = {n}: {} vs {}",
            interval.end,
            root.x
        );
        assert_eq!(s.single_crossing_cutoff(), Some(interval.end));
    }
}

#[test]
fn trivial_cases_come_back_with_their_reason() {
    let s = solve(&uniform(), 3, 0.7).unwrap();
    assert_eq!(s.case(), Case::NoGainsFromTrade);
    assert_eq!(s.profit_guarantee(), 0.0);
    assert!(s.must_sell_guarantee() < 0.0);
    assert!(s.graded_intervals().is_empty());
    let point = Prior::discrete(&[(2.0, 1.0)]).unwrap();
    let s = solve(&point, 4, 0.5).unwrap();
    assert_eq!(s.case(), Case::CommonKnowledge);
    assert_eq!(s.profit_guarantee(), 1.5);
    assert_eq!(s.must_sell_guarantee(), 1.5);
    assert!(!s.case().reason().is_empty());
}

#[test]
fn bad_arguments_are_errors_naming_the_value() {
    assert!(matches!(
        solve(&uniform(), 0, 0.0),
        Err(GradingError::Bidders { bidders: 0, .. })
    ));
    assert!(matches!(
        solve(&uniform(), 2, -0.1),
        Err(GradingError::Cost { cost }) if cost == -0.1
    ));
    assert!(matches!(
        solve(&uniform(), 2, f64::NAN),
        Err(GradingError::Cost { .. })
    ));
    let message = solve(&uniform(), 2, -0.1).unwrap_err().to_string();
    assert!(message.contains("-0.1"), "{message}");
}

#[test]
fn exponential_prior_has_a_finite_guarantee_below_the_gains() {
    let prior = Prior::exponential(1.0).unwrap();
    for n in [1, 2, 5, 50] {
        let s = solve(&prior, n, 0.3).unwrap();
        assert!(s.profit_guarantee().is_finite());
        assert!(s.profit_guarantee() <= s.ex_ante_gains());
        assert!(s.must_sell_guarantee() <= s.profit_guarantee() + 1e-12);
    }
}

#[test]
fn virtual_values_match_section_4_4_and_lemma_3() {
    // For U[0,1] the fully-revealing virtual value is G_N(x) - c - g_N(x) (Section 4.4),
    // negative near 0 and crossing zero once; the graded one is 0 on [0, x*] and never
    // negative.
    for (n, c) in [(2, 0.0), (3, 0.2), (5, 0.1)] {
        let s = solve(&uniform(), n, c).unwrap();
        let g = Erlang::new(n).unwrap();
        for x in [0.1, 0.7, 1.5, 3.0, 6.0] {
            let exact = g.cdf(x) - c - g.pdf(x);
            assert!((s.fully_revealing_virtual_value(x) - exact).abs() < 1e-14);
            assert!(s.graded_virtual_value(x) >= -1e-12);
        }
        let x_star = s.single_crossing_cutoff().unwrap();
        assert_eq!(s.graded_virtual_value(0.5 * x_star), 0.0);
    }
}
