//! The evening: the day's ledger, the family fed or not, what the phone holds.

use super::shared::Shared;
use super::*;
use crate::rules::*;
use crate::ui;
use bevy_egui::egui::{self, Key, RichText};

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        EguiPrimaryContextPass,
        draw.in_set(Pass::Screen).run_if(on(Screen::Evening)),
    );
}

fn draw(mut g: Shared) -> Result {
    let ctx = g.ctx()?;
    let mut next = false;
    g.day_frame(&ctx, true, false, |g, ui| {
        let s = g.session.as_ref()?;
        let l = s.evening.unwrap_or_default();
        ui::heading(
            ui,
            &format!(
                "{} — {} {}",
                g.t("evening.heading"),
                g.t("common.day"),
                l.day + 1
            ),
        );
        ui.add_space(8.0);
        egui::Grid::new("ledger")
            .num_columns(2)
            .spacing([40.0, 8.0])
            .show(ui, |ui| {
                for (k, v, sign) in [
                    ("evening.sales", l.sales, 1),
                    ("evening.purchases", l.purchases, -1),
                    ("evening.food", l.food, -1),
                    ("evening.topup", l.topup, -1),
                    ("evening.fees", l.fees, -1),
                    ("evening.bribes", l.bribes, -1),
                    ("evening.fines", l.fines, -1),
                ] {
                    ui.label(g.t(k));
                    let color = if sign > 0 {
                        ui::GREEN
                    } else if v > 0 {
                        ui::RED
                    } else {
                        ui::DIM
                    };
                    ui.label(
                        RichText::new(format!("{}{}", if sign > 0 { "+" } else { "−" }, won(v)))
                            .color(color)
                            .strong(),
                    );
                    ui.end_row();
                }
                ui.label(RichText::new(g.t("evening.worth")).strong());
                ui.label(RichText::new(won(l.net_worth)).strong().size(ui::H2));
                ui.end_row();
            });
        ui.add_space(8.0);
        if l.hungry {
            ui.label(
                RichText::new(g.t("evening.hungry"))
                    .color(ui::RED)
                    .size(ui::H2),
            );
        } else {
            ui.label(RichText::new(g.t("evening.fed")).color(ui::GREEN));
        }
        ui.label(g.tf(
            "evening.phone",
            &[
                ("items", l.items.to_string()),
                ("risky", l.risky_items.to_string()),
                ("trace", l.trace.to_string()),
            ],
        ));
        ui.add_space(14.0);
        next = ui::key_button(ui, Key::Enter, &g.t("evening.next"));
        None
    });
    if next {
        g.go(Screen::Morning);
    }
    Ok(())
}
