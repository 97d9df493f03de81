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
    egui::Frame::new()
        .fill(phone_bg())
        .stroke(egui::Stroke::new(10.0, Color32::from_rgb(60, 60, 64)))
        .corner_radius(26.0)
        .show(ui, |ui| {
            egui::Frame::new()
                .corner_radius(16.0)
                .inner_margin(10.0)
                .show(ui, |ui| {
                    ui.set_min_height(ui.available_height() - 8.0);
                    let v_ = ui.visuals_mut();
                    v_.override_text_color = Some(phone_text());
                    v_.selection.bg_fill = select();
                    v_.selection.stroke = egui::Stroke::new(1.0, Color32::WHITE);
                    if high_contrast() {
                        // The selection is its white edge, on the black screen.
                        v_.widgets.active.bg_stroke = egui::Stroke::new(2.0, Color32::WHITE);
                        v_.widgets.hovered.bg_stroke = egui::Stroke::new(2.0, Color32::WHITE);
                        v_.widgets.inactive.bg_stroke = egui::Stroke::NONE;
                    }
                    v_.widgets.hovered.weak_bg_fill = Color32::from_rgb(40, 50, 70);
                    if !s.phone.present {
                        // No phone: no network, battery or clock that pretend there is one.
                        ui.add_space(40.0);
                        ui.label(RichText::new(t("phone.none")).color(warn()).size(H2));
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
                                    RichText::new(label).size(SMALL).color(phone_text()),
                                )
                                .clicked()
                            {
                                pui.app = app;
                                pui.selected = None;
                            }
                        }
                    });
                    ui.add(egui::Separator::default().spacing(4.0));
                    let h = ui.available_height() - 70.0;
                    egui::ScrollArea::vertical()
                        .max_height(h.max(80.0))
                        .auto_shrink([false, false])
                        .show(ui, |ui| match pui.app {
                            App::Home => home(ui, v, pui),
                            App::Trace => trace(ui, v),
                            App::Prices => prices(ui, v),
                            _ => action = list(ui, v, pui),
                        });
                    ui.add(egui::Separator::default().spacing(4.0));
                    ui.label(
                        RichText::new(t("phone.did"))
                            .size(SMALL)
                            .color(Color32::GRAY),
                    );
                    // (In the evening, not what the phone will do at seven tomorrow.)
                    let now = s.now();
                    let done = v.did.iter().filter(|d| (d.0, d.1) <= now);
                    for &(day, minute, key) in done.rev().take(2) {
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
                });
        });
    action
}

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
                    .color(phone_text()),
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
            if let Some(shot) = s.shots_so_far().next_back().filter(|t| t.day == s.now().0) {
                let text = v.tr.fmt(
                    lang,
                    "phone.last_shot",
                    &[("time", crate::report::clock(shot.minute))],
                );
                ui.label(RichText::new(text).size(SMALL).color(warn()));
                let (r, _) = ui.allocate_exact_size(egui::vec2(10.0, 10.0), egui::Sense::hover());
                ui.painter().circle_filled(r.center(), 4.0, SHOT_RED);
            }
        });
    });
}

fn home(ui: &mut egui::Ui, v: &View, pui: &mut PhoneUi) {
    let hidden = v.s.phone.sd_hidden;
    // Three tiles a row, as wide as the phone allows (narrower at large text sizes).
    let tile_w = ((ui.available_width() - 2.0 * 14.0) / 3.0).clamp(60.0, 86.0);
    egui::Grid::new("apps")
        .spacing([14.0, 14.0])
        .show(ui, |ui| {
            for (i, (app, key, k)) in APPS.iter().enumerate() {
                let count = match app {
                    App::Trace => v.s.shots_so_far().count(),
                    App::Prices => {
                        v.s.notebook
                            .iter()
                            .filter(|n| n.is_some_and(|(d, _)| d == v.s.day))
                            .count()
                    }
                    a => {
                        v.s.phone
                            .items
                            .iter()
                            .filter(|it| {
                                in_app(*a, false, hidden, it)
                                    || (*a == App::Files && in_app(*a, true, hidden, it))
                            })
                            .count()
                    }
                };
                // A tile: the app's icon, its name, how many things are in it, its key.
                let name = v.tr.get(v.lang, key).to_string();
                let (r, resp) =
                    ui.allocate_exact_size(egui::vec2(tile_w, 84.0), egui::Sense::click());
                resp.widget_info(|| {
                    egui::WidgetInfo::labeled(egui::WidgetType::Button, true, &name)
                });
                let lit = resp.hovered() || resp.has_focus();
                let p = ui.painter();
                p.rect_filled(
                    r,
                    12.0,
                    if lit {
                        Color32::from_rgb(58, 80, 122)
                    } else {
                        TILE
                    },
                );
                if resp.has_focus() {
                    p.rect_stroke(
                        r,
                        12.0,
                        egui::Stroke::new(2.0, Color32::WHITE),
                        egui::StrokeKind::Inside,
                    );
                }
                app_icon(
                    p,
                    egui::Rect::from_center_size(
                        r.center_top() + egui::vec2(0.0, 22.0),
                        egui::vec2(30.0, 30.0),
                    ),
                    *app,
                );
                p.text(
                    r.center_top() + egui::vec2(0.0, 42.0),
                    egui::Align2::CENTER_TOP,
                    name,
                    egui::FontId::proportional(SMALL),
                    phone_text(),
                );
                p.text(
                    r.center_bottom() - egui::vec2(0.0, 5.0),
                    egui::Align2::CENTER_BOTTOM,
                    format!("{count} · {}", key_name(ui.ctx(), *k)),
                    egui::FontId::proportional(SMALL),
                    Color32::LIGHT_GRAY,
                );
                if resp.clicked() {
                    pui.app = *app;
                }
                if i % 3 == 2 {
                    ui.end_row();
                }
            }
        });
}

/// An app's icon, drawn in `r` in the phone's light ink: a person for contacts, a speech
/// bubble for messages, a picture for the gallery, a folder for files, a camera with its red
/// light for the screenshot log, a notebook with a price line for prices.
fn app_icon(p: &egui::Painter, r: egui::Rect, app: App) {
    use egui::{Stroke, pos2, vec2};
    let ink = Color32::from_rgb(226, 232, 244);
    let paper = TILE;
    let line = Stroke::new(2.0, ink);
    let (c, s) = (r.center(), r.width());
    match app {
        App::Home => {}
        App::Contacts => {
            p.circle_filled(c - vec2(0.0, s * 0.16), s * 0.17, ink);
            super::art::dome(p, c + vec2(0.0, s * 0.42), vec2(s * 0.34, s * 0.34), ink);
        }
        App::Messages => {
            let b = egui::Rect::from_center_size(c - vec2(0.0, s * 0.06), vec2(s, s * 0.68));
            p.rect_filled(b, s * 0.2, ink);
            p.add(egui::Shape::convex_polygon(
                vec![
                    b.left_bottom() + vec2(s * 0.2, -2.0),
                    b.left_bottom() + vec2(s * 0.42, -2.0),
                    b.left_bottom() + vec2(s * 0.12, s * 0.2),
                ],
                ink,
                Stroke::NONE,
            ));
            for dx in [-0.22, 0.0, 0.22] {
                p.circle_filled(b.center() + vec2(dx * s, 0.0), s * 0.06, paper);
            }
        }
        App::Gallery => {
            let f = egui::Rect::from_center_size(c, vec2(s, s * 0.8));
            p.rect_filled(f, 3.0, ink);
            let inner = f.shrink(s * 0.08);
            p.rect_filled(inner, 1.0, Color32::from_rgb(120, 156, 196));
            p.add(egui::Shape::convex_polygon(
                vec![
                    inner.left_bottom(),
                    inner.left_bottom() + vec2(inner.width() * 0.38, -inner.height() * 0.7),
                    inner.left_bottom() + vec2(inner.width() * 0.76, 0.0),
                ],
                Color32::from_rgb(70, 104, 84),
                Stroke::NONE,
            ));
            p.circle_filled(
                inner.right_top() + vec2(-inner.width() * 0.22, inner.height() * 0.3),
                s * 0.09,
                Color32::from_rgb(246, 222, 140),
            );
        }
        App::Files => {
            let body = egui::Rect::from_min_max(
                pos2(r.left(), r.top() + s * 0.22),
                pos2(r.right(), r.bottom() - s * 0.08),
            );
            p.rect_filled(
                egui::Rect::from_min_size(
                    pos2(r.left(), r.top() + s * 0.1),
                    vec2(s * 0.42, s * 0.2),
                ),
                3.0,
                ink,
            );
            p.rect_filled(body, 3.0, ink);
            p.line_segment(
                [
                    body.left_top() + vec2(s * 0.1, s * 0.18),
                    body.right_top() + vec2(-s * 0.1, s * 0.18),
                ],
                Stroke::new(1.5, paper),
            );
        }
        App::Trace => {
            // The camera that watches her screen, its light on.
            let body = egui::Rect::from_center_size(c + vec2(0.0, s * 0.06), vec2(s, s * 0.62));
            p.rect_filled(
                egui::Rect::from_center_size(
                    body.center_top() + vec2(-s * 0.1, -s * 0.04),
                    vec2(s * 0.34, s * 0.16),
                ),
                2.0,
                ink,
            );
            p.rect_filled(body, 4.0, ink);
            p.circle_filled(body.center(), s * 0.2, paper);
            p.circle_stroke(body.center(), s * 0.12, line);
            p.circle_filled(
                body.right_top() + vec2(-s * 0.12, s * 0.12),
                s * 0.07,
                SHOT_RED,
            );
        }
        App::Prices => {
            let page = egui::Rect::from_center_size(c, vec2(s * 0.8, s));
            p.rect_filled(page, 3.0, ink);
            for i in 0..4 {
                let y = page.top() + page.height() * (0.18 + 0.2 * i as f32);
                p.circle_filled(pos2(page.left(), y), s * 0.05, paper);
            }
            p.add(egui::Shape::line(
                vec![
                    page.left_bottom() + vec2(s * 0.14, -s * 0.2),
                    page.left_bottom() + vec2(s * 0.32, -s * 0.42),
                    page.left_bottom() + vec2(s * 0.46, -s * 0.32),
                    page.left_bottom() + vec2(s * 0.66, -s * 0.7),
                ],
                Stroke::new(2.5, green()),
            ));
        }
    }
}

fn item_line(v: &View, it: &Item) -> (String, Color32) {
    let mut name = v.s.item_name(it).get(v.lang).to_string();
    if it.storage == Storage::Sd {
        name = format!("[SD] {name}");
    }
    if it.pending_info.is_some() {
        name = format!("✉ {name}");
    }
    // Risk is a mark as well as a colour.
    if it.flags != 0 {
        name = format!("⚠ {name}");
    }
    let color = if v.found.contains(&it.id) {
        found()
    } else if it.flags != 0 {
        warn()
    } else {
        phone_text()
    };
    (name, color)
}

/// Why an item is risky, in words: "⚠ Risky: a heart next to a name".
fn risk_reasons(v: &View, flags: u8) -> String {
    let why: Vec<&str> = Flag::ALL
        .iter()
        .filter(|f| flags & f.bit() != 0)
        .map(|f| v.tr.get(v.lang, f.key()))
        .collect();
    format!(
        "⚠ {}: {}",
        v.tr.get(v.lang, "phone.risky_because"),
        why.join(", ")
    )
}

fn list(ui: &mut egui::Ui, v: &View, pui: &mut PhoneUi) -> Option<Action> {
    let s = v.s;
    let t = |k: &str| v.tr.get(v.lang, k).to_string();
    let mut action = None;
    if pui.app == App::Files {
        ui.horizontal_wrapped(|ui| {
            ui.selectable_value(
                &mut pui.sd,
                false,
                RichText::new(t("phone.internal")).color(phone_text()),
            );
            ui.selectable_value(
                &mut pui.sd,
                true,
                RichText::new(t("phone.sd")).color(phone_text()),
            );
            let (key, label) = if s.phone.sd_hidden {
                ("phone.show_sd", Action::ShowSd)
            } else {
                ("phone.hide_sd", Action::HideSd)
            };
            if ui
                .small_button(RichText::new(format!("[Ins] {}", t(key))).color(ink()))
                .clicked()
                || (v.keys && pressed(ui.ctx(), Key::Insert))
            {
                action = Some(label);
            }
        });
        if pui.sd && s.phone.sd_hidden {
            ui.label(RichText::new(t("phone.sd_hidden")).color(Color32::GRAY));
            return action;
        }
    }
    let items: Vec<&Item> = s
        .phone
        .items
        .iter()
        .filter(|it| in_app(pui.app, pui.sd, s.phone.sd_hidden, it))
        .collect();
    if items.is_empty() {
        ui.label(RichText::new(t("phone.empty")).color(Color32::GRAY));
        return action;
    }
    // Up and down move the selection (and the list scrolls to it, below).
    let pos = pui
        .selected
        .and_then(|id| items.iter().position(|it| it.id == id));
    let was = pui.selected;
    if v.keys && !pui.renaming {
        // Esc lets go of the selected item first (and only then means "back" to a screen).
        if v.esc_releases
            && pui.selected.is_some()
            && !ui.ctx().egui_wants_keyboard_input()
            && ui.input_mut(|i| i.consume_key(egui::Modifiers::NONE, Key::Escape))
        {
            pui.selected = None;
        }
        if pressed(ui.ctx(), Key::ArrowDown) {
            pui.selected = Some(items[pos.map_or(0, |p| (p + 1).min(items.len() - 1))].id);
        }
        if pressed(ui.ctx(), Key::ArrowUp) {
            pui.selected = Some(items[pos.map_or(0, |p| p.saturating_sub(1))].id);
        }
    }
    for it in items {
        let (name, color) = item_line(v, it);
        let sel = pui.selected == Some(it.id);
        let spec = &s.world.specs[it.spec as usize];
        // The gallery shows each picture, the contacts each person's photo, as a phone does:
        // what is in a picture can be seen. The name wraps beside it (the phone keeps its
        // width).
        let picture = match pui.app {
            App::Gallery => Some(egui::vec2(56.0, 40.0)),
            App::Contacts => Some(egui::vec2(30.0, 30.0)),
            _ => None,
        };
        let resp = if let Some(size) = picture {
            ui.horizontal_top(|ui| {
                let (r, _) = ui.allocate_exact_size(size, egui::Sense::hover());
                let painter = ui.painter_at(r);
                if pui.app == App::Gallery {
                    super::art::thumbnail(
                        &painter,
                        r,
                        it.kind == ItemKind::Video,
                        it.flags,
                        spec.business > 0,
                    );
                } else {
                    painter.rect_filled(r, 15.0, super::art::WALL);
                    super::art::portrait(&painter, r, spec.face, super::art::Mood::Well);
                }
                ui.add(egui::Button::selectable(sel, RichText::new(name).color(color)).wrap())
            })
            .inner
        } else {
            ui.selectable_label(sel, RichText::new(name).color(color))
        };
        if resp.clicked() {
            pui.selected = Some(it.id);
            pui.renaming = false;
            resp.surrender_focus();
        }
        // Chosen by the keyboard: brought into view (issue 31, point 6).
        if sel && was != pui.selected {
            resp.scroll_to_me(None);
        }
        if sel && it.flags != 0 {
            ui.label(
                RichText::new(risk_reasons(v, it.flags))
                    .size(SMALL)
                    .color(warn()),
            );
        }
        // Message threads show their text, as a messaging app does; other items when opened.
        let body = spec.body_for(v.gentle);
        if (sel || it.kind == ItemKind::Thread) && !body.en.is_empty() {
            let text = RichText::new(body.get(v.lang))
                .size(SMALL)
                .color(Color32::LIGHT_GRAY);
            if it.kind == ItemKind::Thread {
                // A message in its bubble, as a messaging app shows it.
                egui::Frame::new()
                    .fill(Color32::from_rgb(46, 50, 58))
                    .corner_radius(egui::CornerRadius {
                        nw: 2,
                        ne: 10,
                        sw: 10,
                        se: 10,
                    })
                    .inner_margin(egui::Margin::symmetric(8, 5))
                    .show(ui, |ui| {
                        ui.label(text);
                    });
            } else {
                ui.label(text);
            }
        }
        // In an inspector's hands the phone is theirs: no buttons of hers.
        if sel && action.is_none() && s.inspection.is_none() {
            action = item_actions(ui, v, pui, it);
        }
        // Opened ([O]), a photo or a video fills the screen: what is in it can be seen (the
        // birthday video's portraits on the wall behind the table, the dancers of a foreign
        // video), drawn large from the gallery's own picture.
        if sel && it.read && matches!(it.kind, ItemKind::Photo | ItemKind::Video) {
            let w = ui.available_width().min(260.0);
            let (r, _) = ui.allocate_exact_size(egui::vec2(w, w * 0.62), egui::Sense::hover());
            super::art::thumbnail(
                &ui.painter_at(r),
                r,
                it.kind == ItemKind::Video,
                it.flags,
                spec.business > 0,
            );
            ui.label(
                RichText::new(v.tr.get(v.lang, "phone.opened"))
                    .size(SMALL)
                    .color(Color32::LIGHT_GRAY),
            );
        }
    }
    action
}

/// What an action chip ("[Delete] Delete") is filled with: light, under the theme's ink.
const CHIP: Color32 = Color32::from_rgb(226, 226, 222);

fn item_actions(ui: &mut egui::Ui, v: &View, pui: &mut PhoneUi, it: &Item) -> Option<Action> {
    let s = v.s;
    let t = |k: &str| v.tr.get(v.lang, k).to_string();
    let mut a = None;
    let keys = v.keys && !pui.renaming;
    let mut btn = |ui: &mut egui::Ui, key: Key, label: &str, act: Action| {
        // A chip tall enough for its letters' descenders, dark on light (about 13:1; the
        // high-contrast theme's ink is black), issue 31, point 5.
        let text = RichText::new(format!("[{}] {label}", key_name(ui.ctx(), key)))
            .size(SMALL)
            .color(ink());
        let r = ui.add(
            egui::Button::new(text)
                .fill(CHIP)
                .min_size(egui::vec2(0.0, SMALL + 10.0)),
        );
        if r.clicked() {
            // A clicked phone button must not keep the keyboard: Enter belongs to the screen.
            r.surrender_focus();
        }
        if r.clicked() || (keys && pressed(ui.ctx(), key)) {
            a = Some(act);
        }
    };
    ui.horizontal_wrapped(|ui| {
        let id = it.id;
        if it.pending_info.is_some() {
            btn(
                ui,
                Key::W,
                &t("phone.forward"),
                Action::Forward { item: id },
            );
            btn(ui, Key::K, &t("phone.keep"), Action::Keep { item: id });
        }
        // Contacts and messages show all they hold already: nothing to open.
        if !matches!(it.kind, ItemKind::Contact | ItemKind::Thread) {
            btn(ui, Key::O, &t("phone.read"), Action::Read { item: id });
        }
        btn(
            ui,
            Key::Delete,
            &t("phone.delete"),
            Action::Delete { item: id },
        );
        if it.has(Flag::Heart) {
            btn(
                ui,
                Key::J,
                &t("phone.heart"),
                Action::RemoveHeart { item: id },
            );
        }
        if matches!(it.kind, ItemKind::Photo | ItemKind::Video | ItemKind::File) {
            if it.storage == Storage::Internal {
                btn(ui, Key::U, &t("phone.to_sd"), Action::MoveToSd { item: id });
            } else {
                btn(
                    ui,
                    Key::U,
                    &t("phone.to_internal"),
                    Action::MoveToInternal { item: id },
                );
            }
        }
        if it.kind == ItemKind::Contact && s.world.spec_knows[it.spec as usize].is_some() {
            btn(ui, Key::Y, &t("phone.call"), Action::Call { contact: id });
        }
    });
    if it.kind == ItemKind::Contact {
        ui.horizontal(|ui| {
            // A chip like the item's others, tall enough for its letters.
            let opened = !pui.renaming
                && (ui
                    .add(
                        egui::Button::new(
                            RichText::new(format!("[N] {}", t("phone.rename")))
                                .size(SMALL)
                                .color(ink()),
                        )
                        .fill(CHIP)
                        .min_size(egui::vec2(0.0, SMALL + 10.0)),
                    )
                    .clicked()
                    || (keys && pressed(ui.ctx(), Key::N)));
            if opened {
                pui.renaming = true;
                pui.select_name = true;
                pui.rename = s.item_name(it).get(v.lang).to_string();
            }
            if pui.renaming {
                let mut out = egui::TextEdit::singleline(&mut pui.rename)
                    .id_salt("rename")
                    .desired_width(150.0)
                    .text_color(ink())
                    .show(ui);
                // The old name is selected when the field opens: what is typed replaces it.
                // (egui keeps a selection only in a focused field: the frame after the focus.)
                let id = out.response.id;
                if pui.select_name && ui.memory(|m| m.has_focus(id)) {
                    pui.select_name = false;
                    let all = egui::text::CCursorRange::two(
                        egui::text::CCursor::new(0),
                        egui::text::CCursor::new(pui.rename.chars().count()),
                    );
                    out.state.cursor.set_char_range(Some(all));
                    out.state.store(ui.ctx(), id);
                }
                let r = out.response;
                r.request_focus();
                // The Enter (or Esc) that ends the rename is the field's alone.
                let none = egui::Modifiers::NONE;
                if ui.input_mut(|i| i.consume_key(none, Key::Enter)) {
                    a = Some(Action::Rename {
                        item: it.id,
                        name: pui.rename.clone(),
                    });
                    pui.renaming = false;
                }
                if ui.input_mut(|i| i.consume_key(none, Key::Escape)) {
                    pui.renaming = false;
                }
                if !pui.renaming {
                    // The keyboard goes back to the screen: the next Enter goes on (out),
                    // not to a button that took the focus.
                    r.surrender_focus();
                    ui.memory_mut(|m| m.stop_text_input());
                }
            }
        });
    }
    a
}

fn trace(ui: &mut egui::Ui, v: &View) {
    let s = v.s;
    ui.label(
        RichText::new(v.tr.get(v.lang, "phone.trace_note"))
            .size(SMALL)
            .color(Color32::GRAY),
    );
    if s.shots_so_far().next().is_none() {
        ui.label(RichText::new(v.tr.get(v.lang, "phone.empty")).color(Color32::GRAY));
    }
    for shot in s.shots_so_far().rev().take(40) {
        let name = s.world.specs[shot.spec as usize].name.get(v.lang);
        let color = if shot.flags != 0 {
            warn()
        } else {
            phone_text()
        };
        let risky = if shot.flags != 0 {
            format!("  ⚠ {}", v.tr.get(v.lang, "phone.risky"))
        } else {
            String::new()
        };
        ui.label(
            RichText::new(format!(
                "{} {:02}:{:02}  {name}{risky}",
                v.tr.day(v.lang, shot.day as usize + 1),
                shot.minute / 60,
                shot.minute % 60
            ))
            .size(SMALL)
            .color(color),
        );
    }
}

fn prices(ui: &mut egui::Ui, v: &View) {
    let s = v.s;
    let w = &s.world;
    let lv = w.lv();
    // One good, then each price known today on its own wrapped line: the phone is narrow.
    for g in 0..w.n_goods {
        let known: Vec<String> = (0..w.n_places)
            .filter_map(|p| {
                s.notebook[p * w.n_goods + g]
                    .filter(|(d, _)| *d == s.day)
                    .map(|(_, won)| {
                        format!(
                            "{} {}",
                            lv.places[p].name.get(v.lang),
                            crate::rules::won(won)
                        )
                    })
            })
            .collect();
        if known.is_empty() {
            continue;
        }
        ui.label(
            RichText::new(lv.goods[g].name.get(v.lang))
                .strong()
                .color(phone_text()),
        );
        for line in known {
            ui.add(
                egui::Label::new(
                    RichText::new(format!("  {line}"))
                        .size(SMALL)
                        .color(phone_text()),
                )
                .wrap(),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One windowless egui frame of `add_contents` over the root, with the game's fonts
    /// and look in place (set before a first pass, as the game does: egui's own fonts are
    /// not compiled in). No renderer here: the font atlas is dropped unused.
    fn run(input: egui::RawInput, add_contents: impl FnMut(&mut egui::Ui)) -> egui::FullOutput {
        let ctx = egui::Context::default();
        super::super::setup(&ctx);
        ctx.run_ui(egui::RawInput::default(), |_| {})
            .textures_delta
            .clear();
        let mut out = ctx.run_ui(input, add_contents);
        out.textures_delta.clear();
        out
    }

    /// The phone of `s` as the player holds it, in English, keys live.
    fn view<'a>(s: &'a GameState, tr: &'a Tr) -> View<'a> {
        View {
            s,
            tr,
            lang: Lang::En,
            found: &[],
            did: &[],
            keys: true,
            gentle: true,
            clock: s.minute,
            esc_releases: true,
        }
    }

    /// One frame of the phone with `key` pressed; returns what it chose, and whether the
    /// key was still there for the screen after the phone had its turn.
    fn frame(s: &GameState, pui: &mut PhoneUi, key: Key) -> (Option<Action>, bool) {
        frame_with(s, pui, key, true)
    }

    fn frame_with(
        s: &GameState,
        pui: &mut PhoneUi,
        key: Key,
        esc_releases: bool,
    ) -> (Option<Action>, bool) {
        let tr = Tr::load();
        let input = egui::RawInput {
            events: vec![egui::Event::Key {
                key,
                physical_key: None,
                pressed: true,
                repeat: false,
                modifiers: egui::Modifiers::NONE,
            }],
            ..Default::default()
        };
        let (mut act, mut left) = (None, false);
        run(input, |root| {
            egui::CentralPanel::default().show(root, |ui| {
                act = draw(
                    ui,
                    &View {
                        esc_releases,
                        ..view(s, &tr)
                    },
                    pui,
                );
                left = pressed(ui.ctx(), key);
            });
        });
        (act, left)
    }

    /// The phone's width when drawn in `width` points with this app open.
    fn drawn_width(s: &GameState, pui: &mut PhoneUi, width: f32) -> f32 {
        let tr = Tr::load();
        let mut w = 0.0;
        let input = egui::RawInput {
            screen_rect: Some(egui::Rect::from_min_size(
                egui::Pos2::ZERO,
                egui::vec2(1280.0, 720.0),
            )),
            ..Default::default()
        };
        // As the screens of the day draw it: a panel of fixed width at the right.
        run(input, |root| {
            egui::Panel::right("phone")
                .exact_size(width)
                .resizable(false)
                .show(root, |ui| {
                    draw(ui, &view(s, &tr), pui);
                    w = ui.min_rect().width();
                });
        });
        w
    }

    /// The Prices app with every price known, and the Files app with the SD card's row,
    /// stay inside a narrow phone (they pushed the panel past the window's edge).
    #[test]
    fn prices_and_files_stay_inside_the_phone() {
        let mut s = game();
        let n = s.world.n_goods;
        for place in 0..s.world.n_places {
            for good in 0..n {
                s.notebook[place * n + good] = Some((s.day, 123_456));
            }
        }
        for app in [App::Prices, App::Files] {
            let mut pui = PhoneUi {
                app,
                sd: true,
                ..Default::default()
            };
            let w = drawn_width(&s, &mut pui, 300.0);
            assert!(
                w <= 301.0,
                "{app:?} drawn {w} points wide in a 300-point phone"
            );
        }
    }

    /// Every text the phone draws in one frame.
    fn texts(s: &GameState, pui: &mut PhoneUi) -> Vec<String> {
        let tr = Tr::load();
        let out = run(egui::RawInput::default(), |root| {
            egui::CentralPanel::default().show(root, |ui| {
                draw(ui, &view(s, &tr), pui);
            });
        });
        out.shapes
            .iter()
            .filter_map(|c| match &c.shape {
                egui::Shape::Text(t) => Some(t.galley.text().to_string()),
                _ => None,
            })
            .collect()
    }

    /// A selection moved with the keyboard is scrolled into view (issue 31, point 6): in a
    /// short window, Down to the last contact leaves it drawn inside the phone's list.
    #[test]
    fn the_keyboard_selection_is_scrolled_into_view() {
        let s = game();
        let tr = Tr::load();
        let ctx = egui::Context::default();
        super::super::setup(&ctx);
        let mut pui = PhoneUi {
            app: App::Contacts,
            ..Default::default()
        };
        let screen = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(320.0, 360.0));
        let contacts = s
            .phone
            .items
            .iter()
            .filter(|it| it.kind == ItemKind::Contact)
            .count();
        let last_name = s
            .phone
            .items
            .iter()
            .rfind(|it| it.kind == ItemKind::Contact)
            .map(|it| s.item_name(it).en.clone())
            .unwrap();
        let mut seen = None;
        for frame in 0..contacts + 4 {
            let events = if frame > 0 && frame <= contacts {
                vec![egui::Event::Key {
                    key: Key::ArrowDown,
                    physical_key: None,
                    pressed: true,
                    repeat: false,
                    modifiers: egui::Modifiers::NONE,
                }]
            } else {
                Vec::new()
            };
            let input = egui::RawInput {
                screen_rect: Some(screen),
                time: Some(frame as f64 * 0.5),
                events,
                ..Default::default()
            };
            let mut out = ctx.run_ui(input, |root| {
                egui::CentralPanel::default().show(root, |ui| {
                    draw(ui, &view(&s, &tr), &mut pui);
                });
            });
            out.textures_delta.clear();
            seen = out.shapes.iter().find_map(|c| match &c.shape {
                egui::Shape::Text(t) if t.galley.text().ends_with(&last_name) => {
                    Some((t.visual_bounding_rect(), c.clip_rect))
                }
                _ => None,
            });
        }
        let (at, clip) = seen.expect("the last contact is drawn");
        assert!(
            clip.contains_rect(at) || clip.intersect(at).height() >= at.height() * 0.9,
            "the selected contact at {at:?} is outside the list's view {clip:?}"
        );
        assert_eq!(
            pui.selected
                .and_then(|id| s.item(id))
                .map(|it| s.item_name(it).en.clone()),
            Some(last_name)
        );
    }

    /// With no phone, nothing pretends there is one: no network, battery or clock, only
    /// that the phone is gone (issue 31, point 9).
    #[test]
    fn no_phone_shows_no_signal_or_battery() {
        let mut s = game();
        let shown = texts(&s, &mut PhoneUi::default());
        assert!(shown.iter().any(|t| t.contains("Koryolink")), "{shown:?}");
        s.phone.present = false;
        let shown = texts(&s, &mut PhoneUi::default());
        assert!(
            !shown
                .iter()
                .any(|t| t.contains("Koryolink") || t.contains('%') || t.contains(':')),
            "{shown:?}"
        );
        assert!(!shown.is_empty(), "the phone says it is gone");
    }

    /// Issue 31, point 8: the header's screenshot time is the Trace Viewer's newest line,
    /// and the viewer names each line's day (yesterday's 07:15 above today's 07:03 read as
    /// a clock gone wrong).
    #[test]
    fn the_header_and_the_trace_viewer_agree_on_the_last_screenshot() {
        let mut s = game();
        s.day = 1;
        s.minute = 7 * 60 + 20;
        let spec = s.phone.items[0].spec;
        for (day, minute) in [(0, 7 * 60 + 15), (1, 7 * 60 + 3), (1, 7 * 60 + 13)] {
            s.phone.trace.push(Shot {
                day,
                minute,
                item: 0,
                spec,
                flags: 0,
            });
        }
        let header = texts(&s, &mut PhoneUi::default());
        assert!(
            header.iter().any(|t| t == "screenshot 07:13"),
            "the header shows today's newest shot: {header:?}"
        );
        let viewer = texts(
            &s,
            &mut PhoneUi {
                app: App::Trace,
                ..Default::default()
            },
        );
        let lines: Vec<&String> = viewer.iter().filter(|t| t.starts_with("Day")).collect();
        assert!(
            lines.first().is_some_and(|t| t.starts_with("Day 2 07:13")),
            "the viewer's newest line is the header's, with its day: {viewer:?}"
        );
        assert!(
            lines.iter().any(|t| t.starts_with("Day 1 07:15")),
            "yesterday's shot is labelled with its day: {viewer:?}"
        );
        // In the evening of the second day (the rules have begun the third, whose messages
        // she reads at seven): the evening's shot is the header's, the morning's not shown.
        s.day = 2;
        s.evening = Some(18 * 60 + 32);
        for (day, minute) in [(1, 18 * 60 + 31), (2, 7 * 60)] {
            s.phone.trace.push(Shot {
                day,
                minute,
                item: 0,
                spec,
                flags: 0,
            });
        }
        let header = texts(&s, &mut PhoneUi::default());
        assert!(
            header.iter().any(|t| t == "screenshot 18:31"),
            "the evening's shot in the header: {header:?}"
        );
        let viewer = texts(
            &s,
            &mut PhoneUi {
                app: App::Trace,
                ..Default::default()
            },
        );
        assert!(
            viewer.iter().any(|t| t.starts_with("Day 2 18:31"))
                && !viewer.iter().any(|t| t.starts_with("Day 3")),
            "the viewer shows the evening's shot, not tomorrow's: {viewer:?}"
        );
    }

    /// WCAG's contrast ratio of two sRGB colours.
    fn contrast(a: Color32, b: Color32) -> f32 {
        let lum = |c: Color32| {
            let ch = |v: u8| {
                let v = v as f32 / 255.0;
                if v <= 0.04045 {
                    v / 12.92
                } else {
                    ((v + 0.055) / 1.055).powf(2.4)
                }
            };
            0.2126 * ch(c.r()) + 0.7152 * ch(c.g()) + 0.0722 * ch(c.b())
        };
        let (x, y) = (lum(a), lum(b));
        (x.max(y) + 0.05) / (x.min(y) + 0.05)
    }

    /// Issue 31, point 5: the action chips of a selected item ("[Delete] Delete",
    /// "[J] Remove ♥") read at 4.5:1 or more on the paper theme and 7:1 on the high-contrast
    /// one, and each chip's fill holds its whole label, descenders and all.
    #[test]
    fn action_chips_are_readable_and_hold_their_letters() {
        use super::super::{HIGH_CONTRAST, PAPER_THEME};
        let paper = contrast(PAPER_THEME.ink, CHIP);
        let high = contrast(HIGH_CONTRAST.ink, CHIP);
        assert!(paper >= 4.5, "paper theme chips at {paper:.2}:1");
        assert!(high >= 7.0, "high-contrast chips at {high:.2}:1");
        let s = game();
        let mut pui = PhoneUi {
            app: App::Contacts,
            selected: Some(id_of(&s, "c-sunok")),
            ..Default::default()
        };
        let tr = Tr::load();
        let out = run(egui::RawInput::default(), |root| {
            egui::CentralPanel::default().show(root, |ui| {
                draw(ui, &view(&s, &tr), &mut pui);
            });
        });
        let chips: Vec<egui::Rect> = out
            .shapes
            .iter()
            .filter_map(|c| match &c.shape {
                egui::Shape::Rect(r) if r.fill == CHIP => Some(r.rect),
                _ => None,
            })
            .collect();
        let labels: Vec<(String, egui::Rect)> = out
            .shapes
            .iter()
            .filter_map(|c| match &c.shape {
                egui::Shape::Text(t) if t.galley.text().starts_with('[') => {
                    Some((t.galley.text().to_string(), t.visual_bounding_rect()))
                }
                _ => None,
            })
            .filter(|(t, _)| t.contains("Delete") || t.contains('♥'))
            .collect();
        assert!(
            labels.iter().any(|(t, _)| t.contains('♥')),
            "Sun-ok's chips include removing the heart: {labels:?}"
        );
        for (text, rect) in &labels {
            assert!(
                chips.iter().any(|c| c.expand(0.5).contains_rect(*rect)),
                "\"{text}\" at {rect:?} is not inside its chip: {chips:?}"
            );
        }
    }

    /// Risk is shown by a mark and in words, not by colour alone: a risky contact's name
    /// carries ⚠, and selecting it says why it is risky.
    #[test]
    fn a_risky_item_says_so_and_why() {
        let s = game();
        let sunok = id_of(&s, "c-sunok");
        let mut pui = PhoneUi {
            app: App::Contacts,
            ..Default::default()
        };
        let shown = texts(&s, &mut pui);
        assert!(shown.iter().any(|t| t.starts_with("⚠ Sun-ok")), "{shown:?}");
        assert!(
            shown.iter().any(|t| t == "Un-hui"),
            "a safe contact has no mark: {shown:?}"
        );
        pui.selected = Some(sunok);
        let shown = texts(&s, &mut pui);
        assert!(
            shown
                .iter()
                .any(|t| t.starts_with("⚠ Risky:") && t.contains("a heart next to a name")),
            "{shown:?}"
        );
    }

    fn game() -> GameState {
        let w = crate::content::load_level("01").expect("level 1");
        new_game(w, &mut new_rng(1)).0
    }

    fn id_of(s: &GameState, level_id: &str) -> u32 {
        s.phone
            .items
            .iter()
            .find(|i| s.world.specs[i.spec as usize].id == level_id)
            .map(|i| i.id)
            .expect("item")
    }

    /// Esc lets go of the selected item, and is used up doing it (it does not also take
    /// the player back from the screen).
    #[test]
    fn escape_lets_go_of_the_selected_item_first() {
        let s = game();
        let mut pui = PhoneUi {
            app: App::Contacts,
            selected: Some(id_of(&s, "c-sunok")),
            ..Default::default()
        };
        let (act, left) = frame(&s, &mut pui, Key::Escape);
        assert_eq!((act, pui.selected), (None, None));
        assert!(!left, "the screen must not see this Esc");
        // With nothing selected, Esc is the screen's.
        let (_, left) = frame(&s, &mut pui, Key::Escape);
        assert!(left);
        // At a trade Esc always leaves the shop, whatever the phone has selected.
        pui.selected = Some(id_of(&s, "c-sunok"));
        let (_, left) = frame_with(&s, &mut pui, Key::Escape, false);
        assert!(left, "at a trade the first Esc is the shop's");
    }

    /// "Open" is for what has something to open: a photo, not a contact.
    #[test]
    fn open_is_offered_only_where_there_is_something_to_open() {
        let s = game();
        let mut pui = PhoneUi {
            app: App::Contacts,
            selected: Some(id_of(&s, "c-sunok")),
            ..Default::default()
        };
        assert_eq!(frame(&s, &mut pui, Key::O).0, None);
        let photo = id_of(&s, "p-family");
        let mut pui = PhoneUi {
            app: App::Gallery,
            selected: Some(photo),
            ..Default::default()
        };
        assert_eq!(
            frame(&s, &mut pui, Key::O).0,
            Some(Action::Read { item: photo })
        );
    }

    /// Each app on the phone's home has a drawn icon of its own; the screenshot log's camera
    /// shows its red light.
    #[test]
    fn every_app_has_its_own_icon() {
        let drawn = |app: App| {
            let ctx = egui::Context::default();
            let mut shapes = Vec::new();
            let mut out = ctx.run_ui(egui::RawInput::default(), |ui| {
                let p = ui.painter();
                let r = egui::Rect::from_min_size(egui::pos2(10.0, 10.0), egui::vec2(30.0, 30.0));
                app_icon(p, r, app);
            });
            out.textures_delta.clear();
            for c in out.shapes {
                shapes.push(format!("{:?}", c.shape));
            }
            shapes
        };
        let icons: Vec<Vec<String>> = APPS.iter().map(|(a, _, _)| drawn(*a)).collect();
        for (i, (app, _, _)) in APPS.iter().enumerate() {
            assert!(icons[i].len() >= 2, "{app:?} has an icon");
            for j in 0..i {
                assert_ne!(icons[i], icons[j], "{app:?} and {:?}", APPS[j].0);
            }
        }
        let trace = icons[APPS.iter().position(|a| a.0 == App::Trace).unwrap()].join(" ");
        assert!(
            trace.contains("#DC_3C_3C"),
            "the red light (220, 60, 60): {trace}"
        );
    }

    /// A screen reader can find the phone's apps: with AccessKit on (as bevy_egui turns it
    /// on for the desktop window), each tile on the home is a button named for its app, in
    /// the player's language.
    #[test]
    fn the_phone_apps_are_buttons_a_screen_reader_can_name() {
        use egui::accesskit::Role;
        let s = game();
        let tr = Tr::load();
        for lang in [Lang::En, Lang::Ko] {
            let ctx = egui::Context::default();
            super::super::setup(&ctx);
            ctx.enable_accesskit();
            let mut pui = PhoneUi::default();
            let mut out = ctx.run_ui(egui::RawInput::default(), |root| {
                egui::CentralPanel::default().show(root, |ui| {
                    draw(
                        ui,
                        &View {
                            lang,
                            ..view(&s, &tr)
                        },
                        &mut pui,
                    );
                });
            });
            out.textures_delta.clear();
            let tree = out
                .platform_output
                .accesskit_update
                .expect("an AccessKit tree");
            let buttons: Vec<String> = tree
                .nodes
                .iter()
                .filter(|(_, n)| n.role() == Role::Button)
                .filter_map(|(_, n)| n.label().map(str::to_string))
                .collect();
            for (_, key, _) in APPS {
                let name = tr.get(lang, key);
                assert!(
                    buttons.iter().any(|b| b == name),
                    "{lang:?}: no button named {name:?} in {buttons:?}"
                );
            }
        }
    }
}
