//! Screens: one module per screen of a day, a `Screen` state that says which is showing,
//! and one system that draws the current one with egui.

mod day;
mod end;
mod inspection;
mod menu;
pub mod session;

use crate::rules::Event;
use crate::rules::*;
use crate::ui::{self, i18n::Tr, phone::PhoneUi};
use bevy::ecs::system::SystemParam;
use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};
pub use session::Session;

#[derive(States, Default, Clone, Copy, Eq, PartialEq, Hash, Debug)]
pub enum Screen {
    #[default]
    Title,
    Levels,
    Notice,
    Briefing,
    Morning,
    Street,
    Place,
    Inspection,
    Evening,
    Ending,
    Debrief,
    Settings,
    Sources,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Intensity {
    Gentle,
    Full,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum TextSpeed {
    Slow,
    Normal,
    Instant,
}

#[derive(Resource, Clone, Debug, PartialEq)]
pub struct Settings {
    pub lang: Lang,
    pub scale: f32,
    pub facts: bool,
    pub intensity: Intensity,
    pub text_speed: TextSpeed,
    /// No time pressure: text appears at once (the rules' clock never runs on its own).
    pub no_timer: bool,
    pub level: String,
    pub seed: u64,
    /// Facilitator: a class code (fixes the seed for the room) and a shorter session.
    pub class_code: String,
    pub days: Option<u32>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            lang: Lang::En,
            scale: 1.0,
            facts: true,
            intensity: Intensity::Full,
            text_speed: TextSpeed::Normal,
            no_timer: false,
            level: "01".into(),
            seed: 2024,
            class_code: String::new(),
            days: None,
        }
    }
}

/// The title screen's knowledge: levels on disk, a message to show (a save set aside ...),
/// and where Settings and Sources return to.
#[derive(Resource, Default)]
pub struct Menu {
    pub levels: Vec<(String, Level)>,
    /// The fact catalog, for the Sources screen before any game is loaded.
    pub catalog: Option<FactCatalog>,
    pub message: Option<String>,
    pub back_to: Option<Screen>,
    pub bribe: i64,
    pub bribe_currency: Option<Currency>,
    pub qty: u32,
    pub currency: Option<Currency>,
    /// The text being revealed letter by letter, and since when.
    pub reveal: (u64, f64),
    /// The Settings screen's class-code field takes the keyboard next frame.
    pub focus_code: bool,
}

#[derive(SystemParam)]
pub struct Game<'w, 's> {
    pub contexts: EguiContexts<'w, 's>,
    pub session: Option<ResMut<'w, Session>>,
    pub settings: ResMut<'w, Settings>,
    pub tr: Res<'w, Tr>,
    pub phone: ResMut<'w, PhoneUi>,
    pub screen: Res<'w, State<Screen>>,
    pub next: ResMut<'w, NextState<Screen>>,
    pub menu: ResMut<'w, Menu>,
    pub commands: Commands<'w, 's>,
    pub exit: MessageWriter<'w, AppExit>,
}

impl Game<'_, '_> {
    /// The part of `text` shown so far at the player's text speed (all of it with no
    /// time pressure); Space shows the rest at once.
    pub fn reveal(&mut self, ctx: &egui::Context, text: &str) -> String {
        use std::hash::{Hash, Hasher};
        let cps = match (self.settings.no_timer, self.settings.text_speed) {
            (true, _) | (_, TextSpeed::Instant) => return text.to_string(),
            (_, TextSpeed::Slow) => 25.0,
            (_, TextSpeed::Normal) => 70.0,
        };
        let mut h = std::collections::hash_map::DefaultHasher::new();
        text.hash(&mut h);
        let key = h.finish();
        let now = ctx.input(|i| i.time);
        if self.menu.reveal.0 != key {
            self.menu.reveal = (key, now);
        }
        if ui::pressed(ctx, egui::Key::Space) {
            self.menu.reveal.1 = f64::NEG_INFINITY;
        }
        let shown = ((now - self.menu.reveal.1) * cps) as usize;
        let total = text.chars().count();
        if shown >= total {
            return text.to_string();
        }
        ctx.request_repaint();
        text.chars().take(shown).collect()
    }

    pub fn t(&self, key: &str) -> String {
        self.tr.get(self.settings.lang, key).to_string()
    }

    pub fn tf(&self, key: &str, args: &[(&str, String)]) -> String {
        self.tr.fmt(self.settings.lang, key, args)
    }

    pub fn go(&mut self, s: Screen) {
        self.next.set(s);
    }

    /// Applies an action and moves to the screen the result calls for.
    pub fn act(&mut self, a: Action) {
        let screen = *self.screen.get();
        let Some(session) = self.session.as_mut() else {
            return;
        };
        let ev = session.act(a);
        let st = &session.state;
        let to = if st.ending.is_some() {
            Screen::Ending
        } else if st.inspection.is_some() || screen == Screen::Inspection {
            // The inspection screen stays to show the outcome until she continues.
            Screen::Inspection
        } else if ev.iter().any(|e| matches!(e, Event::Evening { .. })) {
            Screen::Evening
        } else {
            screen
        };
        if to != screen {
            self.go(to);
        }
    }
}

pub fn plugin(app: &mut App) {
    app.init_state::<Screen>()
        .init_resource::<Settings>()
        .init_resource::<Menu>()
        .init_resource::<PhoneUi>()
        .insert_resource(Tr::load())
        .add_systems(Startup, menu::find_levels)
        .add_systems(OnEnter(Screen::Morning), crate::platform::autosave)
        .add_systems(EguiPrimaryContextPass, draw)
        .add_systems(Update, crate::platform::expose_screen);
    #[cfg(not(target_arch = "wasm32"))]
    app.add_systems(Update, crate::platform::import_dropped);
}

fn draw(mut g: Game, mut fonts_ready: Local<bool>) -> Result {
    let ctx = g.contexts.ctx_mut()?.clone();
    if !*fonts_ready {
        ui::setup(&ctx);
        *fonts_ready = true;
    }
    ctx.set_zoom_factor(g.settings.scale);
    // Global keys: language and size, anywhere.
    if ui::pressed(&ctx, egui::Key::F9) {
        g.settings.lang = if g.settings.lang == Lang::En {
            Lang::Ko
        } else {
            Lang::En
        };
    }
    if ui::pressed(&ctx, egui::Key::F10) {
        g.settings.scale = (g.settings.scale - 0.25).max(0.75);
    }
    if ui::pressed(&ctx, egui::Key::F11) {
        g.settings.scale = (g.settings.scale + 0.25).min(2.0);
    }
    let screen = *g.screen.get();
    let needs_game = !matches!(
        screen,
        Screen::Title | Screen::Levels | Screen::Notice | Screen::Settings | Screen::Sources
    );
    if needs_game && g.session.is_none() {
        g.go(Screen::Title);
        return Ok(());
    }
    match screen {
        Screen::Title => menu::title(&mut g, &ctx),
        Screen::Levels => menu::levels(&mut g, &ctx),
        Screen::Notice => menu::notice(&mut g, &ctx),
        Screen::Settings => menu::settings(&mut g, &ctx),
        Screen::Sources => menu::sources(&mut g, &ctx),
        Screen::Briefing => day::briefing(&mut g, &ctx),
        Screen::Morning => day::morning(&mut g, &ctx),
        Screen::Street => day::street(&mut g, &ctx),
        Screen::Place => day::place(&mut g, &ctx),
        Screen::Evening => day::evening(&mut g, &ctx),
        Screen::Inspection => inspection::show(&mut g, &ctx),
        Screen::Ending => end::ending(&mut g, &ctx),
        Screen::Debrief => end::debrief(&mut g, &ctx),
    }
    fact_card(&mut g, &ctx);
    Ok(())
}

/// The first time a mechanic is met, its fact card, naming its source.
fn fact_card(g: &mut Game, ctx: &egui::Context) {
    let facts_on = g.settings.facts;
    let lang = g.settings.lang;
    // Read first, write only when something changes: a mutable borrow every frame would
    // mark the session changed every frame (and the page's attributes rewritten with it).
    let Some(id) = g
        .session
        .as_ref()
        .and_then(|s| s.fact_queue.first().cloned())
    else {
        return;
    };
    let world = match g.session.as_ref() {
        Some(s) if facts_on => s.state.world.clone(),
        _ => {
            if let Some(s) = g.session.as_mut() {
                s.fact_queue.clear();
            }
            return;
        }
    };
    let Some(cat) = world.catalog.as_ref() else {
        return;
    };
    let Some(card) = cat.cards.iter().find(|c| c.id == id) else {
        if let Some(s) = g.session.as_mut() {
            s.fact_queue.remove(0);
        }
        return;
    };
    let text = g.reveal(ctx, card.text.get(lang));
    let mut close = false;
    egui::Window::new(g.tr.get(lang, "fact.heading"))
        .collapsible(false)
        .resizable(false)
        .anchor(egui::Align2::CENTER_CENTER, egui::vec2(0.0, 0.0))
        .default_width(520.0)
        .show(ctx, |ui| {
            ui.set_max_width(520.0);
            ui::subheading(ui, card.title.get(lang));
            ui.label(&text);
            ui.add_space(6.0);
            ui.label(
                egui::RichText::new(source_line(&g.tr, lang, cat, card))
                    .size(ui::SMALL)
                    .color(ui::DIM),
            );
            ui.add_space(6.0);
            close = ui::key_button(ui, egui::Key::Space, g.tr.get(lang, "fact.ok"));
        });
    if close && let Some(s) = g.session.as_mut() {
        s.fact_queue.remove(0);
    }
}

pub fn source_line(tr: &Tr, lang: Lang, cat: &FactCatalog, card: &FactCard) -> String {
    let n = card.source.unwrap_or(0);
    let outlet = cat
        .sources
        .iter()
        .find(|s| s.id == n)
        .map_or("?", |s| s.outlet.as_str());
    let reported = if card.reported {
        format!(" · {}", tr.get(lang, "sources.reported"))
    } else {
        String::new()
    };
    format!(
        "{} [{n}] {outlet}{reported}",
        tr.get(lang, "sources.source")
    )
}

/// A fact card as a block of text: title, text, and the source line (Sources, debrief).
pub fn card_block(
    ui: &mut egui::Ui,
    tr: &Tr,
    lang: Lang,
    cat: &FactCatalog,
    card: &FactCard,
    title_size: f32,
) {
    ui.label(
        egui::RichText::new(card.title.get(lang))
            .strong()
            .size(title_size),
    );
    ui.label(card.text.get(lang));
    ui.label(
        egui::RichText::new(source_line(tr, lang, cat, card))
            .size(ui::SMALL)
            .color(ui::DIM),
    );
}

/// The status line at the top of every screen of the day.
pub fn status(g: &Game, ui: &mut egui::Ui) {
    let Some(session) = g.session.as_ref() else {
        return;
    };
    let s = &session.state;
    let lv = s.lv();
    let lang = g.settings.lang;
    let stock: u32 = s.stock.iter().sum();
    ui.horizontal(|ui| {
        ui.label(
            egui::RichText::new(format!(
                "{}  {:02}:{:02}",
                s.date(),
                s.minute / 60,
                s.minute % 60
            ))
            .size(ui::H2)
            .strong(),
        );
        ui.label(
            egui::RichText::new(format!(
                "{} {} {} {}",
                g.t("common.day"),
                s.day + 1,
                g.t("common.of"),
                lv.days
            ))
            .size(ui::BODY),
        );
        ui.separator();
        ui.label(
            egui::RichText::new(lv.places[s.place as usize].name.get(lang))
                .size(ui::BODY)
                .strong(),
        );
        ui.separator();
        ui.label(
            egui::RichText::new(format!(
                "{}   ¥{}   ${}",
                ui::won(s.wallet.won),
                s.wallet.yuan,
                s.wallet.usd
            ))
            .size(ui::BODY)
            .strong(),
        );
        ui.separator();
        ui.label(format!("{stock} kg"));
        if let Some(m) = &g.menu.message {
            ui.separator();
            ui.label(egui::RichText::new(m).color(ui::RED));
        }
        if let [Event::Rejected(r)] = session.last[..] {
            ui.separator();
            ui.label(
                egui::RichText::new(format!("✗ {}", g.t(ui::reject::key(r))))
                    .color(ui::RED)
                    .strong(),
            );
        }
    });
}

/// The phone panel at the right of the screens of the day.
pub fn phone_panel(g: &mut Game, root: &mut egui::Ui, keys: bool) -> Option<Action> {
    let lang = g.settings.lang;
    let session = g.session.as_ref()?;
    let found: Vec<u32> = session
        .state
        .inspection
        .as_ref()
        .map(|i| i.found_items.clone())
        .unwrap_or_default();
    let view = ui::phone::View {
        s: &session.state,
        tr: &g.tr,
        lang,
        found: &found,
        did: &session.did,
        keys,
    };
    let phone = &mut *g.phone;
    let mut out = None;
    egui::Panel::right("phone")
        .exact_size(if g.settings.scale > 1.3 { 310.0 } else { 350.0 })
        .resizable(false)
        .show(root, |ui| {
            ui.add_space(6.0);
            out = ui::phone::draw(ui, &view, phone);
        });
    out
}
