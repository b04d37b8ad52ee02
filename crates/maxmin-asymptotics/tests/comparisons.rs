//! The comparison mechanisms of Figure 4 against the maxmin guarantee (this crate
//! depends on both layers, so the cross-checks live here): Du's one-bidder optimum
//! is the paper's bar Pi_1 for every prior, and no mechanism guarantees more than
//! bar Pi_N.

use maxmin_compare::{best_posted_price, du_exponential_mechanism, first_price_guarantee};
use maxmin_grading::solve;
use maxmin_prior::Prior;

fn priors() -> Vec<Prior> {
    vec![
        Prior::uniform(0.0, 1.0).unwrap(),
        Prior::discrete(&[(0.0, 0.5), (1.0, 0.5)]).unwrap(),
        Prior::intervals(&[(0.0, 0.95), (3.95, 4.0)]).unwrap(),
        Prior::exponential(1.0).unwrap(),
        Prior::piecewise_linear_cdf(&[(0.2, 0.0), (0.4, 0.7), (2.0, 1.0)]).unwrap(),
        Prior::discrete(&[(0.3, 0.2), (0.5, 0.3), (2.0, 0.5)]).unwrap(),
    ]
}

#[test]
fn du_is_optimal_for_one_bidder() {
    // Du (2018): for N = 1 his mechanism is the maxmin mechanism, so its certificate's
    // optimum is bar Pi_1 = bar gamma(0) of the grading, an independent computation
    // (concavification and tangency conditions versus a parameter search).
    for prior in priors() {
        let du = du_exponential_mechanism(&prior, 1, 0.0).unwrap().guarantee;
        let maxmin = solve(&prior, 1, 0.0).unwrap().profit_guarantee();
        assert!(
            (du - maxmin).abs() < 1e-13 * maxmin.max(1.0),
            "{}: Du {du} vs bar Pi_1 {maxmin}",
            prior.description()
        );
        let posted = best_posted_price(&prior, 0.0).unwrap().guarantee;
        assert!(
            posted <= maxmin + 1e-12,
            "{}: {posted} vs {maxmin}",
            prior.description()
        );
    }
}

#[test]
fn no_comparison_mechanism_beats_the_maxmin_guarantee() {
    for prior in priors() {
        let posted = best_posted_price(&prior, 0.0).unwrap().guarantee;
        for n in [2_u64, 3, 5, 10, 30] {
            let solution = solve(&prior, n, 0.0).unwrap();
            let maxmin = solution.profit_guarantee();
            let first_price = first_price_guarantee(&prior, n, 0.0).unwrap();
            let du = du_exponential_mechanism(&prior, n, 0.0).unwrap().guarantee;
            let name = prior.description();
            for (what, value) in [("posted", posted), ("first-price", first_price), ("Du", du)] {
                assert!(
                    value <= maxmin + 1e-12,
                    "{name} N = {n}: {what} {value} > {maxmin}"
                );
            }
            assert!(solution.must_sell_guarantee() <= maxmin + 1e-12);
        }
    }
    // With a cost, the posted price still does not beat the maxmin auction.
    let prior = Prior::uniform(0.0, 1.0).unwrap();
    for n in [1_u64, 2, 10] {
        let posted = best_posted_price(&prior, 0.3).unwrap().guarantee;
        let maxmin = solve(&prior, n, 0.3).unwrap().profit_guarantee();
        assert!(posted <= maxmin, "N = {n}: {posted} vs {maxmin}");
    }
}

#[test]
fn figure_4_ordering_for_the_uniform_prior() {
    // Figure 4: bar Pi_N > Du > first-price > posted price (1/8) for N >= 2 (the
    // first-price guarantee (N - 1)/(4N - 2) is at least 1/6), all below E[v] = 1/2.
    let prior = Prior::uniform(0.0, 1.0).unwrap();
    for n in 2..=30_u64 {
        let maxmin = solve(&prior, n, 0.0).unwrap().profit_guarantee();
        let du = du_exponential_mechanism(&prior, n, 0.0).unwrap().guarantee;
        let first_price = first_price_guarantee(&prior, n, 0.0).unwrap();
        assert!(
            maxmin > du && du > first_price && first_price > 0.125,
            "N = {n}"
        );
        assert!(maxmin < 0.5);
    }
}
