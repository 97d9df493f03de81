//! The phone, drawn as a phone: status bar, apps, lists, and what it did by itself.

use super::i18n::Tr;
use super::*;
use crate::rules::*;
use bevy::prelude::Resource;
use bevy_egui::egui::Key;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum App {
    #[default]
    Home,
    Contacts,
    Messages,
    Gallery,
    Files,
    Trace,
    Prices,
    /// In an inspector's hands once searched: what they found (no key of hers opens it).
    Found,
}

/// An app tile on the phone's home.
const TILE: Color32 = Color32::from_rgb(44, 62, 96);
/// The light of the phone's own screenshots: the dot under the clock, the camera's light.
const SHOT_RED: Color32 = Color32::from_rgb(220, 60, 60);

pub const APPS: [(App, &str, Key); 6] = [
    (App::Contacts, "phone.contacts", Key::F1),
    (App::Messages, "phone.messages", Key::F2),
    (App::Gallery, "phone.gallery", Key::F3),
    (App::Files, "phone.files", Key::F4),
    (App::Trace, "phone.trace", Key::F5),
    (App::Prices, "phone.notebook", Key::F6),
];

/// What the phone screen shows: the open app, the selected item, a name being typed.
#[derive(Resource, Default, Clone, PartialEq, Debug)]
pub struct PhoneUi {
    pub app: App,
    pub sd: bool,
    pub selected: Option<u32>,
    pub rename: String,
    pub renaming: bool,
    /// The rename field has just opened: its old name is selected once it has the focus.
    pub select_name: bool,
}

/// Whether an app lists an item. A hidden SD card's files are in no list: the phone does
/// not see the card.
fn in_app(app: App, sd: bool, hidden: bool, it: &Item) -> bool {
    if hidden && it.storage == Storage::Sd {
        return false;
    }
    match app {
        App::Contacts => it.kind == ItemKind::Contact,
        App::Messages => it.kind == ItemKind::Thread,
        App::Gallery => matches!(it.kind, ItemKind::Photo | ItemKind::Video),
        App::Files => {
            matches!(
                it.kind,
                ItemKind::File | ItemKind::App | ItemKind::Photo | ItemKind::Video
            ) && (it.storage == Storage::Sd) == sd
        }
        _ => false,
    }
}

pub struct View<'a> {
    pub s: &'a GameState,
    pub tr: &'a Tr,
    pub lang: Lang,
    /// Items an inspector found (drawn as they see them).
    pub found: &'a [u32],
    pub did: &'a [(u16, u16, &'static str)],
    /// Keys for item actions are live (false while another screen owns the keyboard).
    pub keys: bool,
    /// Gentle intensity: texts that describe harm name it instead.
    pub gentle: bool,
    /// The time the phone shows (on the evening screen, when she got home).
    pub clock: u16,
    /// In an inspector's hands (a stop's search): its rim is drawn red.
    pub held: bool,
    /// Esc lets go of the selected item first. Not at a trade: there Esc always leaves the
    /// shop (a first Esc that only let go of the phone left the digits buying, issue 31).
    pub esc_releases: bool,
}

/// Draws the phone; returns the action the player chose on it.
pub fn draw(ui: &mut egui::Ui, v: &View, pui: &mut PhoneUi) -> Option<Action> {
    let s = v.s;
    let t = |k: &str| v.tr.get(v.lang, k).to_string();
    let mut action = None;
    let ctx = ui.ctx().clone();
    if v.keys {
        for (app, _, key) in APPS {
            if pressed(&ctx, key) {
                pui.app = app;
                pui.selected = None;
            }
        }
        if pressed(&ctx, Key::F7) {
            pui.app = App::Home;
        }
    }
    // The body is a rim (a stroke) round the screen's fill: one layer of pixels, not two.
    // While an inspector holds it the rim is the state's red: the phone is theirs now.
    let rim = if v.held {
        Color32::from_rgb(150, 40, 40)
    } else {
        Color32::from_rgb(60, 60, 64)
    };
    let body = egui::Frame::new()
        .fill(phone_bg(ui))
        .stroke(egui::Stroke::new(RIM, rim))
        .corner_radius(26.0)
        .show(ui, |ui| {
            egui::Frame::new()
                .corner_radius(16.0)
                .inner_margin(10.0)
                .show(ui, |ui| {
                    ui.set_min_height(ui.available_height() - 8.0);
                    // (As wide with no phone as with one: the case narrowed to its words.)
                    ui.set_min_width(ui.available_width());
                    let (text, selection) = (phone_text(ui), select(ui));
                    let high = high_contrast(ui.ctx());
                    let v_ = ui.visuals_mut();
                    v_.override_text_color = Some(text);
                    v_.selection.bg_fill = selection;
                    v_.selection.stroke = egui::Stroke::new(1.0, Color32::WHITE);
                    if high {
                        // The selection is its white edge, on the black screen.
                        v_.widgets.active.bg_stroke = egui::Stroke::new(2.0, Color32::WHITE);
                        v_.widgets.hovered.bg_stroke = egui::Stroke::new(2.0, Color32::WHITE);
                        v_.widgets.inactive.bg_stroke = egui::Stroke::NONE;
                    }
                    v_.widgets.hovered.weak_bg_fill = Color32::from_rgb(40, 50, 70);
                    if !s.phone.present {
                        // No phone: no network, battery or clock that pretend there is one.
                        ui.add_space(40.0);
                        ui.label(RichText::new(t("phone.none")).color(warn(ui)).size(H2));
                        return;
                    }
                    status_bar(ui, v);
                    ui.add(egui::Separator::default().spacing(4.0));
                    ui.horizontal_wrapped(|ui| {
                        for (app, key, k) in APPS {
                            let label = format!("{} {}", key_name(ui.ctx(), k), t(key));
                            let sel = pui.app == app;
                            if ui
                                .selectable_label(
                                    sel,
                                    RichText::new(label).size(SMALL).color(phone_text(ui)),
                                )
                                .clicked()
                            {
                                pui.app = app;
                                pui.selected = None;
                            }
                        }
                    });
                    ui.add(egui::Separator::default().spacing(4.0));
                    // (On a short phone, at a large text size, what it did by itself is left
                    // out (the morning lists what it did in the night): at its foot it fell
                    // below the window, and the apps had a sliver.)
                    let compact = ui.available_height() < 300.0;
                    let h = ui.available_height() - if compact { 8.0 } else { 70.0 };
                    egui::ScrollArea::vertical()
                        .max_height(h.max(if compact { 40.0 } else { 80.0 }))
                        .auto_shrink([false, false])
                        .show(ui, |ui| match pui.app {
                            App::Home => home(ui, v, pui),
                            App::Trace => trace(ui, v),
                            App::Prices => prices(ui, v),
                            App::Found => found_app(ui, v),
                            _ => action = list(ui, v, pui),
                        });
                    if compact {
                        return;
                    }
                    did_by_itself(ui, v, &t);
                });
        });
    if s.phone.present {
        moments::draw(ui, v, body.response.rect);
    }
    // In her hand while it is hers (issue 35: an object she holds, not a panel); while an
    // inspector holds it, her hand is gone from it.
    // (Not on a phone too short to hold, at a large text size: the hand's a size with the
    // text and covered its apps.)
    if s.phone.present && !v.held && body.response.rect.height() >= 400.0 {
        crate::ui::art::holding_phone(
            // (In the phone's own layer and clip: one draw more, not a layer of its own.)
            ui.painter(),
            body.response.rect,
            RIM,
        );
    }
    action
}

/// What the phone did by itself, at its foot: the last two things (an earlier day's said so).
fn did_by_itself(ui: &mut egui::Ui, v: &View, t: &dyn Fn(&str) -> String) {
    let s = v.s;
    ui.add(egui::Separator::default().spacing(4.0));
    {
        ui.label(
            RichText::new(t("phone.did"))
                .size(SMALL)
                .color(Color32::GRAY),
        );
    }
    // (In the evening, not what the phone will do at seven tomorrow.)
    let now = s.now();
    let mut done: Vec<_> = v.did.iter().filter(|d| (d.0, d.1) <= now).collect();
    done.sort_by_key(|d| (d.0, d.1));
    for &&(day, minute, key) in done.iter().rev().take(2) {
        // An earlier day says which (two "07:03" lines were two mornings).
        let when = if day == s.now().0 {
            String::new()
        } else {
            format!("{} ", v.tr.day(v.lang, day as usize + 1))
        };
        let line = format!(
            "{when}{:02}:{:02} {}",
            minute / 60,
            minute % 60,
            v.tr.get(v.lang, key)
        );
        ui.label(RichText::new(line).size(SMALL).color(Color32::LIGHT_GRAY));
    }
}

/// The width of the phone's rim round its screen.
const RIM: f32 = 10.0;

/// The phone panel's width (points) beside a window `available` points wide: at large text
/// sizes the phone takes less of the (then narrow) window. The sounds' captions sit inside it.
pub fn panel_width(available: f32, scale: f32) -> f32 {
    if scale > 1.3 {
        (available * 0.42).clamp(250.0, 310.0)
    } else {
        350.0
    }
}

fn status_bar(ui: &mut egui::Ui, v: &View) {
    let (s, clock, lang) = (v.s, v.clock, v.lang);
    // Battery drains with the day's use; it is charged each night.
    let battery = 100u32
        .saturating_sub((clock.saturating_sub(DAY_START) / 12) as u32)
        .max(5);
    ui.horizontal(|ui| {
        ui.label(
            RichText::new(format!("Koryolink  3G ●●●○  {battery}%"))
                .size(SMALL)
                .color(Color32::LIGHT_GRAY),
        );
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            ui.label(
                RichText::new(format!("{:02}:{:02}", clock / 60, clock % 60))
                    .size(SMALL)
                    .strong()
                    .color(phone_text(ui)),
            );
        });
    });
    ui.horizontal(|ui| {
        ui.label(
            RichText::new(s.lv().phone_model.get(lang))
                .size(SMALL)
                .color(Color32::GRAY),
        );
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            // The phone's own screenshots, made visible: a red dot and the time of the
            // latest one today; it changes each time the phone takes one.
            let newest = s.shots_so_far().max_by_key(|t| (t.day, t.minute));
            if let Some(shot) = newest.filter(|t| t.day == s.now().0) {
                let text = v.tr.fmt(
                    lang,
                    "phone.last_shot",
                    &[("time", crate::report::clock(shot.minute))],
                );
                ui.label(RichText::new(text).size(SMALL).color(warn(ui)));
                let (r, _) = ui.allocate_exact_size(egui::vec2(10.0, 10.0), egui::Sense::hover());
                ui.painter().circle_filled(r.center(), 4.0, SHOT_RED);
            }
        });
    });
}

mod apps;
mod items;
mod moments;
#[cfg(test)]
mod tests;

pub use apps::found_lines;
use apps::{found_app, home, prices, trace};
use items::list;
