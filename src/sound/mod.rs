//! Sound: the place's ambience under play (the street, the market, the port, home in the
//! evening) and the sounds that carry meaning over it: the phone's message chime, its
//! screenshot click, its buzz when it deletes a file by itself, and the whistle of a street
//! team. Each of those also shows a caption, for a player who cannot hear it. The sounds are
//! synthesised by `tools/make-sounds.py`; volume and mute are in Settings.
//!
//! Where they are heard is the platform's (`crate::platform::AudioOut`: the desktop's mixer
//! and ALSA, the page's Web Audio); this module says which sound, when, and what it means.

use crate::rules::{Event, PlaceKind};
use crate::screens::{Happened, Pass, Screen, Settings};
use crate::session::Session;
use crate::ui;
use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

/// Every sound the game has (`assets/sounds/NAME.ogg`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sound {
    Street,
    Market,
    Port,
    Home,
    Message,
    Screenshot,
    Deleted,
    Whistle,
}

impl Sound {
    pub const ALL: [Sound; 8] = [
        Sound::Street,
        Sound::Market,
        Sound::Port,
        Sound::Home,
        Sound::Message,
        Sound::Screenshot,
        Sound::Deleted,
        Sound::Whistle,
    ];

    /// The file's name, without `.ogg`.
    pub fn name(self) -> &'static str {
        match self {
            Sound::Street => "street",
            Sound::Market => "market",
            Sound::Port => "port",
            Sound::Home => "home",
            Sound::Message => "message",
            Sound::Screenshot => "screenshot",
            Sound::Deleted => "deleted",
            Sound::Whistle => "whistle",
        }
    }

    /// A loop under a place, not a sound played once.
    pub fn is_ambience(self) -> bool {
        matches!(
            self,
            Sound::Street | Sound::Market | Sound::Port | Sound::Home
        )
    }

    /// The caption shown while a sound that carries meaning plays (i18n key).
    pub fn caption(self) -> Option<&'static str> {
        match self {
            Sound::Message => Some("sound.message"),
            Sound::Screenshot => Some("sound.screenshot"),
            Sound::Deleted => Some("sound.deleted"),
            Sound::Whistle => Some("sound.whistle"),
            _ => None,
        }
    }
}

/// The ambience of a screen: the place she stands in, home in the morning and the evening,
/// nothing over menus, the ending and the debrief.
pub fn ambience(screen: Screen, session: Option<&Session>) -> Option<Sound> {
    match screen {
        Screen::Morning | Screen::Evening => Some(Sound::Home),
        Screen::Street | Screen::Place | Screen::Inspection => {
            let st = &session?.state();
            let kind = st.world.lv().places.get(st.place as usize)?.kind;
            Some(match kind {
                PlaceKind::Home => Sound::Home,
                PlaceKind::Market | PlaceKind::Alley => Sound::Market,
                PlaceKind::Port | PlaceKind::Wholesale => Sound::Port,
                PlaceKind::Street
                | PlaceKind::Station
                | PlaceKind::RepairStall
                | PlaceKind::CadreHouse => Sound::Street,
            })
        }
        _ => None,
    }
}

/// The sounds played once for what just happened (each at most once per action: a long
/// walk takes several screenshots, the player hears one click).
pub fn cues<'a>(events: impl IntoIterator<Item = &'a Event>) -> Vec<Sound> {
    let mut out = Vec::new();
    for e in events {
        let s = match e {
            Event::MessageArrived { .. } | Event::InfoArrived { .. } => Sound::Message,
            Event::Screenshot { .. } => Sound::Screenshot,
            Event::AutoDeleted { .. } => Sound::Deleted,
            Event::Stopped { .. } => Sound::Whistle,
            _ => continue,
        };
        if !out.contains(&s) {
            out.push(s);
        }
    }
    out
}

/// The player's volume as a gain, on a curve the ear hears as even steps (0 when off).
pub fn gain(settings: &Settings) -> f32 {
    if settings.prefs.sound {
        let v = f32::from(settings.prefs.volume.min(10)) / 10.0;
        v * v
    } else {
        0.0
    }
}

/// How long a caption stays on screen (it goes with the first frame after).
const CAPTION_SECONDS: f64 = 5.0;

/// How long before a new screen a sound is still its own (the whistle that brings the stop).
const CAPTION_GRACE: f64 = 1.0;

/// What the player is told of the sounds: the captions on screen (i18n key, until when),
/// and the ambience playing.
#[derive(Resource, Default, Debug)]
pub struct Heard {
    pub captions: Vec<(&'static str, f64)>,
    pub ambience: Option<Sound>,
}

pub fn plugin(app: &mut App) {
    app.init_resource::<Heard>()
        .insert_resource(Output::start())
        .add_systems(Update, follow)
        .add_systems(EguiPrimaryContextPass, captions.in_set(Pass::Over));
}

/// Follows the game: the ambience of the screen, the sounds of what just happened, the
/// volume of the settings. Cheap when nothing changed (a few comparisons); what happened
/// comes as the screens' [`Happened`] message, once.
#[allow(clippy::too_many_arguments)]
fn follow(
    settings: Res<Settings>,
    screen: Res<State<Screen>>,
    session: Option<Res<Session>>,
    time: Res<Time<Real>>,
    out: Res<Output>,
    mut heard: ResMut<Heard>,
    mut happened: MessageReader<Happened>,
    tr: Res<crate::i18n::Tr>,
    mut said: ResMut<crate::access::Said>,
    mut was: Local<Option<Screen>>,
) {
    if settings.is_changed() {
        out.volume(gain(&settings));
    }
    // A new screen: the captions of the last one go (a whistle caption stayed over the
    // evening), but not those of the sounds that brought it (heard a moment before).
    if *was != Some(*screen.get()) {
        *was = Some(*screen.get());
        let t = time.elapsed_secs_f64();
        heard
            .captions
            .retain(|(_, until)| until - CAPTION_SECONDS > t - CAPTION_GRACE);
    }
    let amb = ambience(*screen.get(), session.as_deref());
    if amb != heard.ambience {
        heard.ambience = amb;
        out.ambience(amb);
        // Out of the day (the ending, the debrief, the title): its captions go with it.
        if amb.is_none() {
            heard.captions.clear();
        }
    }
    for Happened(events) in happened.read() {
        // What the phone records after the day has closed is the next morning's (it reads
        // the overnight messages at seven): its click is not heard in the evening, where the
        // Trace Viewer does not show it yet.
        let closed = events
            .iter()
            .position(|e| matches!(e, Event::Evening { .. }))
            .map_or(events.len(), |k| k + 1);
        let (tonight, overnight) = events.split_at(closed);
        let overnight = overnight
            .iter()
            .filter(|e| !matches!(e, Event::Screenshot { .. }));
        heard_now(
            tonight.iter().chain(overnight),
            &time,
            &out,
            &mut heard,
            &settings,
            &tr,
            &mut said,
        );
    }
}

/// Plays the sounds of what just happened, captions them and tells the screen reader.
fn heard_now<'a>(
    events: impl Iterator<Item = &'a Event>,
    time: &Time<Real>,
    out: &Output,
    heard: &mut Heard,
    settings: &Settings,
    tr: &crate::i18n::Tr,
    said: &mut crate::access::Said,
) {
    let t = time.elapsed_secs_f64();
    for c in cues(events) {
        out.play(c);
        if let Some(key) = c.caption() {
            heard.captions.retain(|(k, _)| *k != key);
            heard.captions.push((key, t + CAPTION_SECONDS));
            // A screen reader is told at once, whatever the player is reading.
            let lang = settings.prefs.lang;
            said.say(format!(
                "{} {}",
                tr.get(lang, "sound.tag"),
                tr.get(lang, key)
            ));
        }
    }
}

/// The captions of the sounds just played, at the top right, at the end of the status bar.
#[allow(clippy::too_many_arguments)]
fn captions(
    mut contexts: EguiContexts,
    settings: Res<Settings>,
    tr: Res<crate::i18n::Tr>,
    time: Res<Time<Real>>,
    mut heard: ResMut<Heard>,
    overlay: Res<State<crate::screens::Overlay>>,
    screen: Res<State<Screen>>,
    session: Option<Res<Session>>,
) -> Result {
    // Settings and the sources are pages of their own, with their buttons at the top right:
    // no sound is made there, and the day's captions wait under them. A fact card holds the
    // window until it is read: no caption is drawn over it (a screen reader has heard them
    // already).
    let card = screen.get().of_the_day() && session.is_some_and(|s| !s.fact_queue().is_empty());
    if heard.captions.is_empty() || *overlay.get() != crate::screens::Overlay::None || card {
        return Ok(());
    }
    let t = time.elapsed_secs_f64();
    if heard.captions.iter().any(|(_, until)| *until <= t) {
        heard.captions.retain(|(_, until)| *until > t);
    }
    if heard.captions.is_empty() {
        return Ok(());
    }
    let ctx = contexts.ctx_mut()?.clone();
    let lang = settings.prefs.lang;
    // Their own place (issue 31, point 15; issue 35): the right end of the status bar,
    // above the phone, where nothing is ever chosen and nothing of the phone is covered (over
    // the phone's clock and signal line, a reviewer read them as the phone's own; bottom
    // centre, they sat over the evening's meals); at the game's text size, wrapping down
    // over the phone's frame when two sounds come at once.
    // (As wide as the phone: wider, a caption of two sounds reached over the page's scroll
    // bar.)
    let full = ctx.content_rect().width();
    let width = ui::phone::panel_width(full, settings.prefs.scale) - 16.0;
    egui::Area::new(egui::Id::new("captions"))
        .anchor(egui::Align2::RIGHT_TOP, egui::vec2(-8.0, 2.0))
        .interactable(false)
        .order(egui::Order::Foreground)
        .show(&ctx, |ui| {
            ui.set_max_width(width);
            ui.set_min_width(width);
            egui::Frame::new()
                // Opaque: the words keep their contrast whatever the caption sits over.
                .fill(ui::ink(ui))
                .corner_radius(6.0)
                .inner_margin(egui::Margin::symmetric(10, 3))
                .show(ui, |ui| {
                    // The newest two, newest first, as one wrapped paragraph: three sounds
                    // at once stacked three captions down over the phone's tabs.
                    let said: Vec<&str> = heard
                        .captions
                        .iter()
                        .rev()
                        .take(2)
                        .map(|(key, _)| tr.get(lang, key))
                        .collect();
                    ui.label(
                        egui::RichText::new(format!(
                            "{} {}",
                            tr.get(lang, "sound.tag"),
                            said.join(" · ")
                        ))
                        // (The phone's own text size: one sound on one line in the bar.)
                        .size(ui::SMALL)
                        .color(ui::paper(ui)),
                    );
                });
        });
    Ok(())
}

/// Where the sounds go (the platform's output), by the sound's name.
#[derive(Resource)]
pub struct Output(crate::platform::AudioOut);

impl Output {
    fn start() -> Self {
        Output(crate::platform::AudioOut::start())
    }

    fn ambience(&self, sound: Option<Sound>) {
        self.0.ambience(sound.map(Sound::name));
    }

    fn play(&self, sound: Sound) {
        self.0.play(sound.name());
    }

    /// A gain from 0 to 1 (see [`gain`]).
    fn volume(&self, gain: f32) {
        self.0.volume(gain);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_place_has_its_ambience_and_menus_are_quiet() {
        let mut s = Session::new("01", 7).expect("level 01");
        assert_eq!(ambience(Screen::Title, Some(&s)), None);
        assert_eq!(ambience(Screen::Debrief, Some(&s)), None);
        assert_eq!(ambience(Screen::Evening, Some(&s)), Some(Sound::Home));
        let places = s.state().world.lv().places.clone();
        for (i, p) in places.iter().enumerate() {
            s.stage().place = i as u16;
            let a = ambience(Screen::Place, Some(&s)).expect("a place is heard");
            let want = match p.kind {
                PlaceKind::Market | PlaceKind::Alley => Sound::Market,
                PlaceKind::Port | PlaceKind::Wholesale => Sound::Port,
                PlaceKind::Home => Sound::Home,
                _ => Sound::Street,
            };
            assert_eq!(a, want, "{}", p.id);
        }
    }

    #[test]
    fn a_walk_with_screenshots_clicks_once_and_a_stop_whistles() {
        let ev = [
            Event::Screenshot { index: 1 },
            Event::Screenshot { index: 2 },
            Event::Stopped {
                inspector: 0,
                place: 1,
            },
        ];
        assert_eq!(cues(&ev), vec![Sound::Screenshot, Sound::Whistle]);
        assert!(cues(&[Event::Released]).is_empty());
        for s in Sound::ALL {
            assert_eq!(s.caption().is_some(), !s.is_ambience(), "{s:?}");
        }
    }

    #[test]
    fn off_is_silent_and_the_volume_curve_rises() {
        let mut st = Settings::default();
        assert!(st.prefs.sound && gain(&st) > 0.0);
        let g: Vec<f32> = (0..=10)
            .map(|v| {
                st.prefs.volume = v;
                gain(&st)
            })
            .collect();
        assert!(g.windows(2).all(|w| w[0] < w[1]) && g[0] == 0.0 && g[10] == 1.0);
        st.prefs.sound = false;
        assert_eq!(gain(&st), 0.0);
    }
}
