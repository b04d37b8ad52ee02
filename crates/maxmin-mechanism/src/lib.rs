//! The maxmin mechanism of Brooks and Du (2019), Sections 4.1.2 and 4.3: the
//! proportional allocation rule with aggregate supply bar Q (15), and transfers made
//! of a base payment v_lo q_i and the premium of equation (17); the must-sell variant
//! (hat q, hat mu = (N-1)/x); and, for one bidder, where the general construction
//! degenerates, Du's random posted price.
//!
//! ```
//! use maxmin_grading::solve;
//! use maxmin_mechanism::Mechanism;
//! use maxmin_prior::Prior;
//!
//! let prior = Prior::uniform(0.0, 1.0).unwrap();
//! let solution = solve(&prior, 2, 0.0).unwrap();
//! let mechanism = Mechanism::maxmin(&solution);
//! let outcome = mechanism.outcome(&[1.0, 2.0]).unwrap();
//! // Proportional allocation of the whole good above the graded interval [0, x*].
//! assert!((outcome.allocation[0] - 1.0 / 3.0).abs() < 1e-12);
//! ```
//!
//! Messages are aggregate-signal units (the signals of the minmax information
//! structure, independent unit exponentials), in [0, inf]; for one bidder the
//! message is a willingness to pay.

mod aggregate;
mod error;
mod excess;
mod posted_price;
mod premium;
pub mod verify;

use maxmin_grading::{Case, Solution};

use aggregate::Aggregate;
pub use error::MechanismError;
use excess::Excess;
pub use posted_price::RandomPostedPrice;
use premium::Premium;
pub use premium::{Evaluation, MAX_EXACT_BIDDERS, SAMPLED_ORDERS};

/// A mechanism for every N >= 1: the caller does not need to know that one bidder
/// is special.
#[derive(Debug)]
pub enum Mechanism {
    /// N >= 2: proportional allocation with an aggregate supply (Section 4.1.2).
    Proportional(Box<ProportionalMechanism>),
    /// N = 1: a random posted price (Du 2018).
    PostedPrice(RandomPostedPrice),
    /// The ex ante gains are not positive: the seller keeps the good (footnote 3).
    NoSale,
}

/// Allocations and transfers at one message profile.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    /// q_i, the probability that bidder i gets the good.
    pub allocation: Vec<f64>,
    /// t_i, bidder i's payment.
    pub transfers: Vec<f64>,
    /// How the premium part of the transfers was evaluated.
    pub evaluation: Evaluation,
}

impl Mechanism {
    /// The maxmin mechanism (Theorem 1) for the solved grading problem.
    pub fn maxmin(solution: &Solution) -> Mechanism {
        Mechanism::build(solution, false)
    }

    /// The must-sell maxmin mechanism (Theorem 2).
    pub fn must_sell(solution: &Solution) -> Mechanism {
        Mechanism::build(solution, true)
    }

    fn build(solution: &Solution, must_sell: bool) -> Mechanism {
        if solution.case() == Case::NoGainsFromTrade && !must_sell {
            return Mechanism::NoSale;
        }
        if solution.bidders() == 1 {
            return Mechanism::PostedPrice(if must_sell {
                RandomPostedPrice::must_sell(solution)
            } else {
                RandomPostedPrice::maxmin(solution)
            });
        }
        Mechanism::Proportional(Box::new(ProportionalMechanism::new(solution, must_sell)))
    }

    /// The value multiplier: bar lambda(v) of equation (19) for N >= 2, Du's
    /// multiplier for one bidder, 0 when the good is kept. By Proposition 7 its
    /// expectation under any prior H' bounds the mechanism's profit from below.
    pub fn value_multiplier(&self, v: f64) -> f64 {
        match self {
            Mechanism::Proportional(m) => m.value_multiplier(v),
            Mechanism::PostedPrice(p) => p.value_multiplier(v),
            Mechanism::NoSale => 0.0,
        }
    }

    /// The profit guarantee under the prior it was designed for.
    pub fn guarantee(&self) -> f64 {
        match self {
            Mechanism::Proportional(m) => m.guarantee(),
            Mechanism::PostedPrice(p) => p.guarantee,
            Mechanism::NoSale => 0.0,
        }
    }

    /// Allocations and transfers at a profile of N messages (each >= 0, possibly
    /// infinite).
    ///
    /// # Errors
    /// The wrong number of bids, a negative or NaN bid, or an infinite bid with an
    /// unbounded prior.
    pub fn outcome(&self, bids: &[f64]) -> Result<Outcome, MechanismError> {
        match self {
            Mechanism::Proportional(m) => m.outcome(bids),
            Mechanism::PostedPrice(p) => {
                check_bids(bids, 1, true)?;
                Ok(Outcome {
                    allocation: vec![p.allocation(bids[0])],
                    transfers: vec![p.transfer(bids[0])],
                    evaluation: Evaluation::Exact,
                })
            }
            Mechanism::NoSale => Ok(Outcome {
                allocation: vec![0.0; bids.len()],
                transfers: vec![0.0; bids.len()],
                evaluation: Evaluation::Exact,
            }),
        }
    }
}

fn check_bids(bids: &[f64], n: u64, bounded: bool) -> Result<(), MechanismError> {
    if bids.len() as u64 != n {
        return Err(MechanismError::BidCount {
            given: bids.len(),
            bidders: n,
        });
    }
    for (i, &b) in bids.iter().enumerate() {
        if b.is_nan() || b < 0.0 {
            return Err(MechanismError::Bid {
                bidder: i + 1,
                value: b,
            });
        }
        if b == f64::INFINITY && !bounded {
            return Err(MechanismError::InfiniteBidUnboundedPrior { bidder: i + 1 });
        }
    }
    Ok(())
}

/// The proportional maxmin mechanism for N >= 2 (or its must-sell variant).
#[derive(Debug)]
pub struct ProportionalMechanism {
    n: u64,
    must_sell: bool,
    guarantee: f64,
    excess: Excess,
    premium: Premium,
}

impl ProportionalMechanism {
    fn new(solution: &Solution, must_sell: bool) -> ProportionalMechanism {
        let n = solution.bidders();
        let (intervals, guarantee) = if must_sell {
            (&[][..], solution.must_sell_guarantee())
        } else {
            (solution.graded_intervals(), solution.profit_guarantee())
        };
        let excess = Excess::new(solution, Aggregate::new(n, intervals), guarantee);
        let premium = Premium::new(n, &excess);
        ProportionalMechanism {
            n,
            must_sell,
            guarantee,
            excess,
            premium,
        }
    }

    /// The number of bidders N.
    pub fn bidders(&self) -> u64 {
        self.n
    }

    /// Whether this is the must-sell mechanism of Section 4.3.
    pub fn is_must_sell(&self) -> bool {
        self.must_sell
    }

    /// The profit guarantee bar Pi (or hat Pi for the must-sell mechanism).
    pub fn guarantee(&self) -> f64 {
        self.guarantee
    }

    /// The graded intervals [a, b] the mechanism rations on (none when must-sell).
    pub fn graded_intervals(&self) -> Vec<(f64, f64)> {
        self.excess
            .aggregate
            .intervals
            .iter()
            .map(|i| (i.a, i.b))
            .collect()
    }

    /// C(a, b) for a graded interval, the allocation sensitivity on it (Section 4.1.2).
    pub fn sensitivity_constant(&self, a: f64, b: f64) -> Option<f64> {
        self.excess
            .aggregate
            .intervals
            .iter()
            .find(|i| i.a == a && i.b == b)
            .map(|i| i.c)
    }

    /// The aggregate supply bar Q(x), equation (15).
    #[doc(alias = "bar Q")]
    pub fn aggregate_supply(&self, x: f64) -> f64 {
        if x == f64::INFINITY {
            1.0
        } else {
            self.excess.aggregate.supply(x)
        }
    }

    /// The aggregate allocation sensitivity bar mu(x), equation (16).
    #[doc(alias = "bar mu")]
    pub fn allocation_sensitivity(&self, x: f64) -> f64 {
        if x == f64::INFINITY {
            0.0
        } else {
            self.excess.aggregate.sensitivity(x)
        }
    }

    /// The value multiplier bar lambda(v), equation (19), in the form that also
    /// converges for unbounded priors.
    #[doc(alias = "bar lambda")]
    #[doc(alias = "value multiplier")]
    pub fn value_multiplier(&self, v: f64) -> f64 {
        self.excess.value_multiplier(v)
    }

    /// The premium aggregate excess growth bar Xi^p(x), equation (18).
    #[doc(alias = "bar Xi^p")]
    #[doc(alias = "premium aggregate excess growth")]
    pub fn premium_excess_growth(&self, x: f64) -> f64 {
        self.excess.premium_excess_growth(x)
    }

    /// F_r(y) = integral_0^inf bar Xi^p(y + x) g_r(x) dx, the building block of (17),
    /// for 1 <= r <= N.
    pub fn premium_convolution(&self, r: usize, y: f64) -> f64 {
        self.premium.convolution(&self.excess, r, y)
    }

    /// The allocation rule bar q (Section 4.1.2): m_i / sum(m) bar Q(sum(m)); bar Q(0)/N
    /// each at the zero profile; shared equally among infinite messages.
    pub fn allocation(&self, m: &[f64]) -> Vec<f64> {
        let n = m.len();
        let infinite = m.iter().filter(|x| x.is_infinite()).count();
        if infinite > 0 {
            return m
                .iter()
                .map(|&x| {
                    if x.is_infinite() {
                        1.0 / infinite as f64
                    } else {
                        0.0
                    }
                })
                .collect();
        }
        let total: f64 = m.iter().sum();
        if total == 0.0 {
            return vec![self.aggregate_supply(0.0) / n as f64; n];
        }
        let supply = self.aggregate_supply(total);
        m.iter().map(|&x| x / total * supply).collect()
    }

    /// Allocations and transfers bar t_i = v_lo bar q_i + bar t_i^p at a profile.
    ///
    /// # Errors
    /// The wrong number of bids, a negative or NaN bid, or an infinite bid with an
    /// unbounded prior.
    pub fn outcome(&self, bids: &[f64]) -> Result<Outcome, MechanismError> {
        let bounded = self.excess.premium_excess_growth_at_infinity().is_some();
        check_bids(bids, self.n, bounded)?;
        let allocation = self.allocation(bids);
        let (premium, evaluation) = self.premium.transfers(&self.excess, bids);
        let v_lo = self.excess.v_lo();
        let transfers = allocation
            .iter()
            .zip(&premium)
            .map(|(q, p)| v_lo * q + p)
            .collect();
        Ok(Outcome {
            allocation,
            transfers,
            evaluation,
        })
    }
}
