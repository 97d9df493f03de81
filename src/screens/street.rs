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

/// How long the walk along a road is shown (skippable with Space, Enter or Esc; not shown
/// at all with "reduce motion").
const WALK_SECONDS: f64 = 0.9;
/// The most a walk moves on in one frame: a slow frame (a software renderer, or the
/// first frame after the page sat idle, whose clock may still be the last frame's) shows
/// the walk in three steps at least instead of jumping to its end.
const WALK_STEP_SECONDS: f64 = 0.3;

/// A walk being shown: where to, how much of it has been shown, and the clock at the
/// last frame.
#[derive(Clone, Copy)]
struct Walk {
    to: u16,
    shown: f64,
    last: f64,
}

fn draw(mut g: Shared, mut walk: Local<Option<Walk>>) -> Result {
    let ctx = g.ctx()?;
    let lang = g.lang();
    let mut trade = false;
    let now = ctx.input(|i| i.time);
    // On the way: the walk is shown, then she arrives (the rules move her then).
    let mut arrive = None;
    let progress = walk.as_mut().map(|w| {
        w.shown += (now - w.last).clamp(0.0, WALK_STEP_SECONDS);
        w.last = now;
        let t = (w.shown / WALK_SECONDS).clamp(0.0, 1.0) as f32;
        let skip = [Key::Space, Key::Enter, Key::Escape]
            .into_iter()
            .any(|k| ui::pressed(&ctx, k));
        if t >= 1.0 || skip {
            arrive = Some(w.to);
        } else {
            ctx.request_repaint();
        }
        (w.to, t)
    });
    if let Some(to) = arrive {
        *walk = None;
        g.send(Do::Act(Action::Travel { to }));
    }
    let progress = progress.filter(|_| arrive.is_none());
    let reduce_motion = g.settings.prefs.reduce_motion;
    g.day_frame(&ctx, true, true, |g, ui| {
        g.guide(ui, Hint::Street);
        let s = g.session.as_ref()?;
        let st = &s.state();
        let w = st.world.clone();
        let lv = w.lv();
        let d = st.date();
        if let Some(c) = lv.campaigns.iter().find(|c| c.from <= d && d <= c.to) {
            ui.label(
                RichText::new(g.tf("street.campaign", &[("name", c.name.get(lang).to_string())]))
                    .color(ui::red(ui))
                    .strong(),
            );
        }
        let here = lv.places[st.place as usize].name.get(lang).to_string();
        crate::access::unseen_heading(ui, &g.tf("street.heading", &[("place", here.clone())]));
        let h = (ui.available_height() - 120.0).max(260.0);
        let described = g.tf("pic.map", &[("place", here)]);
        let mut act = ui::map::draw(ui, st, lang, h, progress, &described, &|n| {
            g.tf("common.minutes", &[("n", n.to_string())])
        })
        .map(|to| Action::Travel { to });
        ui.label(
            RichText::new(g.t("street.legend"))
                .size(ui::SMALL)
                .color(ui::dim(ui)),
        );
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(g.t("street.walk")).strong());
            for (k, &(to, r)) in w.adj[st.place as usize].iter().enumerate() {
                let route = &lv.routes[r as usize];
                let place = lv.places[to as usize].name.get(lang);
                let label = format!(
                    "{place} ({})",
                    g.tf("common.minutes", &[("n", route.minutes.to_string())])
                );
                // A reader hears what the map shows by colour and number: the walk's risk.
                let risk = crate::rules::engine::stop_chance(st, r as usize, to as usize);
                let named = g.tf(
                    "street.walk_named",
                    &[
                        ("place", place.to_string()),
                        ("min", route.minutes.to_string()),
                        ("risk", format!("{:.0}", risk as f32 / 10.0)),
                    ],
                );
                if ui::key_button_named(ui, ui::digit(k + 1), &label, true, Some(&named)) {
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
        // While she walks, nothing else is chosen.
        if progress.is_some() {
            return None;
        }
        match act {
            Some(Action::Travel { to }) if !reduce_motion => {
                *walk = Some(Walk {
                    to,
                    shown: 0.0,
                    last: now,
                });
                ui.ctx().request_repaint();
                None
            }
            a => a.map(Do::Act),
        }
    });
    if trade {
        g.go(Screen::Place);
    }
    Ok(())
}
