//! Proposition 6 and Lemma 18 numerically: the scaled gaps of the guarantee
//! sequences approach the limit constants, and the ends of the bottom graded
//! intervals approach the limit cutoff x*, at the rates observed here (1/N when
//! v > c almost surely, 1/sqrt(N) when the cost is inside the support).

use std::f64::consts::PI;
use std::sync::Mutex;

use maxmin_asymptotics::{AsymptoticsError, CentralLimit, guarantee_sequence, normal};
use maxmin_grading::{GradingError, solve};
use maxmin_prior::Prior;

const MANY: [u64; 6] = [10, 100, 1000, 10_000, 100_000, 1_000_000];

/// sqrt(N) (1/2 - hat Pi_N) for U[0,1], c = 0, from hat Pi_N = 1/2 - C(2N-2, N-1) / 2^(2N-1):
/// C(2m, m) / 4^m = prod_{k=1}^m (2k - 1) / (2k), so the gap is sqrt(N) / 2 times that
/// product with m = N - 1.
fn uniform_must_sell_scaled_gap(n: u64) -> f64 {
    let product: f64 = (1..n)
        .map(|k| (2 * k - 1) as f64 / (2 * k) as f64)
        .product();
    0.5 * (n as f64).sqrt() * product
}

#[test]
fn uniform_scaled_gaps_approach_one_over_two_sqrt_pi() {
    let prior = Prior::uniform(0.0, 1.0).unwrap();
    let limit = 0.5 / PI.sqrt();
    let rows = guarantee_sequence(&prior, 0.0, &MANY, |_| {}).unwrap();
    let mut last = f64::INFINITY;
    for row in &rows {
        let n = row.bidders as f64;
        let closed = uniform_must_sell_scaled_gap(row.bidders);
        assert!(
            (row.must_sell_scaled_gap - closed).abs() < 1e-9 * closed,
            "N = {n}: {} vs closed form {closed}",
            row.must_sell_scaled_gap
        );
        // Observed: the distance is 0.106 / N for N >= 10.
        let distance = (row.scaled_gap - limit).abs();
        assert!(
            distance < 0.12 / n,
            "N = {n}: gap {} vs {limit}",
            row.scaled_gap
        );
        assert!(distance < last, "N = {n}: not closer than the N before");
        last = distance;
        assert!(row.scaled_gap <= row.must_sell_scaled_gap + 1e-12);
    }
}

#[test]
fn cost_inside_the_support_converges_at_rate_one_over_sqrt_n() {
    // U[0,1] with c = 1/4: x* = 0 and the limit is phi(0)/4 + 1/(4 sqrt pi) (tests/limit.rs).
    let prior = Prior::uniform(0.0, 1.0).unwrap();
    let limit = CentralLimit::new(&prior, 0.25).unwrap();
    let constant = normal::pdf(0.0) / 4.0 + 0.25 / PI.sqrt();
    assert!((limit.scaled_gap() - constant).abs() < 1e-14);
    let rows = guarantee_sequence(&prior, 0.25, &MANY, |_| {}).unwrap();
    let mut last = f64::INFINITY;
    for row in &rows {
        let n = row.bidders as f64;
        // Observed: 0.053 / sqrt(N) from N = 1000 on, from below.
        let distance = constant - row.scaled_gap;
        assert!(
            distance > 0.0 && distance < 0.07 / n.sqrt(),
            "N = {n}: {}",
            row.scaled_gap
        );
        assert!(distance < last, "N = {n}");
        last = distance;
        // The must-sell gap does not see the cost: it tends to 1 / (2 sqrt pi) at rate 1/N.
        let must_sell = (row.must_sell_scaled_gap - limit.must_sell_scaled_gap()).abs();
        assert!(
            must_sell < 0.12 / n,
            "N = {n}: {}",
            row.must_sell_scaled_gap
        );
    }
}

#[test]
fn graded_ends_approach_the_limit_cutoff() {
    // Lemma 18 in Appendix C units, for x* = 0 (c = 1/4), x* = Phi^{-1}(0.8) (c = 0.4)
    // and x* = -inf (c = 0).
    let prior = Prior::uniform(0.0, 1.0).unwrap();
    for c in [0.25, 0.4] {
        let x_star = CentralLimit::new(&prior, c).unwrap().cutoff();
        assert!((x_star - normal::quantile(2.0 * c)).abs() < 1e-13);
        let rows = guarantee_sequence(&prior, c, &MANY[1..], |_| {}).unwrap();
        let mut last = f64::INFINITY;
        for row in rows {
            let n = row.bidders as f64;
            // Observed: 1.7 / sqrt(N) for c = 1/4 and 2.0 / sqrt(N) for c = 0.4, from above.
            let distance = row.graded_end.unwrap() - x_star;
            assert!(
                distance > 0.0 && distance < 2.5 / n.sqrt(),
                "c = {c}, N = {n}: {distance}"
            );
            assert!(distance < last);
            last = distance;
        }
    }
    let rows = guarantee_sequence(&prior, 0.0, &MANY[1..], |_| {}).unwrap();
    for row in rows {
        let n = row.bidders as f64;
        assert!(
            row.graded_end.unwrap() < -0.4 * n.sqrt(),
            "N = {n}: {row:?}"
        );
    }
}

#[test]
fn rows_keep_their_order_and_progress_is_reported_once_per_n() {
    let prior = Prior::intervals(&[(0.0, 0.95), (3.95, 4.0)]).unwrap();
    let bidders = [5_u64, 1, 30, 2, 7];
    let seen = Mutex::new(Vec::new());
    let rows = guarantee_sequence(&prior, 0.2, &bidders, |k| seen.lock().unwrap().push(k)).unwrap();
    let mut seen = seen.into_inner().unwrap();
    seen.sort_unstable();
    assert_eq!(seen, vec![1, 2, 3, 4, 5]);
    for (row, &n) in rows.iter().zip(&bidders) {
        let direct = solve(&prior, n, 0.2).unwrap();
        assert_eq!(row.bidders, n);
        assert_eq!(row.profit_guarantee, direct.profit_guarantee());
        assert_eq!(row.must_sell_guarantee, direct.must_sell_guarantee());
        assert_eq!(row.ex_ante_gains, direct.ex_ante_gains());
        let root = (n as f64).sqrt();
        assert_eq!(
            row.scaled_gap,
            root * (direct.ex_ante_gains() - direct.profit_guarantee())
        );
        assert_eq!(row.graded_end.is_none(), n == 1);
    }
    // The paper's numbers for this prior: bar Pi_2 = 0.1688338915 (README, Figure 3).
    assert!((rows[3].profit_guarantee - 0.1688338915).abs() < 1e-10);
}

#[test]
fn bad_lists_and_costs_are_errors() {
    let prior = Prior::uniform(0.0, 1.0).unwrap();
    let err = guarantee_sequence(&prior, 0.0, &[], |_| {}).unwrap_err();
    assert_eq!(err, AsymptoticsError::NoBidders);
    let err = guarantee_sequence(&prior, 0.0, &[3, 0, 4], |_| {}).unwrap_err();
    assert!(
        matches!(
            err,
            AsymptoticsError::Grading(GradingError::Bidders { bidders: 0, .. })
        ),
        "{err}"
    );
    let err = guarantee_sequence(&prior, -2.0, &[3], |_| {}).unwrap_err();
    assert!(
        matches!(err, AsymptoticsError::Grading(GradingError::Cost { .. })),
        "{err}"
    );
    assert!(err.to_string().contains("-2"), "{err}");
}
