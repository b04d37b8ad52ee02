//! Figure 4 (Section 6.1): profit guarantees for v ~ U[0, 1], c = 0 and N = 1 to 30 —
//! the optimal can-keep guarantee bar Pi_N (dots) and must-sell guarantee hat Pi_N
//! (circles), the first-price auction (gray dots), the best posted price (solid line),
//! Du's (2018) mechanisms (white diamonds), the maxmin auction designed for the
//! exponential prior H(v) = 1 - e^{-v} when the value is in fact uniform (asterisks,
//! Proposition 7), and the ex ante expected value 0.5 that both maxmin guarantees
//! approach (Proposition 6).

use maxmin_asymptotics::{GuaranteeRow, guarantee_sequence, misspecified_guarantee};
use maxmin_compare::{best_posted_price, du_exponential_mechanism, first_price_guarantee};
use maxmin_prior::Prior;
use plotters::coord::Shift;
use plotters::prelude::*;

use crate::Result;
use crate::figure1::uniform_prior;
use crate::number::round;
use crate::plot::{self, AXIS_SIZE, FONT, LABEL_SIZE, MARK_GRAY, Marker, MarkerShape, TITLE_SIZE};
use crate::table::Table;

/// The largest number of bidders.
pub const MAX_BIDDERS: u64 = 30;
/// The rate of the exponential prior the misspecified mechanism is designed for.
pub const DESIGN_RATE: f64 = 1.0;

/// The data behind Figure 4, as the libraries return it (rounded when written or drawn,
/// so that the SVG shows exactly the CSV's numbers; the claims table compares the
/// unrounded values).
pub struct Figure4 {
    /// One row per number of bidders, N = 1 to 30.
    pub rows: Vec<Row>,
    /// The best posted price (1/4 for this prior).
    pub posted_price: f64,
}

/// The guarantees for one number of bidders.
pub struct Row {
    /// N.
    pub bidders: u64,
    /// bar Pi_N, the optimal can-keep guarantee.
    pub profit_guarantee: f64,
    /// hat Pi_N, the optimal must-sell guarantee.
    pub must_sell_guarantee: f64,
    /// The first-price auction's guarantee.
    pub first_price: f64,
    /// The best posted price's guarantee (the same for every N).
    pub posted_price: f64,
    /// The guarantee of Du's (2018) exponential mechanism.
    pub du: f64,
    /// bar Pi_N(H, H'): the maxmin auction designed for H(v) = 1 - e^{-v}, evaluated
    /// under the true U[0, 1] (Proposition 7).
    pub misspecified: f64,
    /// The ex ante gains E(v) - c = 0.5.
    pub ex_ante_gains: f64,
    /// sqrt(N) (E(v) - c - bar Pi_N), which tends to 1/(2 sqrt(pi)) (Proposition 6).
    pub scaled_gap: f64,
}

/// Computes every guarantee of Figure 4.
pub fn compute() -> Result<Figure4> {
    let uniform = uniform_prior()?;
    let design = Prior::exponential(DESIGN_RATE)?;
    let bidders: Vec<u64> = (1..=MAX_BIDDERS).collect();
    let sequence: Vec<GuaranteeRow> = guarantee_sequence(&uniform, 0.0, &bidders, |_| {})?;
    let posted = best_posted_price(&uniform, 0.0)?;
    let posted_price = posted
        .price
        .ok_or("selling beats keeping the good under U[0, 1]")?;
    let mut rows = Vec::with_capacity(sequence.len());
    for g in &sequence {
        let n = g.bidders;
        rows.push(Row {
            bidders: n,
            profit_guarantee: g.profit_guarantee,
            must_sell_guarantee: g.must_sell_guarantee,
            first_price: first_price_guarantee(&uniform, n, 0.0)?,
            posted_price: posted.guarantee,
            du: du_exponential_mechanism(&uniform, n, 0.0)?.guarantee,
            misspecified: misspecified_guarantee(&design, &uniform, n, 0.0)?,
            ex_ante_gains: g.ex_ante_gains,
            scaled_gap: g.scaled_gap,
        });
    }
    Ok(Figure4 { rows, posted_price })
}

/// The CSV's columns and the markdown table's headers.
const COLUMNS: [(&str, &str); 9] = [
    ("N", "N"),
    ("bar_Pi", "Π̄_N (can keep)"),
    ("hat_Pi", "Π̂_N (must sell)"),
    ("first_price", "first price"),
    ("posted_price", "posted price"),
    ("du_2018", "Du (2018)"),
    ("misspecified_exponential", "designed for 1 − e^(−v)"),
    ("ex_ante_value", "E[v]"),
    ("scaled_gap", "√N (E[v] − Π̄_N)"),
];

impl Figure4 {
    fn table_with(&self, header: fn(&(&'static str, &'static str)) -> &'static str) -> Table {
        let names: Vec<&str> = COLUMNS.iter().map(header).collect();
        let mut t = Table::new(&names);
        for r in &self.rows {
            t.push(vec![
                r.bidders.into(),
                r.profit_guarantee.into(),
                r.must_sell_guarantee.into(),
                r.first_price.into(),
                r.posted_price.into(),
                r.du.into(),
                r.misspecified.into(),
                r.ex_ante_gains.into(),
                r.scaled_gap.into(),
            ]);
        }
        t
    }

    /// The plotted data as a table (figure-4.csv), with the scaled gap of Proposition 6.
    pub fn table(&self) -> Table {
        self.table_with(|c| c.0)
    }

    /// docs/tables/figure-4.md.
    pub fn markdown(&self) -> String {
        format!(
            "# Figure 4: profit guarantees, v ~ U[0, 1], c = 0\n\n\
             The data of [Figure 4](../figures/figure-4.svg) (Section 6.1), from\n\
             `maxmin_asymptotics::guarantee_sequence` (Π̄_N, Π̂_N and the scaled gap),\n\
             `maxmin_compare` (first price, the best posted price at price {}, Du's\n\
             exponential mechanism) and `maxmin_asymptotics::misspecified_guarantee` (the\n\
             maxmin auction designed for H(v) = 1 − e^(−v) when v ~ U[0, 1], Proposition 7).\n\
             The last column tends to 1/(2√π) = 0.2820947918 (Proposition 6).\n\n{}",
            crate::number::render(self.posted_price),
            self.table_with(|c| c.1).to_markdown()
        )
    }

    /// The figure (figure-4.svg): the guarantees against N, with the legend beside.
    pub fn svg(&self) -> Result<String> {
        plot::svg_document((1200, 640), "figure-4.csv", |root| {
            let (chart_area, legend_area) = root.split_horizontally(860);
            self.draw_chart(&chart_area)?;
            draw_legend(&legend_area)
        })
    }

    fn draw_chart(&self, area: &DrawingArea<SVGBackend<'_>, Shift>) -> Result<()> {
        let n_max = MAX_BIDDERS as f64 + 1.0;
        let mut chart = ChartBuilder::on(area)
            .caption("Profit guarantees, v ~ U[0, 1], c = 0", (FONT, TITLE_SIZE))
            .margin(14)
            .x_label_area_size(58)
            .y_label_area_size(72)
            .build_cartesian_2d(0.0..n_max, 0.0..0.55)?;
        chart
            .configure_mesh()
            .x_desc("number of bidders N")
            .y_desc("profit guarantee")
            .axis_desc_style((FONT, AXIS_SIZE))
            .label_style((FONT, LABEL_SIZE))
            .x_labels(7)
            .y_labels(12)
            .x_label_formatter(&|x| format!("{x:.0}"))
            .y_label_formatter(&|y| format!("{y:.2}"))
            .light_line_style(WHITE)
            .bold_line_style(RGBColor(230, 230, 230))
            .draw()?;
        let gains = self.rows.first().map_or(0.5, |r| round(r.ex_ante_gains));
        chart.draw_series(DashedLineSeries::new(
            [(0.0, gains), (n_max, gains)],
            10,
            6,
            plot::solid(MARK_GRAY, 2),
        ))?;
        let posted = self.rows.first().map_or(0.0, |r| round(r.posted_price));
        chart.draw_series(LineSeries::new(
            [(0.0, posted), (n_max, posted)],
            plot::solid(BLACK, 2),
        ))?;
        let series: [(MarkerShape, Column); 5] = [
            (MarkerShape::GrayDot, |r| r.first_price),
            (MarkerShape::Diamond, |r| r.du),
            (MarkerShape::Asterisk, |r| r.misspecified),
            (MarkerShape::Circle, |r| r.must_sell_guarantee),
            (MarkerShape::Dot, |r| r.profit_guarantee),
        ];
        for (shape, value) in series {
            chart.draw_series(self.rows.iter().map(|r| Marker {
                at: (r.bidders as f64, round(value(r))),
                shape,
            }))?;
        }
        Ok(())
    }
}

/// One plotted column of a [`Row`].
type Column = fn(&Row) -> f64;

/// The legend, beside the chart: each entry's marker or line sample, then its text.
fn draw_legend(area: &DrawingArea<SVGBackend<'_>, Shift>) -> Result<()> {
    let entries: [(Sample, &str); 7] = [
        (Sample::Marker(MarkerShape::Dot), "Π̄_N: maxmin, can keep"),
        (
            Sample::Marker(MarkerShape::Circle),
            "Π̂_N: maxmin, must sell",
        ),
        (Sample::Marker(MarkerShape::Diamond), "Du (2018) mechanisms"),
        (
            Sample::Marker(MarkerShape::Asterisk),
            "maxmin for H(v) = 1 − e⁻ᵛ",
        ),
        (Sample::Marker(MarkerShape::GrayDot), "first-price auction"),
        (Sample::Line(false), "best posted price (at 1/4)"),
        (Sample::Line(true), "E[v] = 0.5, the limit"),
    ];
    let top = 90;
    let spacing = 36;
    for (k, (sample, text)) in entries.iter().enumerate() {
        let y = top + spacing * k as i32;
        match sample {
            Sample::Marker(shape) => area.draw(&Marker {
                at: (22, y),
                shape: *shape,
            })?,
            Sample::Line(false) => area.draw(&PathElement::new(
                vec![(6, y), (38, y)],
                plot::solid(BLACK, 2),
            ))?,
            Sample::Line(true) => {
                for x in [6, 24] {
                    area.draw(&PathElement::new(
                        vec![(x, y), (x + 12, y)],
                        plot::solid(MARK_GRAY, 2),
                    ))?;
                }
            }
        }
        area.draw(&Text::new(
            text.to_string(),
            (50, y - 9),
            (FONT, LABEL_SIZE),
        ))?;
    }
    Ok(())
}

/// What a legend entry shows before its text.
enum Sample {
    Marker(MarkerShape),
    /// A line, dashed or not.
    Line(bool),
}
