//! The transfer rule (17) evaluated by predecessor sets against a direct sum over
//! all N! orders, and the structural properties of the allocation and transfer
//! rules: symmetry, aggregate supply, participation security, the zero profile,
//! infinite messages, and one bidder.

use maxmin_grading::solve;
use maxmin_mechanism::{Evaluation, Mechanism, MechanismError, ProportionalMechanism};
use maxmin_prior::Prior;
use rand::rngs::SmallRng;
use rand::{Rng, SeedableRng};

fn proportional(m: &Mechanism) -> &ProportionalMechanism {
    match m {
        Mechanism::Proportional(p) => p,
        other => panic!("expected a proportional mechanism, got {other:?}"),
    }
}

/// All permutations of 0..n (Heap's algorithm).
fn permutations(n: usize) -> Vec<Vec<usize>> {
    let mut a: Vec<usize> = (0..n).collect();
    let mut out = vec![a.clone()];
    let mut c = vec![0; n];
    let mut i = 0;
    while i < n {
        if c[i] < i {
            if i % 2 == 0 {
                a.swap(0, i);
            } else {
                a.swap(c[i], i);
            }
            out.push(a.clone());
            c[i] += 1;
            i = 0;
        } else {
            c[i] = 0;
            i += 1;
        }
    }
    out
}

/// Equation (17) literally: (1/N!) sum over orders zeta of
/// F_{N - zeta(i) + 1}(sum of predecessors) - F_{N - zeta(i) + 1}(predecessors + m_i).
fn premium_by_orders(m: &ProportionalMechanism, bids: &[f64]) -> Vec<f64> {
    let n = bids.len();
    let orders = permutations(n);
    let mut out = vec![0.0; n];
    for order in &orders {
        let mut before = 0.0;
        for (position, &i) in order.iter().enumerate() {
            let r = n - position;
            out[i] += m.premium_convolution(r, before) - m.premium_convolution(r, before + bids[i]);
            before += bids[i];
        }
    }
    out.iter().map(|t| t / orders.len() as f64).collect()
}

#[test]
fn predecessor_sets_agree_with_the_sum_over_all_orders() {
    assert_eq!(permutations(4).len(), 24);
    let mut rng = SmallRng::seed_from_u64(17);
    let cases = [
        (Prior::uniform(0.0, 1.0).unwrap(), 0.0),
        (Prior::uniform(0.5, 1.5).unwrap(), 0.2),
        (Prior::intervals(&[(0.0, 0.95), (3.95, 4.0)]).unwrap(), 0.2),
    ];
    for (prior, c) in &cases {
        for n in 2..=7_u64 {
            let s = solve(prior, n, *c).unwrap();
            let mech = Mechanism::maxmin(&s);
            let m = proportional(&mech);
            let (v_lo, _) = prior.support();
            for _ in 0..3 {
                let bids: Vec<f64> = (0..n).map(|_| rng.random_range(0.0..3.0)).collect();
                let outcome = m.outcome(&bids).unwrap();
                let slow = premium_by_orders(m, &bids);
                for (i, slow) in slow.iter().enumerate() {
                    let fast = outcome.transfers[i] - v_lo * outcome.allocation[i];
                    assert!(
                        (fast - slow).abs() < 1e-12,
                        "N={n} bids {bids:?} bidder {i}: {fast} vs {slow}"
                    );
                }
            }
        }
    }
}

#[test]
fn permuting_bids_permutes_outcomes_and_supply_is_respected() {
    let prior = Prior::uniform(0.0, 1.0).unwrap();
    let mut rng = SmallRng::seed_from_u64(3);
    for n in [2_u64, 3, 5] {
        for c in [0.0, 0.2] {
            let s = solve(&prior, n, c).unwrap();
            let mech = Mechanism::maxmin(&s);
            let m = proportional(&mech);
            for _ in 0..5 {
                let bids: Vec<f64> = (0..n).map(|_| rng.random_range(0.0..4.0)).collect();
                let base = m.outcome(&bids).unwrap();
                let total: f64 = bids.iter().sum();
                let q: f64 = base.allocation.iter().sum();
                assert!((q - m.aggregate_supply(total)).abs() < 1e-14);
                let mut rotated = bids.clone();
                rotated.rotate_left(1);
                let turned = m.outcome(&rotated).unwrap();
                for i in 0..n as usize {
                    let j = (i + 1) % n as usize;
                    assert!((turned.allocation[i] - base.allocation[j]).abs() < 1e-14);
                    assert!((turned.transfers[i] - base.transfers[j]).abs() < 1e-12);
                }
            }
        }
    }
}

#[test]
fn a_zero_bid_is_never_a_loss() {
    // Participation security (Lemma 5): t_i^p(0, m_-i) = 0, so bidding 0 pays
    // v_lo q_i and earns (v - v_lo) q_i >= 0 for every value v in the support.
    let mut rng = SmallRng::seed_from_u64(5);
    for (prior, c) in [
        (Prior::uniform(1.0, 2.0).unwrap(), 0.3),
        (Prior::uniform(0.0, 1.0).unwrap(), 0.0),
        (Prior::discrete(&[(0.5, 0.5), (1.0, 0.5)]).unwrap(), 0.1),
    ] {
        let (v_lo, _) = prior.support();
        for n in [2_u64, 3, 4] {
            let s = solve(&prior, n, c).unwrap();
            let mech = Mechanism::maxmin(&s);
            for _ in 0..5 {
                let mut bids: Vec<f64> = (0..n).map(|_| rng.random_range(0.0..3.0)).collect();
                bids[0] = 0.0;
                let o = mech.outcome(&bids).unwrap();
                assert!(
                    v_lo * o.allocation[0] - o.transfers[0] >= -1e-12,
                    "{bids:?}: q {} t {}",
                    o.allocation[0],
                    o.transfers[0]
                );
            }
            let zero = mech.outcome(&vec![0.0; n as usize]).unwrap();
            let m = proportional(&mech);
            for i in 0..n as usize {
                assert_eq!(zero.allocation[i], m.aggregate_supply(0.0) / n as f64);
                assert!((zero.transfers[i] - v_lo * zero.allocation[i]).abs() < 1e-14);
            }
        }
    }
}

#[test]
fn infinite_bids_share_the_good_and_need_a_bounded_prior() {
    let s = solve(&Prior::uniform(0.0, 1.0).unwrap(), 3, 0.0).unwrap();
    let mech = Mechanism::maxmin(&s);
    let o = mech.outcome(&[f64::INFINITY, 1.0, f64::INFINITY]).unwrap();
    assert_eq!(o.allocation, vec![0.5, 0.0, 0.5]);
    assert!(o.transfers.iter().all(|t| t.is_finite()));
    assert!((o.transfers[0] - o.transfers[2]).abs() < 1e-14);
    let e = solve(&Prior::exponential(1.0).unwrap(), 2, 0.0).unwrap();
    assert_eq!(
        Mechanism::maxmin(&e).outcome(&[f64::INFINITY, 1.0]),
        Err(MechanismError::InfiniteBidUnboundedPrior { bidder: 1 })
    );
}

#[test]
fn bad_bids_are_errors_naming_the_value() {
    let s = solve(&Prior::uniform(0.0, 1.0).unwrap(), 2, 0.0).unwrap();
    let mech = Mechanism::maxmin(&s);
    assert_eq!(
        mech.outcome(&[1.0]),
        Err(MechanismError::BidCount {
            given: 1,
            bidders: 2
        })
    );
    assert_eq!(
        mech.outcome(&[1.0, -0.5]),
        Err(MechanismError::Bid {
            bidder: 2,
            value: -0.5
        })
    );
    assert!(matches!(
        mech.outcome(&[f64::NAN, 1.0]),
        Err(MechanismError::Bid { bidder: 1, .. })
    ));
    assert!(
        mech.outcome(&[1.0, -0.5])
            .unwrap_err()
            .to_string()
            .contains("-0.5")
    );
}

#[test]
fn one_bidder_gets_dus_random_posted_price() {
    // ../shared/reference/peers.md: for U[0,1] and c = 0, xbar = 0.7153318630 and
    // R = xbar (1 - xbar) = 0.2036321888 = bar gamma(0).
    let prior = Prior::uniform(0.0, 1.0).unwrap();
    let s = solve(&prior, 1, 0.0).unwrap();
    let Mechanism::PostedPrice(p) = Mechanism::maxmin(&s) else {
        panic!("one bidder gets a posted price");
    };
    assert!((p.highest_price - 0.715_331_863_0).abs() < 1e-9);
    assert!((p.guarantee - 0.203_632_188_8).abs() < 1e-9);
    assert!((p.guarantee - p.highest_price * (1.0 - p.highest_price)).abs() < 1e-12);
    // Du's second condition, R (1 + ln(xbar/R)) = E[min(v, xbar)] = xbar - xbar^2/2,
    // with cost: the same in gains units for c = 0.2, where E[min(v - c, xbar')]
    // = integral over v of min(v - c, xbar') dv.
    for c in [0.0, 0.2] {
        let s = solve(&prior, 1, c).unwrap();
        let Mechanism::PostedPrice(p) = Mechanism::maxmin(&s) else {
            panic!()
        };
        let r = p.guarantee;
        let xbar = p.highest_price - c;
        let expected_min = (xbar + c) - (xbar + c).powi(2) / 2.0 - c;
        assert!(
            (r * (1.0 + (xbar / r).ln()) - expected_min).abs() < 1e-10,
            "c = {c}"
        );
        assert!((r - s.graded_gains(0.0)).abs() < 1e-14);
        // E_H[lambda] = R: Du's multiplier certifies the guarantee (midpoint rule on
        // U[0,1], whose integrand is piecewise linear with one kink).
        let mech = Mechanism::maxmin(&s);
        let k = 200_000;
        let mean: f64 = (0..k)
            .map(|j| mech.value_multiplier((j as f64 + 0.5) / k as f64))
            .sum::<f64>()
            / k as f64;
        assert!((mean - r).abs() < 1e-9, "c = {c}: {mean} vs {r}");
        assert_eq!(mech.guarantee(), r);
        // The allocation rises from 0 at the lowest price to 1 at the highest.
        assert_eq!(p.allocation(p.lowest_price() - 1e-9), 0.0);
        assert!((p.allocation(p.highest_price) - 1.0).abs() < 1e-15);
        let mid = 0.5 * (p.lowest_price() + p.highest_price);
        let o = Mechanism::maxmin(&s).outcome(&[mid]).unwrap();
        assert!(o.allocation[0] > 0.0 && o.allocation[0] < 1.0);
        // The transfer is the expected price paid: integral of p dPhi(p) up to w.
        let n = 20_000;
        let (lo, hi) = (p.lowest_price(), mid);
        let mut paid = 0.0;
        for k in 0..n {
            let a = lo + (hi - lo) * k as f64 / n as f64;
            let b = lo + (hi - lo) * (k + 1) as f64 / n as f64;
            paid += 0.5 * (a + b) * (p.allocation(b) - p.allocation(a));
        }
        assert!(
            (o.transfers[0] - paid).abs() < 1e-8,
            "{} vs {paid}",
            o.transfers[0]
        );
    }
}

#[test]
fn many_bidders_sample_orders_with_a_standard_error() {
    let prior = Prior::uniform(0.0, 1.0).unwrap();
    let s = solve(&prior, 22, 0.0).unwrap();
    let mech = Mechanism::maxmin(&s);
    let bids: Vec<f64> = (0..22).map(|i| 0.5 + 0.05 * i as f64).collect();
    let o = mech.outcome(&bids).unwrap();
    let Evaluation::Sampled {
        orders,
        standard_errors,
    } = &o.evaluation
    else {
        panic!("N = 22 is sampled");
    };
    assert!(*orders > 1000);
    assert!(standard_errors.iter().all(|e| e.is_finite() && *e >= 0.0));
    // Symmetric bidders get the same premium up to sampling error.
    let equal = mech.outcome(&[1.0; 22]).unwrap();
    let mean = equal.transfers.iter().sum::<f64>() / 22.0;
    if let Evaluation::Sampled {
        standard_errors, ..
    } = &equal.evaluation
    {
        for (t, e) in equal.transfers.iter().zip(standard_errors) {
            assert!((t - mean).abs() <= 5.0 * e + 1e-12, "{t} vs {mean} ± {e}");
        }
    }
}
