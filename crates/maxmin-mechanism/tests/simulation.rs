//! Monte Carlo check of the truthful equilibrium on the minmax information structure,
//! independent of every quadrature: draw the N signals iid unit exponential, let the
//! bidders report them, and average the realised profit sum_i (t_i - c q_i). Profit
//! depends on the messages only, so the common value need not be drawn.

use maxmin_grading::solve;
use maxmin_mechanism::Mechanism;
use maxmin_prior::Prior;
use rand::rngs::SmallRng;
use rand::{Rng, SeedableRng};

/// Draws per case: the standard error of the mean profit is then about 2e-4.
const DRAWS: usize = 400_000;
/// The sample mean must lie within this many standard errors of bar Pi: for a normal
/// sample mean a false alarm has probability 6e-5 per case, and the seeds are fixed.
const STANDARD_ERRORS: f64 = 4.0;

/// Mean and standard error of the realised profit over `DRAWS` truthful profiles.
fn simulate(mechanism: &Mechanism, n: usize, cost: f64, seed: u64) -> (f64, f64) {
    let mut rng = SmallRng::seed_from_u64(seed);
    let mut sum = 0.0;
    let mut square = 0.0;
    for _ in 0..DRAWS {
        // Inverse transform of a unit exponential; 1 - u lies in (0, 1].
        let signals: Vec<f64> = (0..n).map(|_| -(1.0 - rng.random::<f64>()).ln()).collect();
        let outcome = mechanism.outcome(&signals).unwrap();
        let profit: f64 = outcome
            .transfers
            .iter()
            .zip(&outcome.allocation)
            .map(|(t, q)| t - cost * q)
            .sum();
        sum += profit;
        square += profit * profit;
    }
    let k = DRAWS as f64;
    let mean = sum / k;
    let variance = (square / k - mean * mean) * k / (k - 1.0);
    (mean, (variance / k).sqrt())
}

#[test]
fn truthful_profit_on_the_minmax_structure_is_the_guarantee() {
    let prior = Prior::uniform(0.0, 1.0).unwrap();
    for (n, cost, seed) in [(2_u64, 0.0, 11), (2, 0.2, 12), (3, 0.0, 13)] {
        let solution = solve(&prior, n, cost).unwrap();
        let mechanism = Mechanism::maxmin(&solution);
        let (mean, error) = simulate(&mechanism, n as usize, cost, seed);
        let target = solution.profit_guarantee();
        let half_width = STANDARD_ERRORS * error;
        assert!(
            (mean - target).abs() <= half_width,
            "N={n} c={cost}: mean profit {mean} outside bar Pi = {target} +/- {half_width}"
        );
        // The interval is narrow enough to matter: it excludes the must-sell guarantee
        // hat Pi, the profit of the must-sell mechanism's truthful equilibrium.
        let must_sell = solution.must_sell_guarantee();
        assert!(
            (must_sell - target).abs() > 2.0 * half_width,
            "N={n} c={cost}: interval {half_width} cannot tell bar Pi {target} from hat Pi \
             {must_sell}"
        );
    }
}
