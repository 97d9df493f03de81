//! The street map: where she can walk, how long it takes, the chance of a stop.

use super::shared::{Hint, Shared};
use super::*;
use crate::rules::*;
use crate::ui;
use bevy_egui::egui::{Key, RichText};

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        EguiPrimaryContextPass,
        draw.in_set(Pass::Screen).run_if(on(Screen::Street)),
    );
}

fn draw(mut g: Shared) -> Result {
    let ctx = g.ctx()?;
    let lang = g.lang();
    let mut trade = false;
    g.day_frame(&ctx, true, true, |g, ui| {
        g.guide(ui, Hint::Street);
        let s = g.session.as_ref()?;
        let st = &s.state;
        let w = st.world.clone();
        let lv = w.lv();
        let d = st.date();
        if let Some(c) = lv.campaigns.iter().find(|c| c.from <= d && d <= c.to) {
            ui.label(
                RichText::new(g.tf("street.campaign", &[("name", c.name.get(lang).to_string())]))
                    .color(ui::RED)
                    .strong(),
            );
        }
        let h = (ui.available_height() - 120.0).max(260.0);
        let mut act = ui::map::draw(ui, st, lang, h).map(|to| Action::Travel { to });
        ui.label(
            RichText::new(g.t("street.legend"))
                .size(ui::SMALL)
                .color(ui::DIM),
        );
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(g.t("street.walk")).strong());
            for (k, &(to, r)) in w.adj[st.place as usize].iter().enumerate() {
                let route = &lv.routes[r as usize];
                let label = format!(
                    "{} ({}′)",
                    lv.places[to as usize].name.get(lang),
                    route.minutes
                );
                if ui::key_button(ui, ui::digit(k + 1), &label) {
                    act = Some(Action::Travel { to });
                }
            }
        });
        ui.horizontal(|ui| {
            let here = &lv.places[st.place as usize];
            let trades =
                !here.prices.is_empty() || here.changer || here.kind == PlaceKind::RepairStall;
            if trades && ui::key_button(ui, Key::P, &g.t("street.trade")) {
                trade = true;
            }
            // Waiting for the market without walking to and fro.
            if st.minute < MARKET_OPEN && ui::key_button(ui, Key::A, &g.t("street.wait_market")) {
                act = Some(Action::Wait {
                    minutes: (MARKET_OPEN - st.minute).min(240),
                });
            }
            if ui::key_button(ui, Key::E, &g.t("street.end_day")) {
                act = Some(Action::EndDay);
            }
        });
        act.map(Do::Act)
    });
    if trade {
        g.go(Screen::Place);
    }
    Ok(())
}
