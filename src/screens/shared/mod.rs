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

mod cards;
mod guide;
mod settings;
mod status;
mod view;

use cards::fact_card;
pub use cards::{card_block, source_line};
pub use guide::{GUIDED_LEVEL, Hint, NotePlace, hint_due};
use settings::keep_settings;
pub use settings::*;
pub use view::{News, View};
#[cfg(test)]
pub use view::{
    button_of, buttons, frame, frame_at, frame_in, frame_shift, names, picture_of, placed,
};

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
    let lang = world.resource::<Settings>().prefs.lang;
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
        .add_plugins(ui::fonts)
        .add_systems(EguiPrimaryContextPass, global_keys.in_set(Pass::Global))
        .add_systems(
            EguiPrimaryContextPass,
            (
                follow_keys.in_set(Pass::Global).before(global_keys),
                follow_motion.in_set(Pass::Global).before(global_keys),
                paper_grain.in_set(Pass::Global).after(global_keys),
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

    /// The words of the player's language (as [`View::t`] and the rest).
    pub fn t(&self, key: &str) -> String {
        self.view().t(key)
    }

    pub fn tf(&self, key: &str, args: &[(&str, String)]) -> String {
        self.view().tf(key, args)
    }

    pub fn lang(&self) -> Lang {
        self.view().lang()
    }

    pub fn gentle(&self) -> bool {
        self.view().gentle()
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

    /// The part of `text` shown so far at the player's text speed (see [`reveal`]).
    pub fn reveal(&mut self, ctx: &egui::Context, text: &str) -> String {
        reveal(&mut self.reveal, &self.settings, ctx, text)
    }

    /// The plain data the screens' bodies draw from, and the typewriter beside it (for a
    /// body that reveals its text as it is read).
    pub fn view_and_reveal(&mut self) -> (View<'_>, Typewriter<'_>) {
        let view = View::new(&self.tr, &self.settings, self.session.as_deref());
        let typewriter = Typewriter {
            started: &mut self.reveal,
            settings: &self.settings,
        };
        (view, typewriter)
    }

    /// The screens of the day: status on top, the phone at the right, the screen's body
    /// (in a scroll area where it may not fit at a large UI scale: up and down only, the
    /// body wrapping to the panel's width, so that no choice is ever off to the side), the
    /// guide's note for `hint` at its top. The body's choices are sent, and the phone's
    /// unless the body chose an action of the rules.
    pub fn day_frame(
        &mut self,
        ctx: &egui::Context,
        phone_keys: bool,
        scroll: bool,
        hint: Option<Hint>,
        body: impl FnOnce(&mut Self, &mut egui::Ui) -> Vec<Do>,
    ) {
        let mut root = ui::root(ctx);
        egui::Panel::top("status").show(&mut root, |ui| self.status(ui));
        let from_phone = self.phone_panel(&mut root, phone_keys, None);
        let mut from_body = Vec::new();
        let draw = |this: &mut Self, ui: &mut egui::Ui| {
            from_body = this.guided(ui, hint, body);
        };
        egui::CentralPanel::default().show(&mut root, |ui| {
            if scroll {
                egui::ScrollArea::vertical()
                    .auto_shrink([false, false])
                    .show(ui, |ui| draw(self, ui));
            } else {
                draw(self, ui);
            }
        });
        let acted = from_body.iter().any(|d| matches!(d, Do::Act(_)));
        for d in from_body {
            self.send(d);
        }
        if let Some(a) = from_phone.filter(|_| !acted) {
            self.send(Do::Act(a));
        }
    }

    /// On the evening screen, the ledger of the day it shows (from a game that recorded
    /// how the day closed).
    pub fn evening_ledger(&self) -> Option<&Ledger> {
        if *self.screen.get() != Screen::Evening {
            return None;
        }
        let l = self.session.as_ref()?.state().ledgers.last()?;
        (l.home_at != 0).then_some(l)
    }
}

/// Reveals a body's text at the player's text speed (see [`reveal`]).
pub struct Typewriter<'a> {
    started: &'a mut Reveal,
    settings: &'a Settings,
}

impl<'a> Typewriter<'a> {
    pub fn new(started: &'a mut Reveal, settings: &'a Settings) -> Self {
        Typewriter { started, settings }
    }

    pub fn text(&mut self, ctx: &egui::Context, text: &str) -> String {
        reveal(self.started, self.settings, ctx, text)
    }
}

/// The part of `text` shown so far at the player's text speed (all of it with no time
/// pressure); Space shows the rest at once. While text is still appearing it asks for the
/// next frame.
pub fn reveal(
    started: &mut Reveal,
    settings: &Settings,
    ctx: &egui::Context,
    text: &str,
) -> String {
    use std::hash::{Hash, Hasher};
    let cps = match (settings.prefs.no_timer, settings.prefs.text_speed) {
        (true, _) | (_, TextSpeed::Instant) => return text.to_string(),
        (_, TextSpeed::Slow) => 25.0,
        (_, TextSpeed::Normal) => 70.0,
    };
    let mut h = std::collections::hash_map::DefaultHasher::new();
    text.hash(&mut h);
    let key = h.finish();
    let now = ctx.input(|i| i.time);
    let since = match started.started.iter().find(|(k, _)| *k == key) {
        Some(&(_, since)) => since,
        None => {
            let r = &mut started.started;
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
        for (_, s) in started.started.iter_mut() {
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

/// What reaches the game while a fact card is open: its key (`space`, Space or the player's
/// own key for it) and the F keys; no other key and no typed text.
fn held_by_card(events: &mut Vec<egui::Event>, space: egui::Key) {
    events.retain(|e| match e {
        egui::Event::Key { key, .. } => *key == space || key.name().starts_with('F'),
        egui::Event::Text(_) => false,
        _ => true,
    });
}

#[cfg(test)]
mod card_keys {
    use super::*;

    /// A player who moved Space to Home closes a card with Home (before, only the raw Space
    /// passed, and a card could not be closed from their keyboard); Enter never reaches the
    /// screen behind.
    #[test]
    fn a_card_takes_the_players_own_key_for_space() {
        let key = |key| egui::Event::Key {
            key,
            physical_key: None,
            pressed: true,
            repeat: false,
            modifiers: egui::Modifiers::NONE,
        };
        let mut events = vec![
            key(egui::Key::Home),
            key(egui::Key::Enter),
            key(egui::Key::F9),
        ];
        held_by_card(&mut events, egui::Key::Home);
        assert_eq!(events, vec![key(egui::Key::Home), key(egui::Key::F9)]);
        let mut events = vec![key(egui::Key::Space), egui::Event::Text("a".into())];
        held_by_card(&mut events, egui::Key::Space);
        assert_eq!(events, vec![key(egui::Key::Space)]);
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
    tr: Res<Tr>,
) -> Result {
    let ctx = contexts.ctx_mut()?.clone();
    crate::access::name_window(&ctx, tr.get(settings.prefs.lang, "game.title"));
    // An open fact card holds the keyboard: only Space (its button) and the F keys reach
    // anything, so that Enter cannot act on the screen behind it.
    let card_open = *overlay.get() == Overlay::None
        && screen.get().of_the_day()
        && session.as_ref().is_some_and(|s| s.card().is_some());
    if card_open {
        // (Space as the player has it: looked up before the input is read.)
        let space = ui::keys::bound(&ctx, egui::Key::Space);
        ctx.input_mut(|i| held_by_card(&mut i.events, space));
    }
    ctx.set_zoom_factor(settings.prefs.scale);
    ui::apply_theme(&ctx, settings.prefs.high_contrast);
    let mut st = settings.clone();
    if ui::pressed(&ctx, egui::Key::F9) {
        st.prefs.lang = if st.prefs.lang == Lang::En {
            Lang::Ko
        } else {
            Lang::En
        };
    }
    if ui::pressed(&ctx, egui::Key::F10) {
        st.prefs.scale = (st.prefs.scale - 0.25).max(*crate::settings::SCALES.start());
    }
    if ui::pressed(&ctx, egui::Key::F11) {
        st.prefs.scale = (st.prefs.scale + 0.25).min(*crate::settings::SCALES.end());
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
        ui::keys::set(ctx, &settings.prefs.keys);
        *applied = true;
    }
}

/// How moments move follows "reduce motion" and the tour's pin into egui's context, where
/// every moment reads it (`ui::motion`): when either changes, and on the first frame egui is
/// there.
/// The page's paper grain under the screen (`ui::grain`): not on the high-contrast theme,
/// nor under the title's poster and the street's map, which cover the page.
fn paper_grain(settings: Res<Settings>, screen: Res<State<Screen>>, mut contexts: EguiContexts) {
    let covered = matches!(screen.get(), Screen::Street | Screen::Title);
    if settings.prefs.high_contrast || covered {
        return;
    }
    if let Ok(ctx) = contexts.ctx_mut() {
        ui::grain::paint(ctx);
    }
}

fn follow_motion(
    settings: Res<Settings>,
    pin: Option<Res<ui::motion::Pinned>>,
    mut contexts: EguiContexts,
    mut applied: Local<bool>,
) {
    if *applied && !settings.is_changed() && !pin.as_ref().is_some_and(|p| p.is_changed()) {
        return;
    }
    if let Ok(ctx) = contexts.ctx_mut() {
        ui::motion::set(
            ctx,
            ui::motion::Motion {
                still: settings.prefs.reduce_motion || pin.as_ref().is_some_and(|p| p.0.is_none()),
                pin: pin.and_then(|p| p.0),
            },
        );
        *applied = true;
    }
}

/// The page's paper (the camera's clear colour) follows the theme.
fn follow_settings(settings: Res<Settings>, clear: Option<ResMut<ClearColor>>) {
    let [r, g, b, _] = ui::paper_of(settings.prefs.high_contrast).to_array();
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
        lang: match settings.prefs.lang {
            crate::rules::Lang::En => "en",
            crate::rules::Lang::Ko => "ko",
        }
        .into(),
        title: tr.get(settings.prefs.lang, "game.title").into(),
        news: tr.get(settings.prefs.lang, "access.news").into(),
        ..default()
    };
    if let Some(s) = session.as_deref() {
        p.day = (s.state().day as u32 + 1)
            .min(s.state().lv().days)
            .to_string();
        p.actions = s.log().len().to_string();
        // A card is open only where cards are shown: over a screen of the day.
        p.card = !s.fact_queue().is_empty()
            && *overlay.get() == Overlay::None
            && screen.get().of_the_day();
        p.ending = s.state().ending.map_or("", |e| e.key()).to_string();
        p.seed = s.seed().to_string();
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
