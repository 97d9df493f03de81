//! What every screen shares: the settings, the message line, the typewriter, the keys that
//! work anywhere (F8–F11), the status bar and the phone panel of the screens of a day, the
//! fact card over them, and what the page is told.

use super::{Do, Overlay, Pass, Screen};
use crate::i18n::Tr;
use crate::rules::{
    Action, CHASED_MINUTES, Currency, Event, FactCard, FactCatalog, Lang, Ledger, money, won,
};
use crate::session::Session;
use crate::ui::{self, phone::PhoneUi};
use bevy::ecs::system::SystemParam;
use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Intensity {
    Gentle,
    Full,
}

/// How fast text appears (kept between games: `crate::prefs`).
pub use crate::prefs::Speed as TextSpeed;

#[derive(Resource, Clone, Debug, PartialEq)]
pub struct Settings {
    pub lang: Lang,
    pub scale: f32,
    pub facts: bool,
    /// The facilitator's intensity: each new game starts at it.
    pub intensity: Intensity,
    /// The facilitator locked it for the class: the notice shows it without the choice.
    pub intensity_locked: bool,
    pub text_speed: TextSpeed,
    /// No time pressure: text appears at once (the rules' clock never runs on its own).
    pub no_timer: bool,
    pub level: String,
    pub seed: u64,
    /// Facilitator: a class code (fixes the seed for the room) and a shorter session.
    pub class_code: String,
    pub days: Option<u32>,
    /// The first-morning guide (level 1): on unless a facilitator turns it off; which of
    /// its notes have been read (a bit per [`Hint`]).
    pub guide: bool,
    pub guide_seen: u8,
    /// Reduce motion: a walk arrives at once, nothing on screen moves by itself.
    pub reduce_motion: bool,
    /// Sound on or off, and its volume (0 to 10).
    pub sound: bool,
    pub volume: u8,
    /// The high-contrast theme.
    pub high_contrast: bool,
    /// The player's own keys (`ui::keys`).
    pub keys: Vec<(String, String)>,
    /// Facilitator: the before/after check when a class code is set (not kept).
    pub check: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            lang: Lang::En,
            scale: 1.0,
            facts: true,
            intensity: Intensity::Gentle,
            intensity_locked: false,
            text_speed: TextSpeed::Normal,
            no_timer: false,
            level: "01".into(),
            seed: 2024,
            class_code: String::new(),
            days: None,
            guide: true,
            guide_seen: 0,
            reduce_motion: false,
            sound: true,
            volume: 7,
            high_contrast: false,
            keys: Vec::new(),
            check: true,
        }
    }
}

impl Settings {
    /// What of these settings is kept for the next game (`crate::prefs`).
    pub fn prefs(&self) -> crate::prefs::Prefs {
        crate::prefs::Prefs {
            lang: self.lang,
            scale: self.scale,
            full_intensity: self.intensity == Intensity::Full,
            lock_intensity: self.intensity_locked,
            text_speed: self.text_speed,
            no_timer: self.no_timer,
            facts: self.facts,
            reduce_motion: self.reduce_motion,
            sound: self.sound,
            volume: self.volume,
            high_contrast: self.high_contrast,
            keys: self.keys.clone(),
        }
    }

    /// These settings with the kept ones in place.
    pub fn with_prefs(self, p: &crate::prefs::Prefs) -> Settings {
        Settings {
            lang: p.lang,
            scale: p.scale,
            intensity: if p.full_intensity {
                Intensity::Full
            } else {
                Intensity::Gentle
            },
            intensity_locked: p.lock_intensity,
            text_speed: p.text_speed,
            no_timer: p.no_timer,
            facts: p.facts,
            reduce_motion: p.reduce_motion,
            sound: p.sound,
            volume: p.volume,
            high_contrast: p.high_contrast,
            keys: p.keys.clone(),
            ..self
        }
    }
}

/// The settings as last kept for the next game; `None` where nothing is kept (the tour and
/// the measuring runs, whose settings are their own).
#[derive(Resource, Default, Clone, PartialEq, Debug)]
pub struct KeptPrefs(pub Option<crate::prefs::Prefs>);

/// Keeps the settings whenever the player changes what is kept of them.
fn keep_settings(st: Res<Settings>, mut kept: ResMut<KeptPrefs>, mut note: ResMut<Note>) {
    let now = st.prefs();
    if kept.0.as_ref().is_none_or(|last| *last == now) {
        return;
    }
    if let Err(e) = crate::platform::write_prefs(&now) {
        note.0 = Some(format!(
            "The settings could not be kept for next time: {e}."
        ));
    }
    kept.0 = Some(now);
}

/// The one line the game has to say outside the rules: a save set aside, a failed
/// autosave, where an export went.
#[derive(Resource, Default, Clone, PartialEq, Debug)]
pub struct Note(pub Option<String>);

/// The texts being revealed letter by letter (a hash of each) and since when. Several can
/// be on screen at once (the morning's messages under a fact card), each at its own pace.
#[derive(Resource, Default, Clone, PartialEq)]
pub struct Reveal {
    started: Vec<(u64, f64)>,
}

/// A translated string for a system that holds the world.
pub fn text(world: &World, key: &str) -> String {
    let lang = world.resource::<Settings>().lang;
    world.resource::<Tr>().get(lang, key).to_string()
}

pub fn plugin(app: &mut App) {
    app.init_resource::<Settings>()
        .init_resource::<Note>()
        .init_resource::<KeptPrefs>()
        .add_systems(Update, keep_settings.run_if(resource_changed::<Settings>))
        .init_resource::<Reveal>()
        .init_resource::<PhoneUi>()
        .insert_resource(Tr::load())
        .add_plugins(fonts)
        .add_systems(EguiPrimaryContextPass, global_keys.in_set(Pass::Global))
        .add_systems(
            EguiPrimaryContextPass,
            (
                follow_keys.in_set(Pass::Global).before(global_keys),
                fact_card.in_set(Pass::Over).run_if(
                    in_state(Overlay::None)
                        .and_then(resource_exists::<Session>)
                        .and_then(|s: Res<State<Screen>>| s.get().of_the_day()),
                ),
            ),
        )
        .add_systems(
            Update,
            (
                // The page is told only when what it shows may have changed.
                expose.run_if(
                    state_changed::<Screen>
                        .or_else(state_changed::<Overlay>)
                        .or_else(resource_changed::<Note>)
                        .or_else(resource_changed::<Settings>)
                        .or_else(resource_exists_and_changed::<Session>)
                        .or_else(resource_removed::<Session>),
                ),
                imported,
                announce_note.run_if(resource_changed::<Note>),
                follow_settings.run_if(resource_changed::<Settings>),
            ),
        )
        .add_systems(
            PreUpdate,
            quiet_modifiers
                .after(bevy_egui::EguiInputSet::WriteEguiEvents)
                .before(bevy_egui::EguiPreUpdateSet::BeginPass),
        );
}

/// What a screen's draw system reads, and where it sends the player's choice.
#[derive(SystemParam)]
pub struct Shared<'w, 's> {
    pub contexts: EguiContexts<'w, 's>,
    pub settings: Res<'w, Settings>,
    pub tr: Res<'w, Tr>,
    pub session: Option<Res<'w, Session>>,
    pub message: Res<'w, Note>,
    reveal: ResMut<'w, Reveal>,
    phone: ResMut<'w, PhoneUi>,
    out: MessageWriter<'w, Do>,
    screen: Res<'w, State<Screen>>,
    said: ResMut<'w, crate::access::Said>,
}

impl Shared<'_, '_> {
    pub fn ctx(&mut self) -> Result<egui::Context> {
        Ok(self.contexts.ctx_mut()?.clone())
    }

    pub fn t(&self, key: &str) -> String {
        self.tr.get(self.settings.lang, key).to_string()
    }

    pub fn tf(&self, key: &str, args: &[(&str, String)]) -> String {
        self.tr.fmt(self.settings.lang, key, args)
    }

    pub fn lang(&self) -> Lang {
        self.settings.lang
    }

    /// Gentle intensity: texts that describe harm name it instead.
    /// The game's own intensity once it has started (chosen on the notice), the
    /// facilitator's before.
    pub fn gentle(&self) -> bool {
        match &self.session {
            Some(s) => !s.full_intensity,
            None => self.settings.intensity == Intensity::Gentle,
        }
    }

    pub fn send(&mut self, d: Do) {
        self.out.write(d);
    }

    pub fn go(&mut self, s: Screen) {
        self.send(Do::Go(s));
    }

    /// Tells a screen reader `text` at once when what `kind` says changes (a screen drawn
    /// each frame tells it once).
    pub fn announce(&mut self, kind: &'static str, text: &str) {
        // (Touched only when there is news: a screen left alone changes nothing.)
        if self.said.is_news(kind, text) {
            self.said.keep(kind, text);
        }
    }

    pub fn forget_news(&mut self, kinds: &[&str]) {
        self.said.forget(kinds);
    }

    pub fn phone(&self) -> &PhoneUi {
        &self.phone
    }

    /// The part of `text` shown so far at the player's text speed (all of it with no
    /// time pressure); Space shows the rest at once. While text is still appearing it asks
    /// for the next frame.
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
        let since = match self.reveal.started.iter().find(|(k, _)| *k == key) {
            Some(&(_, since)) => since,
            None => {
                let r = &mut self.reveal.started;
                // Enough for every text a screen reveals at once (a morning's messages and
                // a fact card): fewer made them evict each other, and none ever showed.
                if r.len() >= 64 {
                    r.remove(0);
                }
                r.push((key, now));
                now
            }
        };
        if ui::pressed(ctx, egui::Key::Space) && since.is_finite() {
            for (_, s) in self.reveal.started.iter_mut() {
                *s = f64::NEG_INFINITY;
            }
        }
        let shown = ((now - since) * cps) as usize;
        let total = text.chars().count();
        if shown >= total {
            return text.to_string();
        }
        ctx.request_repaint();
        text.chars().take(shown).collect()
    }

    /// The screens of the day: status on top, the phone at the right, the screen's body
    /// (in a scroll area where it may not fit at a large UI scale: up and down only, the
    /// body wrapping to the panel's width, so that no choice is ever off to the side). The body's choice, or
    /// else the phone's, is sent.
    pub fn day_frame(
        &mut self,
        ctx: &egui::Context,
        phone_keys: bool,
        scroll: bool,
        body: impl FnOnce(&mut Self, &mut egui::Ui) -> Option<Do>,
    ) {
        let mut root = ui::root(ctx);
        egui::Panel::top("status").show(&mut root, |ui| self.status(ui));
        let from_phone = self.phone_panel(&mut root, phone_keys, None);
        let mut from_body = None;
        egui::CentralPanel::default().show(&mut root, |ui| {
            if scroll {
                egui::ScrollArea::vertical()
                    .auto_shrink([false, false])
                    .show(ui, |ui| from_body = body(self, ui));
            } else {
                from_body = body(self, ui);
            }
        });
        if let Some(d) = from_body.or(from_phone.map(Do::Act)) {
            self.send(d);
        }
    }

    /// On the evening screen, the ledger of the day it shows (from a game that recorded
    /// how the day closed).
    pub fn evening_ledger(&self) -> Option<&Ledger> {
        if *self.screen.get() != Screen::Evening {
            return None;
        }
        let l = self.session.as_ref()?.state.ledgers.last()?;
        (l.home_at != 0).then_some(l)
    }

    /// The status line at the top of every screen of the day.
    pub fn status(&self, ui: &mut egui::Ui) {
        let Some(session) = self.session.as_ref() else {
            return;
        };
        let s = &session.state;
        let lv = s.lv();
        let lang = self.lang();
        // The evening screen is the evening of the day just closed (the rules have already
        // opened the next morning): its date, "evening" for the time, and her money and
        // load as the day closed (before the morning's news and friends).
        let (day, when, wallet, stock) = match self.evening_ledger() {
            Some(l) => (l.day, self.t("common.evening"), l.wallet, l.carried),
            None => (
                s.day,
                format!("{:02}:{:02}", s.minute / 60, s.minute % 60),
                s.wallet,
                s.stock.iter().sum(),
            ),
        };
        // Wrapped: at large text sizes the bar takes two lines rather than cutting its end.
        ui.horizontal_wrapped(|ui| {
            ui.label(
                egui::RichText::new(format!(
                    "{}  {when}",
                    self.tr.date(lang, lv.start.plus_days(day as i32))
                ))
                .size(ui::H2)
                .strong(),
            );
            ui.label(
                egui::RichText::new(self.tr.day_of(lang, day as usize + 1, lv.days as usize))
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
                    "{}   {}   {}",
                    won(wallet.won),
                    money(Currency::Yuan, wallet.yuan),
                    money(Currency::Usd, wallet.usd)
                ))
                .size(ui::BODY)
                .strong(),
            );
            ui.separator();
            // What she carries against what she can carry.
            ui.label(self.tf(
                "status.load",
                &[("kg", stock.to_string()), ("max", lv.carry_kg.to_string())],
            ));
            // Long notes are cut at the window's edge (the whole text shows on hover).
            if let Some(m) = &self.message.0 {
                ui.separator();
                ui.add(egui::Label::new(egui::RichText::new(m).color(ui::red())).truncate());
            }
            // What the last action brought that must be read at once: a deal promised for
            // news she forwarded (for tomorrow), or being chased off as a "grasshopper" (what
            // the guards took and what it cost).
            for e in &session.last {
                let name = |good: u16| lv.goods[good as usize].name.get(lang).to_string();
                let (text, colour, strong) = match *e {
                    Event::DealOffered {
                        good,
                        place,
                        permille,
                    } => {
                        let at = lv.places[place as usize].name.get(lang).to_string();
                        let pct = (permille / 10).to_string();
                        let args = [("good", name(good)), ("place", at), ("pct", pct)];
                        (self.tf("status.deal", &args), ui::green(), false)
                    }
                    Event::ChasedOff { good, lost } => {
                        let args = [
                            ("kg", lost.to_string()),
                            ("good", name(good)),
                            ("minutes", CHASED_MINUTES.to_string()),
                        ];
                        (self.tf("status.chased", &args), ui::red(), true)
                    }
                    // Forwarding has no one to choose: the news goes to those she trades
                    // with, as the traders' calls are (the review found no sign it went).
                    Event::Forwarded { .. } => (self.t("status.forwarded"), ui::green(), false),
                    _ => continue,
                };
                ui.separator();
                let text = egui::RichText::new(text).color(colour);
                ui.label(if strong { text.strong() } else { text });
            }
            if let [Event::Rejected(r)] = session.last[..] {
                ui.separator();
                ui.label(
                    egui::RichText::new(format!("× {}", self.t(ui::reject::key(r))))
                        .color(ui::red())
                        .strong(),
                );
            }
        });
    }

    /// The phone panel at the right of the screens of the day; `held` is the phone as an
    /// inspector holds it (open where their first find is). Its own state is written back
    /// only when it changed.
    pub fn phone_panel(
        &mut self,
        root: &mut egui::Ui,
        keys: bool,
        held: Option<PhoneUi>,
    ) -> Option<Action> {
        let lang = self.lang();
        let session = self.session.as_ref()?;
        let found: Vec<u32> = session
            .state
            .inspection
            .as_ref()
            .map(|i| i.found_items.clone())
            .unwrap_or_default();
        let view = ui::phone::View {
            s: &session.state,
            tr: &self.tr,
            lang,
            found: &found,
            did: &session.did,
            keys,
            gentle: self.gentle(),
            // The evening's clock while she is home for the evening (an older save's: when
            // she came home).
            clock: session.state.evening.unwrap_or_else(|| {
                self.evening_ledger()
                    .map_or(session.state.minute, |l| l.home_at)
            }),
            esc_releases: *self.screen.get() != Screen::Place,
        };
        let mut phone = held.unwrap_or_else(|| self.phone.clone());
        let mut out = None;
        let width = ui::phone::panel_width(root.available_width(), self.settings.scale);
        egui::Panel::right("phone")
            .exact_size(width)
            .resizable(false)
            .show(root, |ui| {
                ui.add_space(6.0);
                out = ui::phone::draw(ui, &view, &mut phone);
            });
        self.phone.set_if_neq(phone);
        out
    }
}

/// The game's fonts and look, given to each egui context before its first pass: egui's
/// own default fonts are not compiled in, so no text may be laid out before these are set.
pub fn fonts(app: &mut App) {
    app.add_systems(
        PreUpdate,
        install_fonts
            .after(bevy_egui::EguiPreUpdateSet::InitContexts)
            .before(bevy_egui::EguiPreUpdateSet::BeginPass),
    );
}

fn install_fonts(mut contexts: Query<&mut bevy_egui::EguiContext, Added<bevy_egui::EguiContext>>) {
    for mut ctx in &mut contexts {
        ui::setup(ctx.get_mut());
    }
}

/// The zoom and the keys that work on every screen: F9 language, F10/F11 size, F8
/// settings, Shift+F8 sources (over whatever is on screen).
fn global_keys(
    mut contexts: EguiContexts,
    mut settings: ResMut<Settings>,
    overlay: Res<State<Overlay>>,
    mut out: MessageWriter<Do>,
    session: Option<Res<Session>>,
    screen: Res<State<Screen>>,
) -> Result {
    let ctx = contexts.ctx_mut()?.clone();
    // An open fact card holds the keyboard: only Space (its button) and the F keys reach
    // anything, so that Enter cannot act on the screen behind it.
    let card_open = *overlay.get() == Overlay::None
        && screen.get().of_the_day()
        && session.as_ref().is_some_and(|s| s.card().is_some());
    if card_open {
        ctx.input_mut(|i| {
            i.events.retain(|e| match e {
                egui::Event::Key { key, .. } => {
                    *key == egui::Key::Space || key.name().starts_with('F')
                }
                egui::Event::Text(_) => false,
                _ => true,
            })
        });
    }
    ctx.set_zoom_factor(settings.scale);
    ui::apply_theme(&ctx, settings.high_contrast);
    let mut st = settings.clone();
    if ui::pressed(&ctx, egui::Key::F9) {
        st.lang = if st.lang == Lang::En {
            Lang::Ko
        } else {
            Lang::En
        };
    }
    if ui::pressed(&ctx, egui::Key::F10) {
        st.scale = (st.scale - 0.25).max(*crate::prefs::SCALES.start());
    }
    if ui::pressed(&ctx, egui::Key::F11) {
        st.scale = (st.scale + 0.25).min(*crate::prefs::SCALES.end());
    }
    settings.set_if_neq(st);
    // F8 Settings, Shift+F8 the sources (F7 is the phone's home screen).
    let shift = ctx.input(|i| i.modifiers.shift);
    for (o, with_shift) in [(Overlay::Settings, false), (Overlay::Sources, true)] {
        if ui::pressed(&ctx, egui::Key::F8) && shift == with_shift {
            let to = if *overlay.get() == o {
                Overlay::None
            } else {
                o
            };
            out.write(Do::Open(to));
        }
    }
    Ok(())
}

/// The player's keys follow the settings into egui's context, where every key check reads
/// them (`ui::keys`): when they change, and on the first frame egui is there.
fn follow_keys(settings: Res<Settings>, mut contexts: EguiContexts, mut applied: Local<bool>) {
    if *applied && !settings.is_changed() {
        return;
    }
    if let Ok(ctx) = contexts.ctx_mut() {
        ui::keys::set(ctx, &settings.keys);
        *applied = true;
    }
}

/// The page's paper (the camera's clear colour) follows the theme.
fn follow_settings(settings: Res<Settings>, clear: Option<ResMut<ClearColor>>) {
    let [r, g, b, _] = ui::paper_of(settings.high_contrast).to_array();
    let want = Color::srgb_u8(r, g, b);
    if let Some(mut c) = clear
        && c.0 != want
    {
        c.0 = want;
    }
}

/// The message bar's line, told to a screen reader as it appears.
fn announce_note(note: Res<Note>, mut said: ResMut<crate::access::Said>) {
    if let Some(t) = &note.0 {
        said.say(t.clone());
    }
}

/// The first time a mechanic is met, its fact card, naming its source.
fn fact_card(mut g: Shared) -> Result {
    let ctx = g.ctx()?;
    let lang = g.lang();
    let Some(session) = g.session.as_ref() else {
        return Ok(());
    };
    let Some(card) = session.card().cloned() else {
        return Ok(());
    };
    let world = session.state.world.clone();
    let cat = &world.catalog;
    let (title, text) = card.shown(g.gentle());
    let full = text.get(lang).to_string();
    let text = g.reveal(&ctx, &full);
    let mut close = false;
    // Modal: the screen behind is dimmed and takes no clicks until the card is closed.
    egui::Modal::new(egui::Id::new("fact-card")).show(&ctx, |ui| {
        ui.set_max_width(520.0);
        ui.label(egui::RichText::new(g.t("fact.heading")).color(ui::dim()));
        ui::subheading(ui, title.get(lang));
        // A screen reader has the whole text at once, not the words shown so far.
        let r = ui.label(&text);
        crate::access::name(&r, egui::WidgetType::Label, &full);
        ui.add_space(6.0);
        ui.label(
            egui::RichText::new(source_line(&g.tr, lang, cat, &card))
                .size(ui::SMALL)
                .color(ui::dim()),
        );
        ui.add_space(6.0);
        close = ui::key_button(ui, egui::Key::Space, g.tr.get(lang, "fact.ok"));
    });
    if close {
        g.send(Do::CloseCard);
    }
    Ok(())
}

pub fn source_line(tr: &Tr, lang: Lang, cat: &FactCatalog, card: &FactCard) -> String {
    let n = card.source.unwrap_or(0);
    let outlet = cat
        .sources
        .iter()
        .find(|s| s.id == n)
        .map_or("?", |s| s.outlet.get(lang));
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
    g: &Shared,
    cat: &FactCatalog,
    card: &FactCard,
    title_size: f32,
) {
    let (tr, lang) = (&*g.tr, g.lang());
    let (title, text) = card.shown(g.gentle());
    ui.label(
        egui::RichText::new(title.get(lang))
            .strong()
            .size(title_size),
    );
    ui.label(text.get(lang));
    ui.label(
        egui::RichText::new(source_line(tr, lang, cat, card))
            .size(ui::SMALL)
            .color(ui::dim()),
    );
}

/// Tells the page where the game is (written to the page only when a value changes).
fn expose(
    screen: Res<State<Screen>>,
    overlay: Res<State<Overlay>>,
    message: Res<Note>,
    settings: Res<Settings>,
    session: Option<Res<Session>>,
    tr: Res<Tr>,
    mut page: ResMut<crate::platform::Page>,
) {
    // What is on show: an overlay over the screen counts as the screen.
    let showing = match overlay.get() {
        Overlay::None => format!("{:?}", screen.get()),
        o => format!("{o:?}"),
    };
    let mut p = crate::platform::Page {
        screen: showing,
        ready: true,
        message: message.0.clone().unwrap_or_default(),
        lang: match settings.lang {
            crate::rules::Lang::En => "en",
            crate::rules::Lang::Ko => "ko",
        }
        .into(),
        title: tr.get(settings.lang, "game.title").into(),
        news: tr.get(settings.lang, "access.news").into(),
        ..default()
    };
    if let Some(s) = session.as_deref() {
        p.day = (s.state.day as u32 + 1).min(s.state.lv().days).to_string();
        p.actions = s.log.len().to_string();
        // A card is open only where cards are shown: over a screen of the day.
        p.card = !s.fact_queue.is_empty()
            && *overlay.get() == Overlay::None
            && screen.get().of_the_day();
        p.ending = s.state.ending.map_or("", |e| e.key()).to_string();
        p.seed = s.seed.to_string();
    }
    page.set_if_neq(p);
}

/// A save imported by dropping a file on the window: said on the message line.
fn imported(mut notes: MessageReader<crate::platform::Imported>, mut message: ResMut<Note>) {
    for n in notes.read() {
        message.set_if_neq(Note(Some(n.0.clone())));
    }
}

/// bevy_egui 0.42 tells egui the modifier keys on every frame, changed or not, and egui
/// answers any input event by asking for another frame: the window would never rest. The
/// repeat is dropped when the keys are as they were (egui keeps them between frames).
fn quiet_modifiers(
    mut inputs: Query<&mut bevy_egui::EguiInput>,
    mut last: Local<Option<egui::Modifiers>>,
) {
    for mut input in &mut inputs {
        // (Losing the focus clears egui's keys: then the next report is not a repeat.)
        let refocused = input
            .events
            .iter()
            .any(|e| matches!(e, egui::Event::WindowFocused(_)));
        input.events.retain(|e| match e {
            egui::Event::ModifiersChanged(m) => {
                let repeat = !refocused && *last == Some(*m);
                *last = Some(*m);
                !repeat
            }
            _ => true,
        });
    }
}

/// The first-morning guide's notes, each shown where it first matters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Hint {
    Morning,
    Street,
    Place,
    Inspection,
    Evening,
}

impl Hint {
    pub const ALL: [Hint; 5] = [
        Hint::Morning,
        Hint::Street,
        Hint::Place,
        Hint::Inspection,
        Hint::Evening,
    ];

    pub(super) fn bit(self) -> u8 {
        1 << self as u8
    }

    fn key(self) -> &'static str {
        match self {
            Hint::Morning => "guide.morning",
            Hint::Street => "guide.street",
            Hint::Place => "guide.place",
            Hint::Inspection => "guide.inspection",
            Hint::Evening => "guide.evening",
        }
    }

    /// The guide card's heading: the moment it is about (the first morning's card is
    /// about the phone).
    fn heading(self) -> &'static str {
        match self {
            Hint::Morning => "guide.heading.phone",
            Hint::Street => "guide.heading.street",
            Hint::Place => "guide.heading.place",
            Hint::Inspection => "guide.heading.inspection",
            Hint::Evening => "guide.heading.evening",
        }
    }
}

/// Whether a guide note is due: in the first level, guide on, not read yet.
/// Only on the first day of the guided level: a note not closed then does not come back on
/// a later day (after a reload, whose settings have forgotten what was read).
pub fn hint_due(settings: &Settings, level_id: &str, day: u16, hint: Hint) -> bool {
    settings.guide && level_id == GUIDED_LEVEL && day == 0 && settings.guide_seen & hint.bit() == 0
}

/// The level whose first day teaches the game.
pub const GUIDED_LEVEL: &str = "spring-2024";

impl Shared<'_, '_> {
    /// The guide's note for this screen, if due: a framed note in the game's voice with
    /// [C] to close it and Shift+C to turn the guide off.
    pub fn guide(&mut self, ui: &mut egui::Ui, hint: Hint) {
        let Some((level, day)) = self
            .session
            .as_ref()
            // The evening's ledger is of the day that closed (the rules have begun the next).
            .map(|s| {
                let day = match (hint, &s.evening) {
                    (Hint::Evening, Some(l)) => l.day,
                    _ => s.state.day,
                };
                (s.state.lv().id.clone(), day)
            })
        else {
            return;
        };
        if !hint_due(&self.settings, &level, day, hint) {
            return;
        }
        let mut st = self.settings.clone();
        egui::Frame::group(ui.style())
            .fill(egui::Color32::from_rgb(250, 244, 222))
            .stroke(egui::Stroke::new(1.5, ui::blue()))
            .inner_margin(10.0)
            .show(ui, |ui| {
                ui.label(
                    egui::RichText::new(self.t(hint.heading()))
                        .strong()
                        .color(ui::blue()),
                );
                ui.label(self.t(hint.key()));
                ui.horizontal(|ui| {
                    let shift = ui.input(|i| i.modifiers.shift);
                    // (Both the size of any key button, on one line.)
                    let off = ui
                        .button(format!("[Shift+C] {}", self.t("guide.off")))
                        .clicked()
                        || (shift && ui::pressed(ui.ctx(), egui::Key::C));
                    let done = ui::key_button(ui, egui::Key::C, &self.t("guide.ok")) && !shift;
                    if off {
                        st.guide = false;
                    } else if done {
                        st.guide_seen |= hint.bit();
                    }
                });
            });
        ui.add_space(6.0);
        if st != *self.settings {
            self.send(Do::Set(Box::new(st)));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_guide_teaches_level_one_once_and_stays_off_when_turned_off() {
        let mut st = Settings::default();
        for h in Hint::ALL {
            assert!(
                hint_due(&st, GUIDED_LEVEL, 0, h),
                "{h:?} is due on a first game"
            );
            assert!(
                !hint_due(&st, "winter-2024", 0, h),
                "only the first level teaches"
            );
        }
        st.guide_seen |= Hint::Street.bit();
        assert!(
            !hint_due(&st, GUIDED_LEVEL, 0, Hint::Street),
            "read once, never again"
        );
        assert!(hint_due(&st, GUIDED_LEVEL, 0, Hint::Place));
        assert!(
            !hint_due(&st, GUIDED_LEVEL, 1, Hint::Place),
            "the second day has no guide, even unread"
        );
        st.guide = false;
        assert!(
            Hint::ALL
                .iter()
                .all(|&h| !hint_due(&st, GUIDED_LEVEL, 0, h))
        );
    }
}
