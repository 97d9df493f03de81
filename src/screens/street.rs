//! The street map: where she can walk, how long it takes, the chance of a stop.

use super::shared::{Hint, Shared, View};
use super::*;
use crate::rules::*;
use crate::ui;
use bevy_egui::egui::{self, Key, RichText};

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Walking>().add_systems(
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

/// The walk being shown, if any (a resource, so that the tour can show one under way).
#[derive(Resource, Default)]
pub struct Walking(Option<Walk>);

impl Walking {
    /// A walk to `to` about to be shown.
    pub fn to(to: u16) -> Walking {
        Walking(Some(Walk {
            to,
            shown: 0.0,
            last: 0.0,
        }))
    }
}

fn draw(mut g: Shared, mut walking: ResMut<Walking>) -> Result {
    let ctx = g.ctx()?;
    let now = ctx.input(|i| i.time);
    // (The tour's picture of a walk: held this far along.)
    let pin = ui::motion::get(&ctx).pin;
    // (A view's own state: no one watches it change.)
    let walk = &mut walking.bypass_change_detection().0;
    // On the way: the walk is shown, then she arrives (the rules move her then).
    let mut arrive = None;
    let progress = walk.as_mut().map(|w| {
        w.shown += (now - w.last).clamp(0.0, WALK_STEP_SECONDS);
        w.last = now;
        let t = match pin {
            Some(f) => return (w.to, f),
            None => (w.shown / WALK_SECONDS).clamp(0.0, 1.0) as f32,
        };
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
    let mut start = None;
    g.day_frame(&ctx, true, true, Some(Hint::Street), |g, ui| {
        let mut chosen = body(ui, &g.view(), progress);
        // The walk is shown first (not with "reduce motion"): she arrives at its end.
        chosen.retain(|d| match d {
            Do::Act(Action::Travel { to }) if !reduce_motion => {
                start = Some(*to);
                ui.ctx().request_repaint();
                false
            }
            _ => true,
        });
        chosen
    });
    if let Some(to) = start {
        *walk = Some(Walk {
            to,
            shown: 0.0,
            last: now,
        });
    }
    Ok(())
}

/// The map and the walks from here ([1]…: to a place, with its minutes and its risk), trade
/// here [P], wait for the market [A], go home and end the day [E]. `progress`: a walk being
/// shown (where to, how far), while which nothing else is chosen.
fn body(ui: &mut egui::Ui, g: &View, progress: Option<(u16, f32)>) -> Vec<Do> {
    let lang = g.lang();
    let Some(s) = g.session else {
        return Vec::new();
    };
    let mut trade = false;
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
        let trades = !here.prices.is_empty() || here.changer || here.kind == PlaceKind::RepairStall;
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
        return Vec::new();
    }
    let trade = trade.then_some(Do::Go(Screen::Place));
    act.map(Do::Act).into_iter().chain(trade).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Tr;
    use crate::screens::shared::{frame, names};
    use crate::session::Session;

    fn press(s: &Session, lang: Lang, walking: bool, keys: &[Key]) -> (Vec<Do>, Vec<String>) {
        let tr = Tr::load();
        let mut st = Settings::default();
        st.prefs.lang = lang;
        st.setup.guide = false;
        let progress = walking.then_some((1, 0.5));
        let mut did = Vec::new();
        let out = frame(keys, true, |ui| {
            did = body(ui, &View::new(&tr, &st, Some(s)), progress);
        });
        (did, names(&out))
    }

    #[test]
    fn the_maps_keys_walk_wait_trade_and_end_the_day() {
        let mut s = Session::new("01", 7).expect("level 1");
        s.close_card(true);
        let (adj, before_market) = {
            let st = s.state();
            (
                st.world.adj[st.place as usize].clone(),
                st.minute < MARKET_OPEN,
            )
        };
        assert!(adj.len() >= 2 && before_market, "home in the morning");
        for (k, &(to, _)) in adj.iter().enumerate().take(9) {
            let (did, _) = press(&s, Lang::En, false, &[ui::digit(k + 1)]);
            assert_eq!(did, vec![Do::Act(Action::Travel { to })], "[{}]", k + 1);
        }
        let (did, _) = press(&s, Lang::En, false, &[Key::E]);
        assert_eq!(did, vec![Do::Act(Action::EndDay)]);
        let (did, _) = press(&s, Lang::Ko, false, &[Key::A]);
        assert!(matches!(did[..], [Do::Act(Action::Wait { .. })]), "{did:?}");
        // Each walk is named with where, how long and its risk; home does not trade.
        let (did, shown) = press(&s, Lang::En, false, &[Key::P]);
        assert!(did.is_empty(), "nothing to trade at home");
        let walks = shown
            .iter()
            .filter(|n| n.starts_with('[') && n.contains('%'))
            .count();
        assert_eq!(walks, adj.len(), "{shown:?}");
        // At the market, [P] trades; while she walks nothing is chosen.
        let market = s
            .state()
            .lv()
            .places
            .iter()
            .position(|p| p.kind == PlaceKind::Market);
        s.stage().place = market.expect("a market") as u16;
        let (did, _) = press(&s, Lang::En, false, &[Key::P]);
        assert_eq!(did, vec![Do::Go(Screen::Place)]);
        let (did, _) = press(&s, Lang::En, true, &[Key::E]);
        assert!(did.is_empty(), "walking");
    }
}
