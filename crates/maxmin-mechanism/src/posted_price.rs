//! One bidder: Du's (2018) random posted price, the maxmin mechanism for N = 1,
//! where the general construction degenerates (bar mu is identically 0 and Lemma 8
//! fails because g_1(0) = 1).
//!
//! In units of gains (value minus cost) the price p has density
//! 1 / (p ln(xbar / R)) on [R, xbar], where R = bar gamma(0) is the guarantee and
//! xbar = hat gamma(x*) is the gains at the end of the bottom graded interval
//! [0, x*]. These are Du's two conditions, R = xbar (1 - H(xbar + c)) (the tangency
//! hat gamma(x*) e^{-x*} = k with G_1(x*) = H) and R (1 + ln(xbar / R)) =
//! `E[min(v - c, xbar)]` (the hull meeting hat Gamma at x*). A buyer who reports
//! willingness to pay w buys when the price is below w:
//! q(w) = ln((w - c)/R) / ln(xbar/R) on [R + c, xbar + c], and pays the expected
//! price, t(w) = [(w' - R) + c ln(w'/R)] / ln(xbar/R) with w' = min(w, xbar + c) - c.
//! Without a bottom graded interval the price is the deterministic v_lo.

use maxmin_grading::Solution;

/// A random posted price for one bidder.
#[derive(Debug, Clone, PartialEq)]
pub struct RandomPostedPrice {
    /// The guarantee R (in gains units) and the lowest price R + c.
    pub guarantee: f64,
    /// The highest price.
    pub highest_price: f64,
    /// The cost c.
    pub cost: f64,
}

impl RandomPostedPrice {
    /// The maxmin mechanism for one bidder, from the N = 1 grading.
    pub(crate) fn maxmin(solution: &Solution) -> RandomPostedPrice {
        let cost = solution.cost();
        let guarantee = solution.profit_guarantee();
        let highest_price = match solution.graded_intervals().first() {
            Some(i) if i.start == 0.0 => solution.fully_revealing_value(i.end),
            _ => guarantee + cost,
        };
        RandomPostedPrice {
            guarantee,
            highest_price,
            cost,
        }
    }

    /// The must-sell mechanism for one bidder: the price v_lo, always accepted.
    pub(crate) fn must_sell(solution: &Solution) -> RandomPostedPrice {
        let cost = solution.cost();
        let v_lo = solution.prior().support().0;
        RandomPostedPrice {
            guarantee: v_lo - cost,
            highest_price: v_lo,
            cost,
        }
    }

    /// The lowest price R + c.
    pub fn lowest_price(&self) -> f64 {
        self.guarantee + self.cost
    }

    fn spread(&self) -> f64 {
        ((self.highest_price - self.cost) / self.guarantee).ln()
    }

    /// The probability of sale to a buyer who reports willingness to pay w.
    pub fn allocation(&self, w: f64) -> f64 {
        if w >= self.highest_price {
            1.0
        } else if w < self.lowest_price() {
            0.0
        } else {
            ((w - self.cost) / self.guarantee).ln() / self.spread()
        }
    }

    /// The dual multiplier lambda(v) = (min(v - c, xbar) - R) / ln(xbar / R): the
    /// concave minorant of the expected profit from a buyer whose expected value is
    /// v, with `E_H[lambda]` = R by Du's second condition. As in Proposition 7, the
    /// expectation of lambda under any other prior bounds the profit from below.
    /// For a deterministic price it is the constant price - c.
    pub fn value_multiplier(&self, v: f64) -> f64 {
        if self.highest_price <= self.lowest_price() {
            return self.highest_price - self.cost;
        }
        let xbar = self.highest_price - self.cost;
        ((v - self.cost).min(xbar) - self.guarantee) / self.spread()
    }

    /// The expected payment of a buyer who reports willingness to pay w.
    pub fn transfer(&self, w: f64) -> f64 {
        if w < self.lowest_price() {
            return 0.0;
        }
        if self.highest_price <= self.lowest_price() {
            return self.highest_price;
        }
        let w = w.min(self.highest_price) - self.cost;
        ((w - self.guarantee) + self.cost * (w / self.guarantee).ln()) / self.spread()
    }
}
