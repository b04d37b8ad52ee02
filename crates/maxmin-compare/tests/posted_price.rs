//! The best posted price against closed forms and against a brute-force search over
//! prices, each price met by nature's worst public information computed by a
//! separate algorithm (a fractional knapsack over the atoms).

use maxmin_compare::{CompareError, best_posted_price};
use maxmin_prior::Prior;
use rand::rngs::SmallRng;
use rand::{Rng, SeedableRng};

/// Nature's worst public information at price p for a discrete prior: the largest
/// mass with conditional mean at most p, where nobody buys. Atoms at or below p
/// enter whole and leave slack sum prob (p - v); atoms above p are then added in
/// increasing order of value while the slack lasts (a fractional knapsack, whose
/// greedy order is optimal because each unit of mass costs v - p of slack).
fn worst_case_no_sale_mass(atoms: &[(f64, f64)], p: f64) -> f64 {
    let mut sorted = atoms.to_vec();
    sorted.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut mass = 0.0;
    let mut slack = 0.0;
    for &(v, prob) in &sorted {
        if v <= p {
            mass += prob;
            slack += prob * (p - v);
        }
    }
    for &(v, prob) in sorted.iter().filter(|a| a.0 > p) {
        let take = prob.min(slack / (v - p));
        mass += take;
        slack -= take * (v - p);
        if take < prob {
            break;
        }
    }
    mass.min(1.0)
}

/// The seller's profit at price p under nature's worst public information.
fn brute_profit(atoms: &[(f64, f64)], p: f64, cost: f64) -> f64 {
    (p - cost) * (1.0 - worst_case_no_sale_mass(atoms, p))
}

#[test]
fn uniform_gives_one_eighth_at_a_quarter() {
    // Footnote 18: nature reveals whether v < 1/2; the price is 1/4.
    let prior = Prior::uniform(0.0, 1.0).unwrap();
    let best = best_posted_price(&prior, 0.0).unwrap();
    assert!((best.guarantee - 0.125).abs() < 1e-15, "{best:?}");
    assert!((best.price.unwrap() - 0.25).abs() < 1e-15, "{best:?}");
    assert!((best.sale_probability - 0.5).abs() < 1e-15, "{best:?}");
}

#[test]
fn uniform_with_a_cost_matches_its_closed_form() {
    // max over q of (q/2 - c)(1 - q) is at q = 1/2 + c: (1/2 - c)^2 / 2 at price 1/4 + c/2.
    let prior = Prior::uniform(0.0, 1.0).unwrap();
    for c in [0.05, 0.2, 0.35, 0.49] {
        let best = best_posted_price(&prior, c).unwrap();
        let exact = 0.5 * (0.5 - c) * (0.5 - c);
        assert!((best.guarantee - exact).abs() < 1e-15, "c = {c}: {best:?}");
        assert!(
            (best.price.unwrap() - (0.25 + 0.5 * c)).abs() < 1e-14,
            "c = {c}: {best:?}"
        );
    }
    // Above the mean no price makes a profit: keep the good.
    let none = best_posted_price(&prior, 0.6).unwrap();
    assert_eq!(none.guarantee, 0.0);
    assert_eq!(none.price, None);
}

#[test]
fn matches_a_brute_force_search_over_prices_for_random_discrete_priors() {
    let mut rng = SmallRng::seed_from_u64(18);
    for case in 0..40 {
        let k = rng.random_range(1..=6);
        let mut atoms: Vec<(f64, f64)> = (0..k)
            .map(|_| (rng.random_range(0.0..3.0), rng.random_range(0.05..1.0)))
            .collect();
        let total: f64 = atoms.iter().map(|a| a.1).sum();
        for a in &mut atoms {
            a.1 /= total;
        }
        let prior = Prior::discrete(&atoms).unwrap();
        let cost = if case % 3 == 0 {
            0.0
        } else {
            rng.random_range(0.0..1.0)
        };
        let best = best_posted_price(&prior, cost).unwrap();
        // (a) Just below the reported price (at the price itself the pooled bidders are
        // indifferent and, in the worst case, do not buy: the guarantee is a supremum),
        // nature's best reply leaves the reported guarantee.
        if let Some(p) = best.price {
            let at_price = brute_profit(&atoms, p - 1e-10, cost);
            assert!(
                (at_price - best.guarantee).abs() < 1e-9,
                "case {case}: {atoms:?} c = {cost}: {best:?} but {at_price} at that price"
            );
        }
        // (b) No price on a fine grid does better.
        let v_hi = atoms.iter().map(|a| a.0).fold(0.0, f64::max);
        let grid_best = (0..=30_000)
            .map(|i| brute_profit(&atoms, v_hi * i as f64 / 30_000.0, cost))
            .fold(0.0, f64::max);
        assert!(
            grid_best <= best.guarantee + 1e-9,
            "case {case}: {atoms:?} c = {cost}: grid {grid_best} beats {best:?}"
        );
        assert!(
            best.guarantee - grid_best < 1e-3,
            "case {case}: {atoms:?} c = {cost}: grid {grid_best} far below {best:?}"
        );
    }
}

#[test]
fn exponential_prior_matches_a_dense_search_over_the_pool() {
    // For H(v) = 1 - e^{-v}: integral_0^q H^{-1} = q + (1 - q) ln(1 - q).
    let prior = Prior::exponential(1.0).unwrap();
    let best = best_posted_price(&prior, 0.0).unwrap();
    let dense = (1..1_000_000)
        .map(|i| {
            let q = i as f64 / 1e6;
            let pooled = (q + (1.0 - q) * (1.0 - q).ln()) / q;
            pooled * (1.0 - q)
        })
        .fold(0.0, f64::max);
    assert!(best.guarantee >= dense - 1e-14, "{best:?} vs {dense}");
    assert!(best.guarantee - dense < 1e-10, "{best:?} vs {dense}");
}

#[test]
fn a_support_above_the_cost_sells_for_sure_at_its_bottom_at_least() {
    // Everything at v_lo = 2 or more: the price 2 always sells, so the guarantee is
    // at least 2 - c.
    let prior = Prior::uniform(2.0, 3.0).unwrap();
    let best = best_posted_price(&prior, 0.5).unwrap();
    assert!(best.guarantee >= 1.5 - 1e-15, "{best:?}");
}

#[test]
fn invalid_costs_are_errors_naming_the_value() {
    let prior = Prior::uniform(0.0, 1.0).unwrap();
    for cost in [-0.1, f64::NAN, f64::INFINITY] {
        let err = best_posted_price(&prior, cost).unwrap_err();
        assert!(matches!(err, CompareError::Cost { .. }), "{err}");
    }
    let message = best_posted_price(&prior, -0.1).unwrap_err().to_string();
    assert!(message.contains("-0.1"), "{message}");
}
