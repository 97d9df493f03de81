//! The debrief's charts: money, the phone and the family's evenings over the days, each
//! line with its own mark so that the legend reads without colour.

use super::super::shared::View;
use crate::rules::*;
use crate::ui;
use bevy_egui::egui::{self, RichText};

/// Money, risk and the phone's contents over the days, from the ledgers.
pub(super) fn charts(g: &View, ui: &mut egui::Ui, ledgers: &[Ledger]) {
    let by_day = |f: &dyn Fn(&Ledger) -> f64| -> Vec<[f64; 2]> {
        ledgers.iter().map(|l| [l.day as f64 + 1.0, f(l)]).collect()
    };
    ui.label(
        RichText::new(g.t("debrief.l.chart"))
            .size(ui::SMALL)
            .color(ui::dim(ui)),
    );
    let mut money = vec![(
        g.t("debrief.chart.worth"),
        by_day(&|l| l.net_worth as f64),
        ui::blue(ui),
    )];
    if ledgers.iter().any(|l| l.debt > 0) {
        money.push((
            g.t("debrief.legend.debt"),
            by_day(&|l| l.debt as f64),
            ui::red(ui),
        ));
    }
    chart(g, ui, &money);
    ui.label(
        RichText::new(g.t("debrief.chart.family"))
            .size(ui::SMALL)
            .color(ui::dim(ui)),
    );
    family_evenings(g, ui, ledgers);
    ui.label(
        RichText::new(g.t("debrief.chart.phone"))
            .size(ui::SMALL)
            .color(ui::dim(ui)),
    );
    chart(
        g,
        ui,
        &[
            (
                g.t("debrief.legend.risky"),
                by_day(&|l| l.risky_items as f64),
                ui::red(ui),
            ),
            (
                g.t("debrief.legend.items"),
                by_day(&|l| l.items as f64),
                ui::blue(ui),
            ),
            (
                g.t("debrief.legend.shots"),
                by_day(&|l| l.trace as f64),
                ui::dim(ui),
            ),
        ],
    );
}

/// A small line chart by day, drawn with egui's shapes: each line also has its own mark
/// (circle, square, triangle) at every day, so that the legend reads without colour; the
/// value of the day under the pointer is shown in words.
fn chart(g: &View, ui: &mut egui::Ui, lines: &[(String, Vec<[f64; 2]>, egui::Color32)]) {
    let font = egui::FontId::proportional(ui::SMALL);
    if lines.len() > 1 {
        ui.horizontal(|ui| {
            for (k, (name, _, color)) in lines.iter().enumerate() {
                let (r, _) = ui.allocate_exact_size(egui::vec2(14.0, 14.0), egui::Sense::hover());
                mark(ui.painter(), k, r.center(), 4.0, *color);
                ui.label(RichText::new(name).size(ui::SMALL).color(ui::ink(ui)));
            }
        });
    }
    let size = egui::vec2(ui.available_width().min(440.0), 120.0);
    let (rect, response) = ui.allocate_exact_size(size, egui::Sense::hover());
    let painter = ui.painter_at(rect.expand(2.0));
    let all = || lines.iter().flat_map(|(_, p, _)| p.iter());
    let (Some(x0), Some(x1)) = (
        all().map(|p| p[0]).reduce(f64::min),
        all().map(|p| p[0]).reduce(f64::max),
    ) else {
        return;
    };
    let y0 = all().map(|p| p[1]).fold(0.0, f64::min);
    let y1 = all().map(|p| p[1]).fold(1.0, f64::max);
    // Room on the left for the values, below for the days.
    let plot = egui::Rect::from_min_max(
        rect.min + egui::vec2(48.0, 6.0),
        rect.max - egui::vec2(8.0, 18.0),
    );
    let at = |p: [f64; 2]| {
        let fx = if x1 > x0 {
            (p[0] - x0) / (x1 - x0)
        } else {
            0.5
        };
        let fy = (p[1] - y0) / (y1 - y0);
        egui::pos2(
            plot.left() + plot.width() * fx as f32,
            plot.bottom() - plot.height() * fy as f32,
        )
    };
    let axis = egui::Stroke::new(1.0, ui::dim(ui));
    painter.line_segment([plot.left_bottom(), plot.right_bottom()], axis);
    painter.line_segment([plot.left_top(), plot.left_bottom()], axis);
    for v in [y0, y1] {
        let y = at([x0, v]).y;
        painter.text(
            egui::pos2(plot.left() - 4.0, y),
            egui::Align2::RIGHT_CENTER,
            compact(v, g.lang()),
            font.clone(),
            ui::dim(ui),
        );
    }
    let days = (x1 - x0).round() as i64;
    let step = (days / 6).max(1);
    // Every `step` days from the first, and the last day always (an axis that stopped at 13
    // of 14 days read as a day missing): in place of a tick too near it.
    let mut ticks: Vec<i64> = (0..=days).step_by(step as usize).collect();
    if ticks.last() != Some(&days) {
        if ticks
            .last()
            .is_some_and(|&t| t > 0 && (days - t) * 2 < step)
        {
            ticks.pop();
        }
        ticks.push(days);
    }
    for d in ticks {
        let x = at([x0 + d as f64, y0]).x;
        painter.text(
            egui::pos2(x, plot.bottom() + 2.0),
            egui::Align2::CENTER_TOP,
            format!("{}", (x0 as i64) + d),
            font.clone(),
            ui::dim(ui),
        );
    }
    for (k, (_, points, color)) in lines.iter().enumerate() {
        let pts: Vec<egui::Pos2> = points.iter().map(|p| at(*p)).collect();
        painter.add(egui::Shape::line(
            pts.clone(),
            egui::Stroke::new(2.0, *color),
        ));
        for p in pts {
            mark(&painter, k, p, 3.0, *color);
        }
    }
    // The day under the pointer, in words.
    if let Some(pos) = response.hover_pos() {
        let day = (x0 + ((pos.x - plot.left()) / plot.width()) as f64 * (x1 - x0)).round();
        let text: Vec<String> = lines
            .iter()
            .filter_map(|(name, points, _)| {
                let p = points.iter().find(|p| p[0] == day)?;
                Some(format!("{name}: {}", compact(p[1], g.lang())))
            })
            .collect();
        if !text.is_empty() {
            let day = g.tf("place.seen_on", &[("day", format!("{day}"))]);
            response.on_hover_text_at_pointer(format!("{day}\n{}", text.join("\n")));
        }
    }
}

/// A line's own mark: circle, square or triangle by its place in the legend.
fn mark(painter: &egui::Painter, k: usize, c: egui::Pos2, r: f32, color: egui::Color32) {
    match k % 3 {
        0 => {
            painter.circle_filled(c, r, color);
        }
        1 => {
            painter.rect_filled(
                egui::Rect::from_center_size(c, egui::vec2(2.0 * r, 2.0 * r)),
                0.0,
                color,
            );
        }
        _ => {
            painter.add(egui::Shape::convex_polygon(
                vec![
                    c + egui::vec2(0.0, -r * 1.2),
                    c + egui::vec2(r * 1.1, r * 0.8),
                    c + egui::vec2(-r * 1.1, r * 0.8),
                ],
                color,
                egui::Stroke::NONE,
            ));
        }
    }
}

/// A chart's value in few characters: 1.2M, 340k, 12.
/// An axis value in few characters, as the language writes large numbers: "753k", "1.2M";
/// in Korean by 만 (ten thousand) and 억 (a hundred million): "75만", "1.2억".
fn compact(v: f64, lang: crate::rules::Lang) -> String {
    let a = v.abs();
    if lang == crate::rules::Lang::Ko {
        return if a >= 1e8 {
            format!("{:.1}억", v / 1e8)
        } else if a >= 1e4 {
            format!("{:.0}만", v / 1e4)
        } else {
            format!("{v:.0}")
        };
    }
    if a >= 1e6 {
        format!("{:.1}M", v / 1e6)
    } else if a >= 1e4 {
        format!("{:.0}k", v / 1e3)
    } else {
        format!("{v:.0}")
    }
}

/// The family's evenings, one column each: how they ate (a full, a half-filled or an
/// empty circle, so that the shape says it without the colour), a cross for a sick child,
/// a mark for a child kept home from school.
fn family_evenings(g: &View, ui: &mut egui::Ui, ledgers: &[Ledger]) {
    let cell = 26.0;
    let width = (cell * ledgers.len() as f32).max(cell);
    let (rect, _) =
        ui.allocate_exact_size(egui::vec2(width, cell * 2.0 + 14.0), egui::Sense::hover());
    let painter = ui.painter_at(rect);
    let r = cell * 0.32;
    for (k, l) in ledgers.iter().enumerate() {
        let x = rect.left() + cell * (k as f32 + 0.5);
        let c = egui::pos2(x, rect.top() + cell * 0.5);
        meal_mark(&painter, c, r, l.meal);
        let below = egui::pos2(x, rect.top() + cell * 1.4);
        if l.sick {
            let d = r * 0.7;
            let s = egui::Stroke::new(3.0, ui::red(ui));
            painter.line_segment([below - egui::vec2(d, 0.0), below + egui::vec2(d, 0.0)], s);
            painter.line_segment([below - egui::vec2(0.0, d), below + egui::vec2(0.0, d)], s);
        } else if l.kept_home {
            let d = r * 0.6;
            let s = egui::Stroke::new(2.0, ui::ink(ui));
            painter.line_segment([below - egui::vec2(d, d), below + egui::vec2(d, d)], s);
            painter.line_segment([below + egui::vec2(-d, d), below + egui::vec2(d, -d)], s);
        }
        painter.text(
            egui::pos2(x, rect.bottom() - 6.0),
            egui::Align2::CENTER_CENTER,
            (l.day + 1).to_string(),
            egui::FontId::proportional(10.0),
            ui::dim(ui),
        );
    }
    // The key, drawn with the same marks.
    ui.horizontal_wrapped(|ui| {
        for (meal, key) in [
            (Meal::Fed, "debrief.legend.fed"),
            (Meal::AteLittle, "debrief.legend.little"),
            (Meal::WentWithout, "debrief.legend.without"),
        ] {
            let (rect, _) = ui.allocate_exact_size(egui::vec2(14.0, 14.0), egui::Sense::hover());
            meal_mark(&ui.painter_at(rect), rect.center(), 5.0, meal);
            ui.label(RichText::new(g.t(key)).size(ui::SMALL));
        }
        ui.label(RichText::new(g.t("debrief.legend.sick_home")).size(ui::SMALL));
    });
}

fn meal_mark(painter: &egui::Painter, c: egui::Pos2, r: f32, meal: Meal) {
    let ring = egui::Stroke::new(2.0, ui::ink(painter));
    match meal {
        Meal::Fed => {
            painter.circle_filled(c, r, ui::green(painter));
            painter.circle_stroke(c, r, ring);
        }
        Meal::AteLittle => {
            // The lower half filled: a bowl half full.
            let pts: Vec<egui::Pos2> = (0..=16)
                .map(|i| {
                    let a = std::f32::consts::PI * i as f32 / 16.0;
                    c + egui::vec2(r * a.cos(), r * a.sin())
                })
                .collect();
            painter.add(egui::Shape::convex_polygon(
                pts,
                ui::amber(painter),
                egui::Stroke::NONE,
            ));
            painter.circle_stroke(c, r, ring);
        }
        Meal::WentWithout => {
            painter.circle_stroke(c, r, egui::Stroke::new(2.0, ui::red(painter)));
        }
    }
}
