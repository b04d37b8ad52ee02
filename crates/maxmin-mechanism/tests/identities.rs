//! The paper's identities on the mechanism we build: Lemma 7, Lemma 8, the two
//! forms of (19), and the premium tables against direct quadrature.

use maxmin_erlang::Erlang;
use maxmin_grading::solve;
use maxmin_mechanism::{Mechanism, ProportionalMechanism};
use maxmin_numeric::integrate;
use maxmin_prior::Prior;

fn priors() -> Vec<(&'static str, Prior, f64)> {
    vec![
        ("uniform c=0", Prior::uniform(0.0, 1.0).unwrap(), 0.0),
        ("uniform c=0.2", Prior::uniform(0.0, 1.0).unwrap(), 0.2),
        ("uniform [1,2]", Prior::uniform(1.0, 2.0).unwrap(), 0.3),
        (
            "figure 3",
            Prior::intervals(&[(0.0, 0.95), (3.95, 4.0)]).unwrap(),
            0.2,
        ),
        (
            "two-point",
            Prior::discrete(&[(0.0, 0.5), (1.0, 0.5)]).unwrap(),
            0.0,
        ),
        ("exponential", Prior::exponential(1.0).unwrap(), 0.1),
    ]
}

fn proportional(m: &Mechanism) -> &ProportionalMechanism {
    match m {
        Mechanism::Proportional(p) => p,
        other => panic!("expected a proportional mechanism, got {other:?}"),
    }
}

fn expect_under_g(n: u64, cuts: &[f64], f: impl Fn(f64) -> f64) -> f64 {
    let g = Erlang::new(n).unwrap();
    let mut cuts = cuts.to_vec();
    cuts.extend([g.quantile(1e-3), g.quantile(0.5), g.quantile_sf(1e-3)]);
    integrate(
        |x| f(x) * g.pdf(x),
        0.0,
        g.quantile_sf(1e-40),
        &cuts,
        1e-15,
        1e-13,
        20000,
    )
    .value
}

#[test]
fn lemma_7_and_lemma_8_hold() {
    for (name, prior, c) in priors() {
        for n in [2, 3, 5] {
            let s = solve(&prior, n, c).unwrap();
            for must_sell in [false, true] {
                let mech = if must_sell {
                    Mechanism::must_sell(&s)
                } else {
                    Mechanism::maxmin(&s)
                };
                let m = proportional(&mech);
                let mut cuts = s.signal_breakpoints();
                for (a, b) in m.graded_intervals() {
                    cuts.extend([a, b]);
                }
                let lemma7 =
                    expect_under_g(n, &cuts, |x| m.value_multiplier(s.fully_revealing_value(x)));
                assert!(
                    (lemma7 - m.guarantee()).abs() < 1e-9,
                    "{name} N={n} must_sell={must_sell}: E[lambda] = {lemma7} vs {}",
                    m.guarantee()
                );
                let lemma8 = expect_under_g(n, &cuts, |x| m.premium_excess_growth(x));
                assert!(
                    lemma8.abs() < 1e-9,
                    "{name} N={n} must_sell={must_sell}: E[Xi^p] = {lemma8}"
                );
            }
        }
    }
}

#[test]
fn value_multiplier_agrees_with_equation_19_as_written() {
    // For bounded priors, (19) as the paper writes it:
    // bar lambda(v) = Pi + int mu(x(nu)) H(nu) dnu - int_v^vhi mu(x(nu)) dnu over the
    // support, with x(nu) = G_N^{-1}(H(nu)) (using int mu G dw = int mu(x(nu)) H(nu) dnu).
    for (name, prior, c) in priors().into_iter().take(5) {
        for n in [2, 3] {
            let s = solve(&prior, n, c).unwrap();
            let mech = Mechanism::maxmin(&s);
            let m = proportional(&mech);
            let g = Erlang::new(n).unwrap();
            let mu_at = |nu: f64| m.allocation_sensitivity(g.quantile(prior.cdf(nu)).max(1e-300));
            let (lo, hi) = prior.support();
            let mut cuts = prior.value_breakpoints();
            for (a, b) in m.graded_intervals() {
                cuts.extend([s.fully_revealing_value(a), s.fully_revealing_value(b)]);
            }
            let int = |f: &dyn Fn(f64) -> f64, a: f64, b: f64| {
                integrate(f, a, b, &cuts, 1e-15, 1e-12, 20000).value
            };
            let middle = int(&|nu| mu_at(nu) * prior.cdf(nu), lo, hi);
            for v in [
                lo + 0.1 * (hi - lo),
                lo + 0.5 * (hi - lo),
                lo + 0.97 * (hi - lo),
            ] {
                let direct = m.guarantee() + middle - int(&mu_at, v, hi);
                let ours = m.value_multiplier(v);
                assert!(
                    (direct - ours).abs() < 1e-8,
                    "{name} N={n} v={v}: (19) gives {direct}, ours {ours}"
                );
            }
        }
    }
}

#[test]
fn premium_tables_match_direct_quadrature() {
    for (name, prior, c) in priors() {
        let n = 3;
        let s = solve(&prior, n, c).unwrap();
        let mech = Mechanism::maxmin(&s);
        let m = proportional(&mech);
        let mut cuts = s.signal_breakpoints();
        for (a, b) in m.graded_intervals() {
            cuts.extend([a, b]);
        }
        for r in 1..=3 {
            let g = Erlang::new(r as u64).unwrap();
            for y in [0.0, 0.4, 1.7, 3.3, 8.0] {
                let shifted: Vec<f64> = cuts.iter().map(|c| c - y).filter(|c| *c > 0.0).collect();
                let direct = integrate(
                    |x| m.premium_excess_growth(y + x) * g.pdf(x),
                    0.0,
                    g.quantile_sf(1e-40),
                    &shifted,
                    1e-15,
                    1e-13,
                    20000,
                )
                .value;
                let table = m.premium_convolution(r, y);
                assert!(
                    (direct - table).abs() < 1e-10,
                    "{name} r={r} y={y}: table {table} vs direct {direct}"
                );
            }
        }
    }
}
